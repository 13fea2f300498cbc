import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { payoutRuns, payouts, type SkippedBusiness } from "~db/schema";
import { payoutReference, type Payee, type PayoutStatus, type PlannedPayout, type RunStatus } from "./rules";

export type PayoutRun = typeof payoutRuns.$inferSelect;
export type Payout = typeof payouts.$inferSelect;

/**
 * Takes the cooperative's run lock for this transaction: two treasurers creating a run at the same instant queue
 * here, and the second sees the first one's run (the partial unique index is the backstop).
 */
export async function lockRuns(tx: Db, cooperativeId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('payout_runs'), hashtext(${cooperativeId}))`);
}

/** The cooperative's open run (draft, approved or exported), if any. */
export async function openRun(db: Db, cooperativeId: string): Promise<PayoutRun | undefined> {
  const [run] = await db
    .select()
    .from(payoutRuns)
    .where(and(eq(payoutRuns.cooperativeId, cooperativeId), inArray(payoutRuns.status, ["draft", "approved", "exported"])))
    .limit(1);
  return run;
}

/** Every member business of the cooperative with its confirmed payout account, if any. */
export async function payeesOf(db: Db, cooperativeId: string): Promise<Payee[]> {
  const rows = await db.execute<{
    member_id: string; business_name: string; member_number: string;
    account_id: string | null; kind: "bank" | "ewallet" | null; bank_code: string | null; account_number: string | null; holder_name: string | null;
  }>(sql`
    select m.id as member_id, m.business_name, m.member_number,
      a.id as account_id, a.kind, a.bank_code, a.account_number, a.holder_name
    from members m
    left join member_bank_accounts a on a.cooperative_id = m.cooperative_id and a.member_id = m.id and a.status = 'confirmed'
    where m.cooperative_id = ${cooperativeId}`);
  return rows.map((row) => ({
    memberId: row.member_id,
    businessName: row.business_name,
    memberNumber: row.member_number,
    account: row.account_id
      ? { id: row.account_id, kind: row.kind!, providerCode: row.bank_code!, accountNumber: row.account_number!, holderName: row.holder_name! }
      : null,
  }));
}

/** Writes a draft run and its payouts (the caller holds the run lock and has checked no run is open). */
export async function insertRun(
  tx: Db,
  input: { cooperativeId: string; createdBy: string; asOf: Date; holdDays: number; minimum: number; fourEyes: boolean; payouts: PlannedPayout[]; skipped: SkippedBusiness[] },
): Promise<PayoutRun> {
  const [last] = await tx.execute<{ number: number | null }>(sql`select max(number) as number from payout_runs where cooperative_id = ${input.cooperativeId}`);
  const number = Number(last?.number ?? 0) + 1;
  const [run] = await tx
    .insert(payoutRuns)
    .values({
      cooperativeId: input.cooperativeId,
      number,
      asOf: input.asOf,
      holdDays: input.holdDays,
      minimum: input.minimum,
      fourEyes: input.fourEyes,
      skipped: input.skipped,
      createdBy: input.createdBy,
    })
    .returning();
  await tx.insert(payouts).values(
    input.payouts.map((payout) => ({
      ...payout,
      cooperativeId: input.cooperativeId,
      runId: run!.id,
      reference: payoutReference(number, payout.memberNumber),
    })),
  );
  return run!;
}

/** One run of this cooperative with its payouts (undefined for another cooperative's id: the page's 404). */
export async function getRun(db: Db, cooperativeId: string, runId: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(payoutRuns).where(and(eq(payoutRuns.cooperativeId, cooperativeId), eq(payoutRuns.id, runId)));
  const [run] = options.lock ? await query.for("update") : await query;
  if (!run) return undefined;
  const lines = await db
    .select()
    .from(payouts)
    .where(and(eq(payouts.cooperativeId, cooperativeId), eq(payouts.runId, runId)))
    .orderBy(payouts.businessName, payouts.id);
  return { run, payouts: lines };
}

export type RunWithPayouts = NonNullable<Awaited<ReturnType<typeof getRun>>>;

/** Moves a run from one status to another, once: false when it was not in `from` any more. */
export async function moveRun(
  tx: Db,
  cooperativeId: string,
  runId: string,
  from: RunStatus[],
  to: RunStatus,
  by: string | null,
): Promise<boolean> {
  const stamp = {
    approved: { approvedBy: by, approvedAt: sql`now()` },
    exported: { exportedBy: by, exportedAt: sql`now()` },
    cancelled: { cancelledBy: by, cancelledAt: sql`now()` },
    finished: { finishedAt: sql`now()` },
    draft: {},
  }[to];
  const moved = await tx
    .update(payoutRuns)
    .set({ status: to, ...stamp })
    .where(and(eq(payoutRuns.cooperativeId, cooperativeId), eq(payoutRuns.id, runId), inArray(payoutRuns.status, from)))
    .returning({ id: payoutRuns.id });
  return moved.length > 0;
}

/** Records a payout's decision, once from `from`: false when it had moved on meanwhile. */
export async function decidePayoutRow(
  tx: Db,
  input: { cooperativeId: string; payoutId: string; from: PayoutStatus; to: "paid" | "failed"; by: string; reason?: string; entryId?: string | null },
): Promise<boolean> {
  const moved = await tx
    .update(payouts)
    .set({
      status: input.to,
      decidedBy: input.by,
      decidedAt: sql`now()`,
      ...(input.to === "failed" ? { failureReason: input.reason ?? "" } : {}),
      ...(input.entryId !== undefined ? { entryId: input.entryId } : {}),
    })
    .where(and(eq(payouts.cooperativeId, input.cooperativeId), eq(payouts.id, input.payoutId), eq(payouts.status, input.from)))
    .returning({ id: payouts.id });
  return moved.length > 0;
}

export const RUNS_PAGE_SIZE = 20;

/** The cooperative's runs, newest first, a page at a time, each with its count and total. */
export async function listRuns(db: Db, cooperativeId: string, page: number) {
  const rows = await db
    .select({
      id: payoutRuns.id,
      number: payoutRuns.number,
      status: payoutRuns.status,
      createdAt: payoutRuns.createdAt,
      count: sql<number>`(select count(*) from payouts p where p.cooperative_id = ${payoutRuns.cooperativeId} and p.run_id = ${payoutRuns.id})`.mapWith(Number),
      total: sql<number>`(select coalesce(sum(p.amount), 0) from payouts p where p.cooperative_id = ${payoutRuns.cooperativeId} and p.run_id = ${payoutRuns.id})`.mapWith(Number),
      all: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(payoutRuns)
    .where(eq(payoutRuns.cooperativeId, cooperativeId))
    .orderBy(desc(payoutRuns.number))
    .limit(RUNS_PAGE_SIZE)
    .offset((page - 1) * RUNS_PAGE_SIZE);
  const total = rows[0]?.all ?? 0;
  return { runs: rows.map(({ all: _all, ...row }) => row), total, pages: Math.max(1, Math.ceil(total / RUNS_PAGE_SIZE)) };
}

/** A member business's payouts, newest first: what the member's money page lists (drafts and cancelled runs left out). */
export async function memberPayouts(db: Db, cooperativeId: string, memberId: string, limit = 50) {
  const rows = await db.execute<{ id: string; amount: string; status: PayoutStatus; reference: string; created_at: string; decided_at: string | null; provider_code: string; account_number: string; kind: "bank" | "ewallet" }>(sql`
    select p.id, p.amount, p.status, p.reference, p.created_at, p.decided_at, p.provider_code, p.account_number, p.kind
    from payouts p join payout_runs r on r.cooperative_id = p.cooperative_id and r.id = p.run_id
    where p.cooperative_id = ${cooperativeId} and p.member_id = ${memberId} and r.status in ('approved', 'exported', 'finished')
    order by coalesce(p.decided_at, p.created_at) desc, p.id
    limit ${limit}`);
  return rows.map((row) => ({
    id: row.id,
    amount: Number(row.amount),
    status: row.status,
    reference: row.reference,
    date: new Date(row.decided_at ?? row.created_at),
    providerCode: row.provider_code,
    accountNumber: row.account_number,
    kind: row.kind,
  }));
}

/** Whom to tell about a payout: the business's owner (name, address, language). */
export async function ownerOf(db: Db, cooperativeId: string, memberId: string) {
  const [owner] = await db.execute<{ email: string; name: string; locale: string }>(sql`
    select u.email, u.name, u.locale from member_users mu join users u on u.id = mu.user_id
    where mu.cooperative_id = ${cooperativeId} and mu.member_id = ${memberId} and mu.role = 'owner'
    limit 1`);
  return owner;
}
