import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { sessions, users } from "~db/schema";
import type { Refused } from "~/lib/results";
import { hashToken, newToken } from "~/lib/tokens.server";

export const SESSION_DAYS = 30;
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export async function createSession(db: Db, userId: string, meta: { userAgent: string; ipAddress: string }): Promise<string> {
  const { token, hash } = newToken();
  await db.insert(sessions).values({
    idHash: hash,
    userId,
    userAgent: meta.userAgent.slice(0, 300),
    ipAddress: meta.ipAddress.slice(0, 64),
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
  });
  return token;
}

export type SessionUser = typeof users.$inferSelect;

/** The live session for a cookie's token, with its user; notes activity at most every five minutes. */
export async function findSession(db: Db, token: string) {
  const idHash = hashToken(token);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  if (!row) return undefined;
  if (Date.now() - row.session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.idHash, idHash));
  }
  return row;
}

export async function listSessions(db: Db, userId: string) {
  return db
    .select({
      idHash: sessions.idHash,
      userAgent: sessions.userAgent,
      ipAddress: sessions.ipAddress,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Ends one of the user's own sessions; another user's session id changes nothing. */
export async function revokeSession(db: Db, userId: string, idHash: string): Promise<{ ok: true } | Refused<"session_gone">> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), eq(sessions.idHash, idHash), isNull(sessions.revokedAt)))
    .returning({ idHash: sessions.idHash });
  return revoked.length > 0 ? { ok: true } : { ok: false, error: "session_gone" };
}

/** Ends every session of the user but the one given (after a password change), or all of them. */
export async function revokeOtherSessions(db: Db, userId: string, keepToken?: string): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (keepToken) conditions.push(ne(sessions.idHash, hashToken(keepToken)));
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(...conditions))
    .returning({ idHash: sessions.idHash });
  return revoked.length;
}

export function sessionIdHash(token: string): string {
  return hashToken(token);
}
