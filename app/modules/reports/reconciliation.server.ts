import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";
import { rangeBounds, type Period } from "./periods";

/**
 * Reconciliation (decision 35): what each way of paying recorded against what the ledger holds for it. A payment
 * belongs to a source by its provider and method: Midtrans (online and the counter's dynamic QRIS), Stripe, a manual
 * bank transfer, the outlet's cash drawer and its static QRIS sticker.
 */
export const paymentSources = ["midtrans", "stripe", "transfer", "outlet_cash", "outlet_qris"] as const;
export type PaymentSource = (typeof paymentSources)[number];

export type DifferenceKind =
  /** Paid and not flagged, but no capture in the ledger. */
  | "missing_posting"
  /** A capture in the ledger for a payment that is not paid. */
  | "posting_without_payment"
  /** The ledger's capture is not the payment's amount. */
  | "amount_mismatch"
  /** Flagged payments not yet resolved (money held, not counted). */
  | "flagged_amount_mismatch"
  | "flagged_paid_twice"
  | "flagged_paid_after_expiry";

export interface Difference {
  kind: DifferenceKind;
  source: PaymentSource;
  paymentId: string;
  orderId: string;
  orderNumber: string;
  reference: string;
  paymentStatus: string;
  /** The payment's amount as recorded (for a flagged amount mismatch: the order's, not what arrived). */
  recorded: number;
  /** What the ledger's capture holds for it (0: none). */
  posted: number;
  /** When it was paid, else when it was posted. */
  at: Date | null;
}

export interface SourceTotals {
  source: PaymentSource;
  /** Paid payments of the period, flagged ones left out (they are not sales). */
  recorded: number;
  recordedCount: number;
  /** Captures the ledger holds for the period's payments (net of reversals). */
  posted: number;
  postedCount: number;
  /** Flagged payments still open, their recorded amounts. */
  flagged: number;
  flaggedCount: number;
}

export interface Reconciliation {
  sources: SourceTotals[];
  differences: Difference[];
}

type Row = {
  payment_id: string;
  order_id: string;
  order_number: string;
  reference: string;
  provider: string;
  method: string | null;
  status: string;
  amount: string;
  paid_at: string | Date | null;
  alert: string | null;
  alert_resolved: boolean;
  posted: string | null;
  posted_at: string | Date | null;
};

/** The source of a payment: its provider, and for a manual one its method (the counter marks cash and the sticker). */
export function sourceOf(provider: string, method: string | null): PaymentSource {
  if (provider === "midtrans") return "midtrans";
  if (provider === "stripe") return "stripe";
  if (method === "cash") return "outlet_cash";
  if (method === "qris_static") return "outlet_qris";
  return "transfer";
}

/**
 * Per source the period's recorded payments against the ledger's captures, and each difference: a captured payment
 * with no posting, a posting whose payment is not paid, a posting of another amount, and flagged payments still
 * open. A payment is in the period when it was paid in it, or its capture was posted in it; a flagged payment still
 * open shows in every period until the treasurer resolves it: it is work to do, and it has no time of its own.
 */
export async function reconcile(db: Db, cooperativeId: string, period: Pick<Period, "from" | "to">, zone: IndonesianTimeZone): Promise<Reconciliation> {
  const { start, end } = rangeBounds(period, zone);
  const rows = await db.execute<Row>(sql`
    with captures as (
      select e.source_id as payment_id, min(e.posted_at) as posted_at,
        coalesce(sum(l.debit - l.credit) filter (where a.kind in ('provider_clearing', 'cash')), 0)
          - coalesce((select sum(rl.credit - rl.debit) from journal_entries r
              join journal_lines rl on rl.cooperative_id = r.cooperative_id and rl.entry_id = r.id
              join ledger_accounts ra on ra.cooperative_id = rl.cooperative_id and ra.id = rl.account_id
              where r.cooperative_id = e.cooperative_id and r.source_kind = 'reversal' and r.source_id = e.id
                and ra.kind in ('provider_clearing', 'cash')), 0) as posted
      from journal_entries e
      join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
      join ledger_accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      where e.cooperative_id = ${cooperativeId} and e.source_kind = 'payment_captured'
      group by e.cooperative_id, e.id, e.source_id
    )
    select p.id as payment_id, p.order_id, o.number as order_number, p.reference, p.provider::text as provider, p.method,
      p.status::text as status, p.amount, p.paid_at, p.alert, p.alert_resolved_at is not null as alert_resolved,
      c.posted, c.posted_at
    from payments p
    join orders o on o.cooperative_id = p.cooperative_id and o.id = p.order_id
    left join captures c on c.payment_id = p.id
    where p.cooperative_id = ${cooperativeId}
      and ((p.paid_at >= ${start.toISOString()}::timestamptz and p.paid_at < ${end.toISOString()}::timestamptz)
        or (c.posted_at >= ${start.toISOString()}::timestamptz and c.posted_at < ${end.toISOString()}::timestamptz)
        or (p.alert is not null and p.alert_resolved_at is null))
    order by coalesce(p.paid_at, c.posted_at, p.created_at), o.number`);

  const totals = new Map<PaymentSource, SourceTotals>(
    paymentSources.map((source) => [source, { source, recorded: 0, recordedCount: 0, posted: 0, postedCount: 0, flagged: 0, flaggedCount: 0 }]),
  );
  const differences: Difference[] = [];
  for (const row of rows) {
    const source = sourceOf(row.provider, row.method);
    const sums = totals.get(source)!;
    const amount = Number(row.amount);
    const posted = row.posted === null ? null : Number(row.posted);
    const openFlag = row.alert !== null && !row.alert_resolved;
    const difference = (kind: DifferenceKind) =>
      differences.push({
        kind,
        source,
        paymentId: row.payment_id,
        orderId: row.order_id,
        orderNumber: row.order_number,
        reference: row.reference,
        paymentStatus: row.status,
        recorded: amount,
        posted: posted ?? 0,
        at: row.paid_at ? new Date(row.paid_at) : row.posted_at ? new Date(row.posted_at) : null,
      });
    if (openFlag) {
      sums.flagged += amount;
      sums.flaggedCount += 1;
      difference(`flagged_${row.alert}` as DifferenceKind);
    } else if (row.status === "paid" && row.alert === null) {
      sums.recorded += amount;
      sums.recordedCount += 1;
    }
    if (posted !== null && posted !== 0) {
      sums.posted += posted;
      sums.postedCount += 1;
    }
    if (row.alert !== null) continue;
    if (row.status === "paid" && (posted === null || posted === 0)) difference("missing_posting");
    else if (row.status !== "paid" && posted !== null && posted !== 0) difference("posting_without_payment");
    else if (row.status === "paid" && posted !== null && posted !== amount) difference("amount_mismatch");
  }
  return { sources: [...totals.values()], differences };
}
