import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adjustLedger } from "~/flows/adjust-ledger.server";
import { WIB } from "~/lib/indonesia/time-zones";
import { memberBalance, memberBalances, memberStatement, trialBalance } from "~/modules/ledger/balances.server";
import { recordSkuCost } from "~/modules/ledger/costs.server";
import { earningsOf, soldLines } from "~/modules/ledger/earnings.server";
import { setFeeOverride } from "~/modules/ledger/fees.server";
import { postPaymentCaptured, postPayout, postProviderCharge, postRefund, reverseEntry } from "~/modules/ledger/post.server";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { paidOrder as paidOrderOf } from "../support/orders";

let database: TestDatabase;
let a: string;
let b: string;
let manager: string;
const ids: Record<string, string> = {};

async function one<T>(query: Promise<T[]>): Promise<T> {
  const [row] = await query;
  if (!row) throw new Error("no row");
  return row;
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  await database.sql`update cooperatives set local_delivery_fee = 15000, local_delivery_area = 'Kota Probolinggo', payout_hold_days = 7 where id in (${a}, ${b})`;
  for (const [key, coop, slug] of [
    ["siti", a, "dapur-bu-siti"],
    ["mawar", a, "batik-mawar"],
    ["sitiB", b, "dapur-bu-siti"],
  ] as const) {
    ids[key] = (await one(database.sql<{ id: string }[]>`select id from members where cooperative_id = ${coop} and slug = ${slug}`)).id;
  }
  for (const [key, coop, slug] of [
    ["chips", a, "keripik-singkong-balado"],
    ["floss", a, "abon-ikan-tongkol"],
    ["batik", a, "batik-tulis-mangga"],
    ["chipsB", b, "keripik-singkong-balado"],
  ] as const) {
    ids[key] = (
      await one(database.sql<{ id: string }[]>`select v.id from product_variants v join products p on p.id = v.product_id where v.cooperative_id = ${coop} and p.slug = ${slug} order by v.sku limit 1`)
    ).id;
    await database.sql`update product_variants set stock = 50 where id = ${ids[key]!}`;
  }
  manager = (await one(database.sql<{ id: string }[]>`insert into users (email, name, password_hash) values ('pengurus@a.test', 'Pengurus', 'x') returning id`)).id;
});
afterAll(() => database.close());

/** Places a paid order (a local delivery, Rp 15.000) with the given items, paid by Midtrans at `paidAt`. */
function paidOrder(cooperativeId: string, items: [variantKey: string, quantity: number][], paidAt: Date) {
  return paidOrderOf(database, cooperativeId, items.map(([key, quantity]) => [ids[key]!, quantity]), paidAt);
}

/** Invariant 1: every entry balances, the cooperative's ledger sums to zero, and every member balance is their account's lines. */
async function expectLedgerHolds(cooperativeId: string) {
  const unbalanced = await database.sql`
    select entry_id from journal_lines where cooperative_id = ${cooperativeId} group by entry_id having sum(debit - credit) <> 0`;
  expect(unbalanced).toHaveLength(0);
  const total = await one(database.sql<{ debit: string; credit: string }[]>`
    select coalesce(sum(debit), 0) as debit, coalesce(sum(credit), 0) as credit from journal_lines where cooperative_id = ${cooperativeId}`);
  expect(Number(total.debit)).toBe(Number(total.credit));
  const rows = await trialBalance(database.db, cooperativeId);
  expect(rows.reduce((sum, row) => sum + row.debit - row.credit, 0)).toBe(0);
  const far = new Date("2100-01-01T00:00:00Z");
  for (const balance of await memberBalances(database.db, cooperativeId, { now: far, holdDays: 7 })) {
    const lines = await one(database.sql<{ sum: string }[]>`
      select coalesce(sum(l.credit - l.debit), 0) as sum from journal_lines l join ledger_accounts acc on acc.id = l.account_id
      where acc.cooperative_id = ${cooperativeId} and acc.kind = 'member_payable' and acc.member_id = ${balance.memberId}`);
    expect(balance.balance).toBe(Number(lines.sum));
  }
}

describe("fees at checkout", () => {
  it("snapshots the business's rate, else the category's, else the cooperative's, on each line; overrides are audited", async () => {
    expect((await setFeeOverride(database.db, { cooperativeId: a, actorUserId: manager, target: "member", id: ids.mawar!, rate: 500 })).ok).toBe(true);
    const olahan = await one(database.sql<{ id: string }[]>`select id from categories where cooperative_id = ${a} and slug = 'olahan-laut'`);
    expect((await setFeeOverride(database.db, { cooperativeId: a, actorUserId: manager, target: "category", id: olahan.id, rate: 750 })).ok).toBe(true);
    // Another cooperative's business is not found from this one.
    expect(await setFeeOverride(database.db, { cooperativeId: a, actorUserId: manager, target: "member", id: ids.sitiB!, rate: 0 })).toEqual({ ok: false, error: "not_found" });
    const audits = await database.sql`select entity_type, before, after from audit_log where cooperative_id = ${a} and action = 'fee.override_changed' order by created_at`;
    expect(audits.map((row) => [row.entity_type, row.before, row.after])).toEqual([
      ["member", { feeRateBp: null }, { feeRateBp: 500 }],
      ["category", { feeRateBp: null }, { feeRateBp: 750 }],
    ]);
  });
});

describe("the ledger after payments, refunds, charges, payouts and adjustments", () => {
  let first: Awaited<ReturnType<typeof paidOrder>>;

  it("posts a captured payment in the payment's transaction: clearing, member shares, fees, shipping", async () => {
    first = await paidOrder(
      a,
      [
        ["chips", 2],
        ["floss", 1],
        ["batik", 1],
      ],
      new Date("2026-11-10T03:00:00Z"),
    );
    const line = (variant: string) => first.lines.find((candidate) => candidate.variantId === ids[variant])!;
    expect([line("chips").feeRateBp, line("floss").feeRateBp, line("batik").feeRateBp]).toEqual([1000, 750, 500]);
    expect(first.total).toBe(36_000 + 45_000 + 350_000 + 15_000);
    const accounts = Object.fromEntries(
      (await trialBalance(database.db, a)).map((row) => [row.businessName ?? (row.provider ? `${row.kind}:${row.provider}` : row.kind), row.credit - row.debit]),
    );
    expect(accounts).toMatchObject({
      "provider_clearing:midtrans": -446_000,
      "Dapur Bu Siti": 32_400 + 41_625,
      "Batik Mawar Paiton": 332_500,
      fee_revenue: 3_600 + 3_375 + 17_500,
      shipping_revenue: 15_000,
    });
    await expectLedgerHolds(a);
  });

  it("posts each source event once: a second capture of the same payment is the same entry", async () => {
    const again = await database.db.transaction((tx) =>
      postPaymentCaptured(tx, { cooperativeId: a, paymentId: first.payment.id, orderId: first.orderId, provider: "midtrans", amount: first.total, paidAt: new Date() }),
    );
    expect(again.posted).toBe(false);
    const entries = await database.sql`select id from journal_entries where cooperative_id = ${a} and source_kind = 'payment_captured' and source_id = ${first.payment.id}`;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.id).toBe(again.entryId);
  });

  it("reverses a refund in proportion to the refunded lines, once per refund", async () => {
    const chips = first.lines.find((line) => line.variantId === ids.chips)!;
    const floss = first.lines.find((line) => line.variantId === ids.floss)!;
    const refundId = "10000000-0000-4000-8000-000000000001";
    const refund = () =>
      database.db.transaction((tx) =>
        postRefund(tx, {
          cooperativeId: a,
          refundId,
          orderId: first.orderId,
          paidBackFrom: "midtrans",
          refundedAt: new Date("2026-11-20T05:00:00Z"),
          // One of the two packs of chips, all the floss, and the shipping.
          lines: [
            { orderLineId: chips.id, amount: 18_000 },
            { orderLineId: floss.id, amount: 45_000 },
          ],
          shipping: 15_000,
        }),
      );
    expect((await refund()).posted).toBe(true);
    expect((await refund()).posted).toBe(false);
    const far = { now: new Date("2100-01-01T00:00:00Z"), holdDays: 7 };
    // 74.025 - (16.200 of the chips' 18.000, 41.625 of the floss' 45.000)
    expect((await memberBalance(database.db, a, ids.siti!, far)).balance).toBe(16_200);
    const refunds = (await trialBalance(database.db, a)).find((row) => row.kind === "refunds")!;
    expect(refunds.debit).toBe(1_800 + 3_375 + 15_000);
    // A refund above what the line was sold for is thrown, and writes nothing.
    await expect(
      database.db.transaction((tx) =>
        postRefund(tx, {
          cooperativeId: a,
          refundId: "10000000-0000-4000-8000-000000000002",
          orderId: first.orderId,
          paidBackFrom: "bank",
          refundedAt: new Date(),
          lines: [{ orderLineId: chips.id, amount: 36_001 }],
        }),
      ),
    ).rejects.toThrow(RangeError);
    await expectLedgerHolds(a);
  });

  it("posts a provider's charge, a payout and a manager's audited adjustment", async () => {
    await database.db.transaction(async (tx) => {
      await postProviderCharge(tx, { cooperativeId: a, paymentId: first.payment.id, orderId: first.orderId, provider: "midtrans", amount: 3_122, chargedAt: new Date("2026-11-11T00:00:00Z") });
      await postPayout(tx, { cooperativeId: a, payoutId: "20000000-0000-4000-8000-000000000001", memberId: ids.siti!, amount: 10_000, paidAt: new Date("2026-12-05T02:00:00Z") });
    });
    const adjusted = await adjustLedger(database.db, {
      cooperativeId: a,
      actorUserId: manager,
      debit: { kind: "fee_revenue" },
      credit: { kind: "member_payable", memberId: ids.siti! },
      amount: 2_500,
      reason: "Kemasan rusak waktu serah terima, diganti koperasi",
      now: new Date("2026-12-06T02:00:00Z"),
    });
    expect(adjusted.ok).toBe(true);
    const [audit] = await database.sql`select action, after from audit_log where cooperative_id = ${a} and action = 'ledger.adjusted'`;
    expect(audit!.after).toMatchObject({ amount: 2_500, credit: `member_payable:${ids.siti}`, debit: "fee_revenue" });
    // Another cooperative's business cannot be adjusted from this one, and nothing is written.
    const before = await database.sql`select id from journal_entries where cooperative_id = ${a}`;
    const foreign = await adjustLedger(database.db, {
      cooperativeId: a,
      actorUserId: manager,
      debit: { kind: "bank" },
      credit: { kind: "member_payable", memberId: ids.sitiB! },
      amount: 1_000,
      reason: "Coba-coba ke koperasi lain",
    });
    expect(foreign).toEqual({ ok: false, error: "unknown_member" });
    expect(await database.sql`select id from journal_entries where cooperative_id = ${a}`).toHaveLength(before.length);
    await expectLedgerHolds(a);
  });

  it("a statement reconciles, against a hand-computed example", async () => {
    const november = await memberStatement(database.db, a, ids.siti!, "2026-11", WIB);
    expect(november).toMatchObject({
      opening: 0,
      earnings: 32_400 + 41_625,
      refunds: 16_200 + 41_625,
      payouts: 0,
      adjustments: 0,
      closing: 16_200,
      omzet: 36_000 + 45_000,
      fee: 3_600 + 3_375,
    });
    expect(november.rows.map((row) => [row.kind, row.gross, row.fee, row.amount])).toEqual([
      ["payment_captured", 81_000, 6_975, 74_025],
      ["refund", -63_000, -5_175, -57_825],
    ]);
    const december = await memberStatement(database.db, a, ids.siti!, "2026-12", WIB);
    expect(december).toMatchObject({ opening: 16_200, earnings: 0, refunds: 0, payouts: 10_000, adjustments: 2_500, closing: 8_700 });
    for (const statement of [november, december]) {
      expect(statement.opening + statement.earnings - statement.refunds - statement.payouts + statement.adjustments).toBe(statement.closing);
    }
    // The other business's statement shows only its own sale.
    const mawar = await memberStatement(database.db, a, ids.mawar!, "2026-11", WIB);
    expect(mawar).toMatchObject({ opening: 0, earnings: 332_500, closing: 332_500, omzet: 350_000, fee: 17_500 });
  });

  it("keeps shares pending until the line is completed and the hold period has passed", async () => {
    const chips = first.lines.find((line) => line.variantId === ids.chips)!;
    const at = (iso: string) => memberBalance(database.db, a, ids.siti!, { now: new Date(iso), holdDays: 7 });
    expect(await at("2026-11-25T00:00:00Z")).toMatchObject({ balance: 16_200, pending: 16_200, available: 0 });
    await database.sql`update order_lines set completed_at = '2026-11-24T00:00:00Z' where id = ${chips.id}`;
    expect(await at("2026-11-30T00:00:00Z")).toMatchObject({ balance: 16_200, pending: 16_200, available: 0 });
    expect(await at("2026-12-01T00:00:00Z")).toMatchObject({ balance: 16_200, pending: 0, available: 16_200 });
    // After the payout and the adjustment.
    expect(await at("2026-12-10T00:00:00Z")).toMatchObject({ balance: 8_700, pending: 0, available: 8_700 });
  });

  it("shows gross profit only where every sale has a cost, from the cost in force on the day of the sale", async () => {
    expect(
      await recordSkuCost(database.db, { cooperativeId: a, memberId: ids.siti!, userId: manager, variantId: ids.batik!, materials: 1, packaging: 1, effectiveFrom: "2026-01-01" }),
    ).toEqual({ ok: false, error: "not_found" });
    for (const [effectiveFrom, materials] of [
      ["2026-11-01", 5_000],
      ["2026-11-11", 9_000],
    ] as const) {
      expect((await recordSkuCost(database.db, { cooperativeId: a, memberId: ids.siti!, userId: manager, variantId: ids.chips!, materials, packaging: 1_000, effectiveFrom })).ok).toBe(true);
    }
    const lines = await soldLines(database.db, a, ids.siti!, WIB, new Date("2026-01-01T00:00:00Z"));
    const chips = lines.find((line) => line.productId && line.nameId.startsWith("Keripik"))!;
    expect(chips).toMatchObject({ unitCost: 6_000, quantity: 2, refundedGross: 18_000, refundedShare: 16_200 });
    // The floss has no cost but was refunded whole: nothing kept, nothing missing.
    expect(earningsOf(lines)).toMatchObject({ omzet: 81_000, net: 16_200, cost: 6_000, profit: 10_200, costMissing: false });
  });
});

describe("the database keeps the ledger", () => {
  const refused = (query: Promise<unknown>) => expect(query).rejects.toThrow();

  it("refuses an unbalanced entry and an entry without lines at commit", async () => {
    const account = await one(database.sql<{ id: string }[]>`select id from ledger_accounts where cooperative_id = ${a} and kind = 'bank'`);
    const entryId = "30000000-0000-4000-8000-000000000001";
    await expect(
      database.sql.begin(async (tx) => {
        await tx`insert into journal_entries (id, cooperative_id, source_kind, source_id, posted_at) values (${entryId}, ${a}, 'adjustment', ${entryId}, now())`;
        await tx`insert into journal_lines (cooperative_id, entry_id, account_id, debit) values (${a}, ${entryId}, ${account.id}, 1000)`;
        await tx`insert into journal_lines (cooperative_id, entry_id, account_id, credit) values (${a}, ${entryId}, ${account.id}, 999)`;
      }),
    ).rejects.toThrow(/does not balance/);
    await expect(
      database.sql.begin(async (tx) => {
        await tx`insert into journal_entries (id, cooperative_id, source_kind, source_id, posted_at) values (${entryId}, ${a}, 'adjustment', ${entryId}, now())`;
      }),
    ).rejects.toThrow(/does not balance/);
    expect(await database.sql`select 1 from journal_entries where id = ${entryId}`).toHaveLength(0);
  });

  it("refuses any UPDATE or DELETE of posted lines and entries; a correction is a reversing entry", async () => {
    await refused(database.sql`update journal_lines set credit = credit + 1 where cooperative_id = ${a} and credit > 0`);
    await refused(database.sql`delete from journal_lines where cooperative_id = ${a}`);
    await refused(database.sql`update journal_entries set memo = 'diubah' where cooperative_id = ${a}`);
    await refused(database.sql`delete from journal_entries where cooperative_id = ${a}`);
    await refused(database.sql`truncate journal_lines`);
    const [adjustment] = await database.sql<{ id: string }[]>`select id from journal_entries where cooperative_id = ${a} and source_kind = 'adjustment'`;
    const far = { now: new Date("2100-01-01T00:00:00Z"), holdDays: 7 };
    const before = await memberBalance(database.db, a, ids.siti!, far);
    const reverse = () => database.db.transaction((tx) => reverseEntry(tx, { cooperativeId: a, entryId: adjustment!.id, reason: "salah catat", createdBy: manager, postedAt: new Date() }));
    expect((await reverse())!.posted).toBe(true);
    expect((await reverse())!.posted).toBe(false);
    expect((await memberBalance(database.db, a, ids.siti!, far)).balance).toBe(before.balance - 2_500);
    // Another cooperative's entry is not found.
    expect(await database.db.transaction((tx) => reverseEntry(tx, { cooperativeId: b, entryId: adjustment!.id, reason: "x", createdBy: null, postedAt: new Date() }))).toBeUndefined();
    await expectLedgerHolds(a);
  });
});

describe("two cooperatives", () => {
  it("keep their ledgers apart: each sums to zero, and no member's money shows in the other", async () => {
    await paidOrder(b, [["chipsB", 3]], new Date("2026-11-12T03:00:00Z"));
    await expectLedgerHolds(b);
    await expectLedgerHolds(a);
    const far = { now: new Date("2100-01-01T00:00:00Z"), holdDays: 7 };
    expect((await memberBalance(database.db, b, ids.sitiB!, far)).balance).toBe(3_000 - 300);
    // Asking cooperative A for B's business (or B for A's) finds nothing.
    expect((await memberBalance(database.db, a, ids.sitiB!, far)).balance).toBe(0);
    expect((await memberBalance(database.db, b, ids.siti!, far)).balance).toBe(0);
    expect((await memberStatement(database.db, a, ids.sitiB!, "2026-11", WIB)).rows).toHaveLength(0);
    expect(await soldLines(database.db, b, ids.siti!, WIB, new Date(0))).toHaveLength(0);
    const accountsOfB = await database.db.execute(sql`select member_id from ledger_accounts where cooperative_id = ${b} and kind = 'member_payable'`);
    expect(accountsOfB.map((row) => row.member_id)).toEqual([ids.sitiB]);
  });
});
