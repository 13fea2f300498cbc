import { sql } from "drizzle-orm";
import type { Db } from "~db/client";

/** The Postgres channel job runners listen on; the payload is the name of a job to run soon. */
export const JOBS_CHANNEL = "etalase_jobs";

/**
 * Asks the job runners to run the exclusive job `name` now rather than at its next scheduled sweep (runners ignore
 * nudges for other jobs: a nudge carries no data, so only a job that sweeps its table can act on one). Call it with the transaction
 * that wrote the work (an outbox e-mail, an inbound event): Postgres delivers a NOTIFY only when that transaction
 * commits, and never if it rolls back, so a runner never wakes for work it cannot see yet. A nudge that nobody
 * hears (no runner listening, a dropped connection) loses nothing: the job's periodic sweep finds the work.
 */
export async function nudgeJob(db: Db, name: string): Promise<void> {
  await db.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${name})`);
}
