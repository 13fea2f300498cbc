import { sql } from "drizzle-orm";
import type { Db } from "~db/client";

/** How long records that no longer let anyone in are kept (for a person's own "signed-in devices" list and support). */
export const KEEP_ENDED_SESSIONS_DAYS = 30;
export const KEEP_SPENT_LINKS_DAYS = 7;

export interface PurgeResult {
  sessions: number;
  links: number;
  signUps: number;
  rateLimits: number;
}

/**
 * Deletes what can no longer sign anyone in: sessions ended or expired a while ago, used or expired one-time
 * links, sign-ups never confirmed, and rate-limit windows long over. Safe to run on every server at once.
 */
export async function purgeExpiredIdentityRecords(db: Db): Promise<PurgeResult> {
  return db.transaction(async (tx) => {
    const count = async (query: ReturnType<typeof sql>) => (await tx.execute(query)).count ?? 0;
    const sessions = await count(sql`
      delete from sessions
      where least(coalesce(revoked_at, expires_at), expires_at) < now() - make_interval(days => ${KEEP_ENDED_SESSIONS_DAYS})`);
    const links = await count(sql`
      delete from one_time_tokens
      where least(coalesce(used_at, expires_at), expires_at) < now() - make_interval(days => ${KEEP_SPENT_LINKS_DAYS})`);
    // A sign-up's link lives 24 hours; a day more and nobody can confirm it.
    const signUps = await count(sql`delete from sign_up_requests where created_at < now() - interval '2 days'`);
    // The longest window is an hour; a day later the row only takes space.
    const rateLimits = await count(sql`delete from rate_limits where window_started_at < now() - interval '1 day'`);
    return { sessions, links, signUps, rateLimits };
  });
}
