import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { journalEntries, journalLines } from "~db/schema";
import { rupiah, type Rupiah } from "~/lib/money";
import {
  accountId,
  accountKey,
  type AccountRef,
  type ProviderName,
} from "./accounts.server";
import {
  captureLegs,
  imbalance,
  refundLegs,
  type Leg,
  type SoldLineSnapshot,
} from "./legs";

export type { Leg } from "./legs";

export type SourceKind = (typeof journalEntries.$inferSelect)["sourceKind"];

export interface NewEntry {
  cooperativeId: string;
  /** The event this entry records: one entry per source, ever. */
  source: { kind: SourceKind; id: string };
  orderId?: string | null;
  memo?: string;
  postedAt: Date;
  createdBy?: string | null;
  legs: Leg[];
}

/** The entry of the source, and whether this call posted it (false: it was posted before, nothing changed). */
export interface Posted {
  entryId: string;
  posted: boolean;
}

/**
 * Posts one balanced entry in the caller's transaction, once per source event: posting the same source again
 * answers the first entry and writes nothing. An unbalanced entry is a bug, thrown here and refused by the
 * database at commit anyway (migration `ledger_rules`). Legs of zero rupiah are left out.
 */
export async function postEntry(tx: Db, entry: NewEntry): Promise<Posted> {
  const legs = entry.legs.filter(
    (leg) => (leg.debit ?? 0) !== 0 || (leg.credit ?? 0) !== 0
  );
  if (imbalance(legs) !== 0 || legs.length < 2)
    throw new Error(
      `unbalanced journal entry for ${entry.source.kind} ${entry.source.id}`
    );
  if (legs.some((leg) => (leg.debit ?? 0) < 0 || (leg.credit ?? 0) < 0))
    throw new RangeError("a journal line's amounts are not negative");

  const [made] = await tx
    .insert(journalEntries)
    .values({
      cooperativeId: entry.cooperativeId,
      sourceKind: entry.source.kind,
      sourceId: entry.source.id,
      orderId: entry.orderId ?? null,
      memo: entry.memo ?? "",
      postedAt: entry.postedAt,
      createdBy: entry.createdBy ?? null,
    })
    .onConflictDoNothing({
      target: [
        journalEntries.cooperativeId,
        journalEntries.sourceKind,
        journalEntries.sourceId,
      ],
    })
    .returning({ id: journalEntries.id });
  if (!made) {
    const [existing] = await tx
      .select({ id: journalEntries.id })
      .from(journalEntries)
      .where(
        and(
          eq(journalEntries.cooperativeId, entry.cooperativeId),
          eq(journalEntries.sourceKind, entry.source.kind),
          eq(journalEntries.sourceId, entry.source.id)
        )
      );
    return { entryId: existing!.id, posted: false };
  }
  const ids = new Map<string, string>();
  for (const leg of legs) {
    const key = accountKey(leg.account);
    if (!ids.has(key))
      ids.set(key, await accountId(tx, entry.cooperativeId, leg.account));
  }
  await tx.insert(journalLines).values(
    legs.map((leg) => ({
      cooperativeId: entry.cooperativeId,
      entryId: made.id,
      accountId: ids.get(accountKey(leg.account))!,
      debit: leg.debit ?? 0,
      credit: leg.credit ?? 0,
      memberId:
        leg.memberId ??
        ("memberId" in leg.account ? leg.account.memberId : null),
      orderLineId: leg.orderLineId ?? null,
    }))
  );
  return { entryId: made.id, posted: true };
}

type SoldLineRow = {
  id: string;
  member_id: string;
  line_total: string | number;
  fee: string | number;
  member_share: string | number;
};

/** An order's money as sold (read here, in the posting's transaction, so a posting never trusts its caller's figures). */
async function soldLines(
  tx: Db,
  cooperativeId: string,
  orderId: string
): Promise<
  | {
      shipping: Rupiah;
      total: Rupiah;
      number: string;
      lines: SoldLineSnapshot[];
    }
  | undefined
> {
  const [order] = await tx.execute<{
    shipping: string | number;
    total: string | number;
    number: string;
  }>(
    sql`select shipping, total, number from orders where cooperative_id = ${cooperativeId} and id = ${orderId}`
  );
  if (!order) return undefined;
  const lines = await tx.execute<SoldLineRow>(sql`
    select id, member_id, line_total, fee, member_share from order_lines
    where cooperative_id = ${cooperativeId} and order_id = ${orderId} order by id`);
  return {
    shipping: rupiah(Number(order.shipping)),
    total: rupiah(Number(order.total)),
    number: order.number,
    lines: lines.map((line) => ({
      id: line.id,
      memberId: line.member_id,
      lineTotal: Number(line.line_total),
      fee: Number(line.fee),
      memberShare: Number(line.member_share),
    })),
  };
}

/**
 * A captured payment (DESIGN.md "Money"): the provider's clearing account is debited with the amount paid; each
 * order line credits its member's payable with their share and the fee revenue with its fee; shipping revenue gets
 * the shipping. Call it in the transaction that marks the order paid; the amount must be the order's total.
 */
export async function postPaymentCaptured(
  tx: Db,
  input: {
    cooperativeId: string;
    paymentId: string;
    orderId: string;
    provider: ProviderName;
    /** Cash taken at the outlet counter goes into the cash drawer's account, not a clearing account (decision 35). */
    into?: "cash";
    amount: number;
    paidAt: Date;
  }
): Promise<Posted> {
  const order = await soldLines(tx, input.cooperativeId, input.orderId);
  if (!order)
    throw new Error(`order ${input.orderId} not found for its payment`);
  if (order.total !== input.amount)
    throw new RangeError(
      `payment ${input.paymentId} of ${input.amount} is not the order's total ${order.total}`
    );
  return postEntry(tx, {
    cooperativeId: input.cooperativeId,
    source: { kind: "payment_captured", id: input.paymentId },
    orderId: input.orderId,
    memo: order.number,
    postedAt: input.paidAt,
    legs: captureLegs({
      provider: input.provider,
      into: input.into,
      amount: input.amount,
      shipping: order.shipping,
      lines: order.lines,
    }),
  });
}

/** Two legs: `amount` debited to one account and credited to another. */
function transfer(
  debit: AccountRef,
  credit: AccountRef,
  amount: number
): Leg[] {
  return [
    { account: debit, debit: amount },
    { account: credit, credit: amount },
  ];
}

/** What a provider kept of a payment (its charge): the cooperative's expense, out of the provider's clearing. */
export async function postProviderCharge(
  tx: Db,
  input: {
    cooperativeId: string;
    paymentId: string;
    orderId?: string;
    provider: ProviderName;
    amount: number;
    chargedAt: Date;
  }
): Promise<Posted> {
  return postEntry(tx, {
    cooperativeId: input.cooperativeId,
    source: { kind: "provider_charge", id: input.paymentId },
    orderId: input.orderId ?? null,
    postedAt: input.chargedAt,
    legs: transfer(
      { kind: "provider_charges" },
      { kind: "provider_clearing", provider: input.provider },
      input.amount
    ),
  });
}

export interface RefundInput {
  cooperativeId: string;
  /** The refund record: one entry per refund, however often its settlement is reported. */
  refundId: string;
  orderId: string;
  /** Where the money went back from: the provider that took it, or the cooperative's bank (a manual refund). */
  paidBackFrom: ProviderName | "bank";
  refundedAt: Date;
  /** Rupiah given back per order line (at most the line's total). */
  lines: { orderLineId: string; amount: number }[];
  /** Shipping given back. */
  shipping?: number;
  createdBy?: string | null;
  memo?: string;
}

/**
 * A refund (`refundLegs`: the reverse of the capture, in proportion to the refunded lines), once per refund record.
 * For the refund flow's `refundSettled` step, in its transaction. Amounts above a line's total, or shipping above
 * the order's, are thrown: the refund flow refuses them first.
 */
export async function postRefund(tx: Db, input: RefundInput): Promise<Posted> {
  const order = await soldLines(tx, input.cooperativeId, input.orderId);
  if (!order)
    throw new Error(
      `order ${input.orderId} not found for refund ${input.refundId}`
    );
  const shipping = input.shipping ?? 0;
  if (shipping < 0 || shipping > order.shipping)
    throw new RangeError(
      `refund ${input.refundId}: shipping ${shipping} is more than was paid`
    );
  const legs = refundLegs({
    paidBackFrom: input.paidBackFrom,
    shipping,
    lines: input.lines.map((refunded) => {
      const line = order.lines.find(
        (candidate) => candidate.id === refunded.orderLineId
      );
      if (!line)
        throw new Error(
          `refund ${input.refundId}: line ${refunded.orderLineId} is not in the order`
        );
      return { line, amount: refunded.amount };
    }),
  });
  return postEntry(tx, {
    cooperativeId: input.cooperativeId,
    source: { kind: "refund", id: input.refundId },
    orderId: input.orderId,
    memo: input.memo ?? order.number,
    postedAt: input.refundedAt,
    createdBy: input.createdBy ?? null,
    legs,
  });
}

/** A payout sent to a member business: their payable is debited, the cooperative's bank credited. */
export async function postPayout(
  tx: Db,
  input: {
    cooperativeId: string;
    payoutId: string;
    memberId: string;
    amount: number;
    paidAt: Date;
    createdBy?: string | null;
    memo?: string;
  }
): Promise<Posted> {
  return postEntry(tx, {
    cooperativeId: input.cooperativeId,
    source: { kind: "payout", id: input.payoutId },
    memo: input.memo ?? "",
    postedAt: input.paidAt,
    createdBy: input.createdBy ?? null,
    legs: transfer(
      { kind: "member_payable", memberId: input.memberId },
      { kind: "bank" },
      input.amount
    ),
  });
}

/** A manager's correction between two accounts, with the reason as its memo (the flow audits it). */
export async function postAdjustment(
  tx: Db,
  input: {
    cooperativeId: string;
    adjustmentId: string;
    debit: AccountRef;
    credit: AccountRef;
    amount: number;
    reason: string;
    createdBy: string;
    postedAt: Date;
  }
): Promise<Posted> {
  return postEntry(tx, {
    cooperativeId: input.cooperativeId,
    source: { kind: "adjustment", id: input.adjustmentId },
    memo: input.reason,
    postedAt: input.postedAt,
    createdBy: input.createdBy,
    legs: transfer(input.debit, input.credit, input.amount),
  });
}

/**
 * Undoes a posted entry with its mirror image (debits become credits, the same accounts, members and lines), once:
 * the original stays as it was. Undefined when the entry is not this cooperative's.
 */
export async function reverseEntry(
  tx: Db,
  input: {
    cooperativeId: string;
    entryId: string;
    reason: string;
    createdBy: string | null;
    postedAt: Date;
  }
): Promise<Posted | undefined> {
  const lines = await tx.execute<{
    account_id: string;
    debit: string;
    credit: string;
    member_id: string | null;
    order_line_id: string | null;
    order_id: string | null;
  }>(sql`
    select l.account_id, l.debit, l.credit, l.member_id, l.order_line_id, e.order_id
    from journal_lines l join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
    where l.cooperative_id = ${input.cooperativeId} and l.entry_id = ${input.entryId} and e.source_kind <> 'reversal'`);
  if (lines.length === 0) return undefined;
  const [made] = await tx
    .insert(journalEntries)
    .values({
      cooperativeId: input.cooperativeId,
      sourceKind: "reversal",
      sourceId: input.entryId,
      orderId: lines[0]!.order_id,
      memo: input.reason,
      postedAt: input.postedAt,
      createdBy: input.createdBy,
    })
    .onConflictDoNothing({
      target: [
        journalEntries.cooperativeId,
        journalEntries.sourceKind,
        journalEntries.sourceId,
      ],
    })
    .returning({ id: journalEntries.id });
  if (!made) return { entryId: input.entryId, posted: false };
  await tx.insert(journalLines).values(
    lines.map((line) => ({
      cooperativeId: input.cooperativeId,
      entryId: made.id,
      accountId: line.account_id,
      debit: Number(line.credit),
      credit: Number(line.debit),
      memberId: line.member_id,
      orderLineId: line.order_line_id,
    }))
  );
  return { entryId: made.id, posted: true };
}

/** What settles a flagged payment: where its money went (`bank`: back to the shopper) and why. */
export interface FlaggedPaymentPosting {
  cooperativeId: string;
  paymentId: string;
  orderId: string;
  provider: ProviderName;
  settledTo: "bank" | "other_income";
  amount: number;
  memo: string;
  createdBy: string;
  postedAt: Date;
}

/**
 * A flagged payment settled by the treasurer (decision 35), once per payment: the money the provider holds for it is
 * debited to its clearing account and credited to the bank (it went back to the shopper by bank transfer) or to other
 * income (the cooperative keeps it, with the reason as the memo).
 */
export function postFlaggedPayment(tx: Db, { paymentId, provider, settledTo, amount, ...entry }: FlaggedPaymentPosting): Promise<Posted> {
  const legs = transfer({ kind: "provider_clearing", provider }, { kind: settledTo }, amount);
  return postEntry(tx, { ...entry, source: { kind: "flagged_payment", id: paymentId }, legs });
}
