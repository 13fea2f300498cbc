import { sql } from "drizzle-orm";
import type { Db } from "~db/client";

export interface Limit {
  limit: number;
  windowSeconds: number;
}

/** Sign-in failures: the tenth wrong password in a row for an account locks it for the rest of 15 minutes. */
export const signInFailuresPerAccount: Limit = { limit: 10, windowSeconds: 15 * 60 };
/** Per address, generous enough for a shared hotel or office connection. */
export const signInFailuresPerAddress: Limit = { limit: 50, windowSeconds: 15 * 60 };
export const resetRequestsPerAccount: Limit = { limit: 3, windowSeconds: 60 * 60 };
export const resetRequestsPerAddress: Limit = { limit: 10, windowSeconds: 60 * 60 };
/** Sign-ups: a few per e-mail (each sends a message there), more per address (a hotel's shared connection). */
export const signUpsPerEmail: Limit = { limit: 3, windowSeconds: 60 * 60 };
export const signUpsPerAddress: Limit = { limit: 10, windowSeconds: 60 * 60 };
/**
 * Accepted applications (a refused or failed submit counts nothing): generous per address, since a cooperative's
 * Wi-Fi or one mobile carrier's shared address carries many applicants at once; a few per e-mail and per phone.
 */
export const applicationsPerAddress: Limit = { limit: 30, windowSeconds: 60 * 60 };
export const applicationsPerEmail: Limit = { limit: 3, windowSeconds: 24 * 60 * 60 };
export const applicationsPerPhone: Limit = { limit: 3, windowSeconds: 24 * 60 * 60 };

export interface LimitState {
  blocked: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/** Counts one hit in the key's window (a new window once the old one ended), atomically across servers. */
export async function hit(db: Db, key: string, limit: Limit): Promise<LimitState> {
  const [row] = await db.execute<{ hits: number; retry_after: number }>(sql`
    insert into rate_limits (key, hits, window_started_at) values (${key}, 1, now())
    on conflict (key) do update set
      hits = case when rate_limits.window_started_at <= now() - make_interval(secs => ${limit.windowSeconds})
        then 1 else rate_limits.hits + 1 end,
      window_started_at = case when rate_limits.window_started_at <= now() - make_interval(secs => ${limit.windowSeconds})
        then now() else rate_limits.window_started_at end
    returning hits, ceil(extract(epoch from window_started_at + make_interval(secs => ${limit.windowSeconds}) - now()))::int as retry_after`);
  return toState(row, limit);
}

/** The key's state without counting. */
export async function peek(db: Db, key: string, limit: Limit): Promise<LimitState> {
  const [row] = await db.execute<{ hits: number; retry_after: number }>(sql`
    select hits, ceil(extract(epoch from window_started_at + make_interval(secs => ${limit.windowSeconds}) - now()))::int as retry_after
    from rate_limits where key = ${key} and window_started_at > now() - make_interval(secs => ${limit.windowSeconds})`);
  return toState(row, limit);
}

export async function clear(db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}

function toState(row: { hits: number; retry_after: number } | undefined, limit: Limit): LimitState {
  if (!row) return { blocked: false, hits: 0, retryAfterSeconds: 0 };
  return { blocked: row.hits >= limit.limit, hits: row.hits, retryAfterSeconds: Math.max(1, row.retry_after) };
}
