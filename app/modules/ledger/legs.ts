import { allocate, rupiah, sumRupiah } from "~/lib/money";
import type { AccountRef, ProviderName } from "./accounts.server";

/** One side of an entry: an account, an amount on one side, and whose sale or money it is. */
export interface Leg {
  account: AccountRef;
  debit?: number;
  credit?: number;
  memberId?: string | null;
  orderLineId?: string | null;
}

/** An order line as sold (its snapshot), as far as money goes. */
export interface SoldLineSnapshot {
  id: string;
  memberId: string;
  lineTotal: number;
  fee: number;
  memberShare: number;
}

/** Debits less credits: zero for a balanced entry. */
export function imbalance(legs: readonly Leg[]): number {
  return (
    sumRupiah(legs.map((leg) => rupiah(leg.debit ?? 0))) -
    sumRupiah(legs.map((leg) => rupiah(leg.credit ?? 0)))
  );
}

/**
 * The legs of a captured payment: the provider's clearing debited with the amount paid; per line the member's
 * payable credited with their share and fee revenue with the fee; shipping revenue with the shipping.
 */
export function captureLegs(input: {
  provider: ProviderName;
  /** Where the money is held instead of the provider's clearing: the outlet's cash drawer for a cash sale. */
  into?: "cash";
  amount: number;
  shipping: number;
  lines: readonly SoldLineSnapshot[];
}): Leg[] {
  const legs: Leg[] = [
    {
      account: input.into === "cash" ? { kind: "cash" } : { kind: "provider_clearing", provider: input.provider },
      debit: input.amount,
    },
  ];
  for (const line of input.lines) {
    legs.push({
      account: { kind: "member_payable", memberId: line.memberId },
      credit: line.memberShare,
      orderLineId: line.id,
    });
    legs.push({
      account: { kind: "fee_revenue" },
      credit: line.fee,
      memberId: line.memberId,
      orderLineId: line.id,
    });
  }
  legs.push({ account: { kind: "shipping_revenue" }, credit: input.shipping });
  return legs;
}

/**
 * The legs of a refund, the reverse of the capture in proportion: each line's refunded amount is split between the
 * member's share and the fee in the line's own ratio (`allocate`, so the parts add up exactly); the member's part
 * comes off their payable, the fee and shipping parts go to the refunds account (the cooperative's refunded
 * revenue), and the account the money went back from is credited with the whole.
 */
export function refundLegs(input: {
  paidBackFrom: ProviderName | "bank";
  lines: readonly { line: SoldLineSnapshot; amount: number }[];
  shipping: number;
}): Leg[] {
  const legs: Leg[] = [];
  for (const { line, amount } of input.lines) {
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > line.lineTotal)
      throw new RangeError(
        `a refund of ${amount} on a line of ${line.lineTotal}`
      );
    const [feePart, sharePart] =
      line.lineTotal === 0
        ? [0, 0]
        : allocate(rupiah(amount), [line.fee, line.memberShare]);
    legs.push({
      account: { kind: "member_payable", memberId: line.memberId },
      debit: sharePart,
      orderLineId: line.id,
    });
    legs.push({
      account: { kind: "refunds" },
      debit: feePart,
      memberId: line.memberId,
      orderLineId: line.id,
    });
  }
  legs.push({ account: { kind: "refunds" }, debit: input.shipping });
  const total =
    sumRupiah(input.lines.map(({ amount }) => rupiah(amount))) + input.shipping;
  legs.push({
    account:
      input.paidBackFrom === "bank"
        ? { kind: "bank" }
        : { kind: "provider_clearing", provider: input.paidBackFrom },
    credit: total,
  });
  return legs;
}
