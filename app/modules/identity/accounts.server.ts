import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { customerAccounts, memberUsers, oneTimeTokens, sessions, staffRoles, users } from "~db/schema";
import type { Locale } from "~/lib/i18n/core";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { hashPassword, verifyPassword } from "./password.server";
import {
  clear,
  hit,
  peek,
  resetRequestsPerAccount,
  resetRequestsPerAddress,
  signInFailuresPerAccount,
  signInFailuresPerAddress,
} from "./rate-limit.server";
import { createSession, revokeOtherSessions } from "./sessions.server";
import { hashToken, newToken } from "./tokens.server";

export const RESET_MINUTES = 60;
export const INVITE_DAYS = 7;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type SignInResult =
  | { ok: true; token: string; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterMinutes: number };

/**
 * Checks a password under per-account and per-address limits kept in Postgres (so they hold across
 * servers). The tenth wrong password in a row for an account answers "locked" with the minutes to wait.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ipAddress: string; userAgent: string },
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const accountKey = `sign-in:account:${email}`;
  const addressKey = `sign-in:address:${input.ipAddress}`;
  const [account, address] = await Promise.all([
    peek(db, accountKey, signInFailuresPerAccount),
    peek(db, addressKey, signInFailuresPerAddress),
  ]);
  if (account.blocked || address.blocked) {
    return { ok: false, reason: "locked", retryAfterMinutes: minutes(Math.max(account.retryAfterSeconds, address.retryAfterSeconds)) };
  }
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!(await verifyPassword(input.password, user?.passwordHash ?? null)) || !user) {
    const [accountAfter, addressAfter] = await Promise.all([
      hit(db, accountKey, signInFailuresPerAccount),
      hit(db, addressKey, signInFailuresPerAddress),
    ]);
    if (accountAfter.blocked || addressAfter.blocked) {
      return {
        ok: false,
        reason: "locked",
        retryAfterMinutes: minutes(Math.max(accountAfter.retryAfterSeconds, addressAfter.retryAfterSeconds)),
      };
    }
    return { ok: false, reason: "invalid" };
  }
  await clear(db, accountKey);
  const token = await createSession(db, user.id, { userAgent: input.userAgent, ipAddress: input.ipAddress });
  return { ok: true, token, userId: user.id };
}

function minutes(seconds: number) {
  return Math.max(1, Math.ceil(seconds / 60));
}

export type SignUpResult = { ok: true; token: string; userId: string } | { ok: false; reason: "email_taken" };

/** A shopper's account at this cooperative's shop. */
export async function signUp(
  db: Db,
  cooperativeId: string,
  input: { email: string; password: string; name: string; locale: Locale; ipAddress: string; userAgent: string },
): Promise<SignUpResult> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ email, passwordHash, name: input.name.trim(), locale: input.locale, passwordChangedAt: new Date() })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) return { ok: false as const, reason: "email_taken" as const };
    await tx.insert(customerAccounts).values({ cooperativeId, userId: created.id });
    const token = await createSession(tx, created.id, { userAgent: input.userAgent, ipAddress: input.ipAddress });
    return { ok: true as const, token, userId: created.id };
  });
}

/**
 * Sends a reset link when the account exists; answers the same either way, so the form does not tell
 * who has an account. Rate limited per account and per address.
 */
export async function requestPasswordReset(
  db: Db,
  input: { cooperativeId: string; email: string; origin: string; locale: Locale; ipAddress: string },
): Promise<{ ok: true } | { ok: false; retryAfterMinutes: number }> {
  const email = normalizeEmail(input.email);
  const [account, address] = await Promise.all([
    hit(db, `reset:account:${email}`, resetRequestsPerAccount),
    hit(db, `reset:address:${input.ipAddress}`, resetRequestsPerAddress),
  ]);
  if (account.hits > resetRequestsPerAccount.limit || address.hits > resetRequestsPerAddress.limit) {
    return { ok: false, retryAfterMinutes: minutes(Math.max(account.retryAfterSeconds, address.retryAfterSeconds)) };
  }
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user) return { ok: true };
  await db.transaction(async (tx) => {
    const link = await issueToken(tx, { userId: user.id, cooperativeId: input.cooperativeId, purpose: "password_reset", origin: input.origin });
    await enqueueEmail(tx, {
      cooperativeId: input.cooperativeId,
      to: user.email,
      locale: user.locale === "en" ? "en" : input.locale,
      template: "password_reset",
      data: { name: user.name || user.email, link, minutes: RESET_MINUTES },
    });
  });
  return { ok: true };
}

/** Creates a one-time link (reset: one hour; invite: seven days) and returns its URL. */
export async function issueToken(
  db: Db,
  input: { userId: string; cooperativeId: string; purpose: "password_reset" | "invite"; origin: string },
): Promise<string> {
  const { token, hash } = newToken();
  const lifetimeMs = input.purpose === "password_reset" ? RESET_MINUTES * 60_000 : INVITE_DAYS * 86_400_000;
  await db.insert(oneTimeTokens).values({
    tokenHash: hash,
    userId: input.userId,
    cooperativeId: input.cooperativeId,
    purpose: input.purpose,
    expiresAt: new Date(Date.now() + lifetimeMs),
  });
  return `${input.origin}/${input.purpose === "invite" ? "invite" : "reset-password"}/${token}`;
}

/** The user a link is for, while it is unused and unexpired. */
export async function findTokenUser(db: Db, token: string, purpose: "password_reset" | "invite") {
  const [row] = await db
    .select({ user: users })
    .from(oneTimeTokens)
    .innerJoin(users, eq(users.id, oneTimeTokens.userId))
    .where(
      and(
        eq(oneTimeTokens.tokenHash, hashToken(token)),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return row?.user;
}

/**
 * Uses a reset or invite link once: sets the password, ends every other session, signs in here.
 * Returns undefined when the link is unknown, used or expired.
 */
export async function setPasswordWithToken(
  db: Db,
  input: { token: string; purpose: "password_reset" | "invite"; password: string; ipAddress: string; userAgent: string },
): Promise<{ token: string; userId: string } | undefined> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(oneTimeTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(oneTimeTokens.tokenHash, hashToken(input.token)),
          eq(oneTimeTokens.purpose, input.purpose),
          isNull(oneTimeTokens.usedAt),
          gt(oneTimeTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: oneTimeTokens.userId });
    if (!used) return undefined;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, used.userId))
      .returning({ email: users.email });
    await revokeOtherSessions(tx, used.userId);
    // A fresh password ends a lock-out: the owner proved control of the mailbox.
    if (user) await clear(tx, `sign-in:account:${user.email}`);
    const session = await createSession(tx, used.userId, { userAgent: input.userAgent, ipAddress: input.ipAddress });
    return { token: session, userId: used.userId };
  });
}

/** Changes the password after checking the current one; every other session of the user ends. */
export async function changePassword(
  db: Db,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionToken: string },
): Promise<{ ok: true; endedSessions: number } | { ok: false }> {
  const [user] = await db.select().from(users).where(eq(users.id, input.userId)).limit(1);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) return { ok: false };
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, user.id));
    const endedSessions = await revokeOtherSessions(tx, user.id, input.keepSessionToken);
    return { ok: true as const, endedSessions };
  });
}

/** What the shop holds about a person (UU PDP: a shopper can see their data). */
export async function exportAccountData(db: Db, userId: string) {
  const [user] = await db
    .select({ email: users.email, name: users.name, phone: users.phone, locale: users.locale, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  const [accounts, sessionRows, roles, memberships] = await Promise.all([
    db.select({ cooperativeId: customerAccounts.cooperativeId, createdAt: customerAccounts.createdAt }).from(customerAccounts).where(eq(customerAccounts.userId, userId)),
    db
      .select({ userAgent: sessions.userAgent, ipAddress: sessions.ipAddress, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, revokedAt: sessions.revokedAt })
      .from(sessions)
      .where(eq(sessions.userId, userId)),
    db.select({ cooperativeId: staffRoles.cooperativeId, role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.userId, userId)),
    db.select({ cooperativeId: memberUsers.cooperativeId, memberId: memberUsers.memberId, role: memberUsers.role }).from(memberUsers).where(eq(memberUsers.userId, userId)),
  ]);
  return { exportedAt: new Date().toISOString(), user, customerAccounts: accounts, sessions: sessionRows, staffRoles: roles, memberBusinesses: memberships };
}

/**
 * Deletes a shopper's account and everything tied to it. Staff and member users keep theirs: their
 * records belong to the cooperative's books; they ask the cooperative instead.
 */
export async function deleteAccount(db: Db, userId: string): Promise<{ ok: true } | { ok: false; reason: "has_roles" }> {
  return db.transaction(async (tx) => {
    const [roles, memberships] = await Promise.all([
      tx.select().from(staffRoles).where(eq(staffRoles.userId, userId)).limit(1),
      tx.select().from(memberUsers).where(eq(memberUsers.userId, userId)).limit(1),
    ]);
    if (roles.length > 0 || memberships.length > 0) return { ok: false as const, reason: "has_roles" as const };
    await tx.delete(users).where(eq(users.id, userId));
    return { ok: true as const };
  });
}

/** Where a person lands after signing in: their work area in this cooperative, else their account. */
export async function landingPath(db: Db, cooperativeId: string, userId: string): Promise<string> {
  const [row] = await db.execute<{ staff: boolean; member: boolean; operator: boolean }>(sql`
    select
      exists (select 1 from staff_roles where cooperative_id = ${cooperativeId} and user_id = ${userId}) as staff,
      exists (select 1 from member_users where cooperative_id = ${cooperativeId} and user_id = ${userId}) as member,
      (select is_operator from users where id = ${userId}) as operator`);
  if (row?.staff) return "/admin";
  if (row?.member) return "/member";
  if (row?.operator) return "/operator";
  return "/account";
}
