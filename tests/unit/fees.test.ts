import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectiveFeeRateBp, splitLine } from "~/lib/fees";
import { BASIS_POINTS } from "~/lib/money";
import { captureLegs, imbalance, refundLegs, type SoldLineSnapshot } from "~/modules/ledger/legs";
import { accountFromKey } from "~/modules/ledger/adjustment-form";
import { accountKey } from "~/modules/ledger/accounts.server";
import { monthBounds, monthOf, recentMonths } from "~/modules/ledger/months";
import { earningsOf, type SoldLine } from "~/modules/ledger/earnings.server";
import { WIB, WIT } from "~/lib/indonesia/time-zones";

const rates = fc.integer({ min: 0, max: BASIS_POINTS });
const optionalRate = fc.option(rates, { nil: null });
const members = ["m1", "m2", "m3", "m4"];

/** A random order as checkout makes it: lines at their effective rate, split once each, plus shipping. */
const orders = fc
  .record({
    cooperative: rates,
    shipping: fc.integer({ min: 0, max: 2_000_000 }),
    lines: fc.array(
      fc.record({
        unitPrice: fc.integer({ min: 1, max: 5_000_000 }),
        quantity: fc.integer({ min: 1, max: 999 }),
        category: optionalRate,
        member: optionalRate,
        memberId: fc.constantFrom(...members),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map((order) => {
    const lines: SoldLineSnapshot[] = order.lines.map((line, index) => {
      const rate = effectiveFeeRateBp({ cooperative: order.cooperative, category: line.category, member: line.member });
      return { id: `line-${index}`, memberId: line.memberId, ...splitLine(line.unitPrice, line.quantity, rate) };
    });
    const amount = lines.reduce((sum, line) => sum + line.lineTotal, 0) + order.shipping;
    return { lines, shipping: order.shipping, amount };
  });

describe("the fee rule", () => {
  it("takes the business's rate, else the category's, else the cooperative's", () => {
    expect(effectiveFeeRateBp({ cooperative: 1000, category: null, member: null })).toBe(1000);
    expect(effectiveFeeRateBp({ cooperative: 1000, category: 750, member: null })).toBe(750);
    expect(effectiveFeeRateBp({ cooperative: 1000, category: 750, member: 500 })).toBe(500);
    expect(effectiveFeeRateBp({ cooperative: 1000, category: null, member: 0 })).toBe(0); // a 0 % deal is a deal
  });

  it("rounds the fee once per line, half up, and gives the member the rest", () => {
    expect(splitLine(10_005, 1, 1000)).toEqual({ lineTotal: 10_005, fee: 1_001, memberShare: 9_004 }); // 1000.5 -> 1001
    expect(splitLine(3_333, 3, 750)).toEqual({ lineTotal: 9_999, fee: 750, memberShare: 9_249 }); // 749.925 -> 750
  });
});

describe("property: many random orders", () => {
  it("fees + shares + shipping = the amount paid, and the capture entry balances", () => {
    fc.assert(
      fc.property(orders, ({ lines, shipping, amount }) => {
        const fees = lines.reduce((sum, line) => sum + line.fee, 0);
        const shares = lines.reduce((sum, line) => sum + line.memberShare, 0);
        expect(fees + shares + shipping).toBe(amount);
        for (const line of lines) expect(line.fee + line.memberShare).toBe(line.lineTotal);
        const legs = captureLegs({ provider: "midtrans", amount, shipping, lines });
        expect(imbalance(legs)).toBe(0);
        // Each member's payable gets exactly their shares.
        for (const member of members) {
          const credited = legs.filter((leg) => leg.account.kind === "member_payable" && "memberId" in leg.account && leg.account.memberId === member);
          expect(credited.reduce((sum, leg) => sum + (leg.credit ?? 0), 0)).toBe(lines.filter((line) => line.memberId === member).reduce((sum, line) => sum + line.memberShare, 0));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("a refund of any part of any lines balances, and splits each line's amount exactly into share and fee", () => {
    const refunds = orders.chain((order) =>
      fc.record({
        order: fc.constant(order),
        parts: fc.tuple(...order.lines.map((line) => fc.integer({ min: 0, max: line.lineTotal }))),
        shipping: fc.integer({ min: 0, max: order.shipping }),
      }),
    );
    fc.assert(
      fc.property(refunds, ({ order, parts, shipping }) => {
        const lines = order.lines.map((line, index) => ({ line, amount: parts[index]! })).filter((refund) => refund.amount > 0);
        const legs = refundLegs({ paidBackFrom: "stripe", lines, shipping });
        expect(imbalance(legs)).toBe(0);
        for (const { line, amount } of lines) {
          const ofLine = legs.filter((leg) => leg.orderLineId === line.id);
          const total = ofLine.reduce((sum, leg) => sum + (leg.debit ?? 0), 0);
          expect(total).toBe(amount);
          const share = ofLine.find((leg) => leg.account.kind === "member_payable")!.debit!;
          expect(share).toBeLessThanOrEqual(line.memberShare);
          // A whole-line refund gives back exactly the share and the fee.
          if (amount === line.lineTotal) expect(share).toBe(line.memberShare);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a capture then a full refund leave every account (revenue with its refunds) at zero", () => {
    fc.assert(
      fc.property(orders, ({ lines, shipping, amount }) => {
        const legs = [
          ...captureLegs({ provider: "manual", amount, shipping, lines }),
          ...refundLegs({ paidBackFrom: "manual", shipping, lines: lines.map((line) => ({ line, amount: line.lineTotal })) }),
        ];
        // The refunds account stands against fee and shipping revenue together: one "revenue" group.
        const group = (leg: (typeof legs)[number]) => (["refunds", "fee_revenue", "shipping_revenue"].includes(leg.account.kind) ? "revenue" : accountKey(leg.account));
        const byAccount = new Map<string, number>();
        for (const leg of legs) byAccount.set(group(leg), (byAccount.get(group(leg)) ?? 0) + (leg.debit ?? 0) - (leg.credit ?? 0));
        for (const [, balance] of byAccount) expect(balance).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe("ledger helpers", () => {
  it("reads an account from its form key and refuses anything else", () => {
    for (const key of ["bank", "cash", "fee_revenue", "provider_clearing:stripe", "member_payable:00000000-0000-4000-8000-000000000001"]) {
      expect(accountKey(accountFromKey(key)!)).toBe(key);
    }
    for (const key of ["", "member_payable", "member_payable:x", "provider_clearing:paypal", "bank:1", "cash:1", "fee_revenue:a:b"]) expect(accountFromKey(key)).toBeNull();
  });

  it("cuts months in the cooperative's zone", () => {
    expect(monthBounds("2026-12", WIB)).toEqual({ from: new Date("2026-11-30T17:00:00Z"), to: new Date("2026-12-31T17:00:00Z") });
    expect(monthOf(new Date("2026-11-30T16:59:59Z"), WIB)).toBe("2026-11");
    expect(monthOf(new Date("2026-11-30T15:00:00Z"), WIT)).toBe("2026-12");
    expect(recentMonths(new Date("2026-02-10T00:00:00Z"), WIB, 3)).toEqual(["2025-12", "2026-01", "2026-02"]);
  });

  it("shows no profit when a sold unit has no cost, and counts cost only on units kept", () => {
    const line = (overrides: Partial<SoldLine>): SoldLine => ({
      orderLineId: "l",
      productId: "p",
      nameId: "Keripik",
      nameEn: "Chips",
      month: "2026-12",
      quantity: 4,
      gross: 40_000,
      fee: 4_000,
      share: 36_000,
      refundedGross: 0,
      refundedShare: 0,
      unitCost: 5_000,
      ...overrides,
    });
    expect(earningsOf([line({})])).toMatchObject({ omzet: 40_000, fee: 4_000, net: 36_000, cost: 20_000, profit: 16_000, costMissing: false });
    expect(earningsOf([line({}), line({ unitCost: null })])).toMatchObject({ profit: null, costMissing: true });
    // Half refunded: two units came back, their cost does not count.
    expect(earningsOf([line({ refundedGross: 20_000, refundedShare: 18_000 })])).toMatchObject({ net: 18_000, cost: 10_000, profit: 8_000 });
    // Fully refunded without a cost: nothing kept, nothing missing.
    expect(earningsOf([line({ refundedGross: 40_000, refundedShare: 36_000, unitCost: null })])).toMatchObject({ net: 0, profit: 0 });
  });
});
