import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";
import type { AccountKind } from "./accounts.server";
import { monthBounds, type Month } from "./months";

const num = (value: string | number | null | undefined) => Number(value ?? 0);

/** What the cooperative owes one member business now, and how much of it may be paid out. */
export interface MemberBalance {
  memberId: string;
  /** Everything on their payable account up to `now`. */
  balance: number;
  /** Shares of lines not yet completed, or completed less than the hold period ago. */
  pending: number;
  /** balance - pending: what a payout may take (next session's settlement runs read this). */
  available: number;
  /** Everything paid out to them so far (payouts less reversed ones). */
  paidOut: number;
}

/**
 * Balances of member payables from the ledger (decision 32): a share becomes available once its order line is
 * completed and the cooperative's hold period has passed since; payouts and adjustments (no order line) count at
 * once. `memberId` narrows to one business; without it, every business with a payable account.
 */
export async function memberBalances(
  db: Db,
  cooperativeId: string,
  options: { now: Date; holdDays: number; memberId?: string }
): Promise<MemberBalance[]> {
  const releasedBefore = new Date(
    options.now.getTime() - options.holdDays * 86_400_000
  );
  const rows = await db.execute<{
    member_id: string;
    balance: string;
    pending: string;
    paid_out: string;
  }>(sql`
    select a.member_id,
      coalesce(sum(l.credit - l.debit), 0) as balance,
      coalesce(sum(l.credit - l.debit) filter (
        where l.order_line_id is not null and (ol.completed_at is null or ol.completed_at > ${releasedBefore.toISOString()}::timestamptz)), 0) as pending,
      coalesce(sum(l.debit - l.credit) filter (where coalesce(original.source_kind, e.source_kind) = 'payout'), 0) as paid_out
    from ledger_accounts a
    join journal_lines l on l.cooperative_id = a.cooperative_id and l.account_id = a.id
    join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
    left join order_lines ol on ol.cooperative_id = l.cooperative_id and ol.id = l.order_line_id
    left join journal_entries original on e.source_kind = 'reversal' and original.cooperative_id = e.cooperative_id and original.id = e.source_id
    where a.cooperative_id = ${cooperativeId} and a.kind = 'member_payable'
      and e.posted_at <= ${options.now.toISOString()}::timestamptz
      ${options.memberId ? sql`and a.member_id = ${options.memberId}` : sql``}
    group by a.member_id
    order by a.member_id`);
  return rows.map((row) => ({
    memberId: row.member_id,
    balance: num(row.balance),
    pending: num(row.pending),
    available: num(row.balance) - num(row.pending),
    paidOut: num(row.paid_out),
  }));
}

export async function memberBalance(
  db: Db,
  cooperativeId: string,
  memberId: string,
  options: { now: Date; holdDays: number }
): Promise<MemberBalance> {
  const [found] = await memberBalances(db, cooperativeId, {
    ...options,
    memberId,
  });
  return (
    found ?? { memberId, balance: 0, pending: 0, available: 0, paidOut: 0 }
  );
}

export interface TrialBalanceRow {
  accountId: string;
  kind: AccountKind;
  provider: string | null;
  memberId: string | null;
  businessName: string | null;
  debit: number;
  credit: number;
}

/** Every account of the cooperative with its debits and credits: the sums of both columns are always equal. */
export async function trialBalance(
  db: Db,
  cooperativeId: string
): Promise<TrialBalanceRow[]> {
  const rows = await db.execute<{
    id: string;
    kind: AccountKind;
    provider: string | null;
    member_id: string | null;
    business_name: string | null;
    debit: string;
    credit: string;
  }>(sql`
    select a.id, a.kind, a.provider, a.member_id, m.business_name,
      coalesce(sum(l.debit), 0) as debit, coalesce(sum(l.credit), 0) as credit
    from ledger_accounts a
    left join journal_lines l on l.cooperative_id = a.cooperative_id and l.account_id = a.id
    left join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
    where a.cooperative_id = ${cooperativeId}
    group by a.id, m.business_name
    order by a.kind, a.provider nulls first, m.business_name nulls first`);
  return rows.map((row) => ({
    accountId: row.id,
    kind: row.kind,
    provider: row.provider,
    memberId: row.member_id,
    businessName: row.business_name,
    debit: num(row.debit),
    credit: num(row.credit),
  }));
}

export interface RecentEntry {
  id: string;
  sourceKind: string;
  memo: string;
  postedAt: Date;
  amount: number;
}

/** The cooperative's latest entries, newest first, a page at a time, with each entry's debit total. */
export async function recentEntries(
  db: Db,
  cooperativeId: string,
  page: number,
  pageSize = 25
): Promise<{ entries: RecentEntry[]; total: number }> {
  const rows = await db.execute<{
    id: string;
    source_kind: string;
    memo: string;
    posted_at: string | Date;
    amount: string;
    total: string;
  }>(sql`
    select e.id, e.source_kind, e.memo, e.posted_at, sum(l.debit) as amount, count(*) over () as total
    from journal_entries e join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
    where e.cooperative_id = ${cooperativeId}
    group by e.id
    order by e.posted_at desc, e.id
    limit ${pageSize} offset ${(page - 1) * pageSize}`);
  return {
    entries: rows.map((row) => ({
      id: row.id,
      sourceKind: row.source_kind,
      memo: row.memo,
      postedAt: new Date(row.posted_at),
      amount: num(row.amount),
    })),
    total: num(rows[0]?.total),
  };
}

/** A member business's monthly statement: it reconciles, opening + earnings - refunds - payouts + adjustments = closing. */
export interface Statement {
  month: Month;
  opening: number;
  earnings: number;
  refunds: number;
  payouts: number;
  adjustments: number;
  closing: number;
  /** Gross sales and the cooperative's fee on them in the month (what the earnings were made from). */
  omzet: number;
  fee: number;
  rows: StatementRow[];
}

export interface StatementRow {
  entryId: string;
  postedAt: Date;
  /** payment_captured, refund, payout or adjustment (a reversal counts as what it reverses). */
  kind:
    | "payment_captured"
    | "refund"
    | "payout"
    | "adjustment"
    | "provider_charge";
  memo: string;
  /** For a sale: its gross amount; for a refund: the gross given back (negative). */
  gross: number;
  /** The cooperative's fee on it (negative on a refund). */
  fee: number;
  /** What it did to the member's balance. */
  amount: number;
}

/** The member's payable balance at an instant, from the ledger. */
async function payableAt(
  db: Db,
  cooperativeId: string,
  memberId: string,
  before: Date
): Promise<number> {
  const [row] = await db.execute<{ balance: string }>(sql`
    select coalesce(sum(l.credit - l.debit), 0) as balance
    from ledger_accounts a
    join journal_lines l on l.cooperative_id = a.cooperative_id and l.account_id = a.id
    join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
    where a.cooperative_id = ${cooperativeId} and a.kind = 'member_payable' and a.member_id = ${memberId} and e.posted_at < ${before.toISOString()}::timestamptz`);
  return num(row?.balance);
}

/** The statement of one month in the cooperative's zone, computed from the ledger alone. */
export async function memberStatement(
  db: Db,
  cooperativeId: string,
  memberId: string,
  month: Month,
  zone: IndonesianTimeZone
): Promise<Statement> {
  const { from, to } = monthBounds(month, zone);
  const [opening, closing, rows] = await Promise.all([
    payableAt(db, cooperativeId, memberId, from),
    payableAt(db, cooperativeId, memberId, to),
    db.execute<{
      id: string;
      posted_at: string | Date;
      kind: StatementRow["kind"];
      memo: string;
      amount: string;
      fee: string;
      gross: string;
    }>(sql`
      select e.id, e.posted_at, coalesce(original.source_kind, e.source_kind) as kind, e.memo,
        coalesce(sum(l.credit - l.debit) filter (where a.kind = 'member_payable'), 0) as amount,
        coalesce(sum(l.credit - l.debit) filter (where a.kind in ('fee_revenue', 'refunds')), 0) as fee,
        coalesce(sum(l.credit - l.debit) filter (where l.order_line_id is not null), 0) as gross
      from journal_lines l
      join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
      join ledger_accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      left join journal_entries original on e.source_kind = 'reversal' and original.cooperative_id = e.cooperative_id and original.id = e.source_id
      where l.cooperative_id = ${cooperativeId} and l.member_id = ${memberId}
        and e.posted_at >= ${from.toISOString()}::timestamptz and e.posted_at < ${to.toISOString()}::timestamptz
      group by e.id, original.source_kind
      order by e.posted_at, e.id`),
  ]);
  const statementRows: StatementRow[] = rows.map((row) => ({
    entryId: row.id,
    postedAt: new Date(row.posted_at),
    kind: row.kind,
    memo: row.memo,
    gross: num(row.gross),
    fee: num(row.fee),
    amount: num(row.amount),
  }));
  const total = (kind: StatementRow["kind"]) =>
    statementRows
      .filter((row) => row.kind === kind)
      .reduce((sum, row) => sum + row.amount, 0);
  const sales = statementRows.filter((row) => row.kind === "payment_captured");
  return {
    month,
    opening,
    earnings: total("payment_captured"),
    refunds: 0 - total("refund"),
    payouts: 0 - total("payout"),
    adjustments: total("adjustment"),
    closing,
    omzet: sales.reduce((sum, row) => sum + row.gross, 0),
    fee: sales.reduce((sum, row) => sum + row.fee, 0),
    rows: statementRows,
  };
}
