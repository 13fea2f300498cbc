import { sql } from "drizzle-orm";
import type { Db } from "~db/client";

/**
 * Each member business's sales through the cooperative between two instants, from the ledger (decision 36): the
 * gross of their captured order lines (their share and the cooperative's fee), less what refunds and reversals
 * took back in the same period, each counted in the period it was posted. Adjustments and payouts are not sales.
 * Only businesses with a line in the period appear.
 */
export async function salesByMember(db: Db, cooperativeId: string, from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await db.execute<{ member_id: string; sales: string }>(sql`
    select l.member_id, sum(l.credit - l.debit) as sales
    from journal_lines l
    join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
    join ledger_accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    where l.cooperative_id = ${cooperativeId} and l.member_id is not null and l.order_line_id is not null
      and e.source_kind in ('payment_captured', 'refund', 'reversal')
      and a.kind in ('member_payable', 'fee_revenue', 'refunds')
      and e.posted_at >= ${from.toISOString()}::timestamptz and e.posted_at < ${to.toISOString()}::timestamptz
    group by l.member_id`);
  return new Map(rows.map((row) => [row.member_id, Number(row.sales)]));
}
