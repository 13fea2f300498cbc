import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { customerAccounts, memberUsers, oneTimeTokens, sessions, signUpRequests, staffRoles, users } from "~db/schema";
import type { Locale } from "~/lib/i18n/core";
import type { Refused } from "~/lib/results";
import { enqueueEmail, SECRET_LINK } from "~/modules/notifications/outbox.server";
import { consumeOneTimeLink, findOneTimeLink, RESET_MINUTES, SIGN_UP_HOURS } from "./one-time-links.server";
import { hashPassword, needsRehash, verifyPassword } from "./password.server";
import {
  clear,
  hit,
  peek,
  resetRequestsPerAccount,
  resetRequestsPerAddress,
  signInFailuresPerAccount,
  signInFailuresPerAddress,
  signUpsPerAddress,
  signUpsPerEmail,
} from "./rate-limit.server";
import type { StaffRole } from "./access";
import { createSession, revokeOtherSessions } from "./sessions.server";


export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type SignInResult =
  | { ok: true; token: string; userId: string }
  | Refused<"wrong_credentials">
  | (Refused<"locked"> & { retryAfterMinutes: number });

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
    return { ok: false, error: "locked", retryAfterMinutes: minutes(Math.max(account.retryAfterSeconds, address.retryAfterSeconds)) };
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
        error: "locked",
        retryAfterMinutes: minutes(Math.max(accountAfter.retryAfterSeconds, addressAfter.retryAfterSeconds)),
      };
    }
    return { ok: false, error: "wrong_credentials" };
  }
  await clear(db, accountKey);
  if (needsRehash(user.passwordHash!)) {
    const passwordHash = await hashPassword(input.password);
    await db.update(users).set({ passwordHash }).where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash!)));
  }
  const token = await createSession(db, user.id, { userAgent: input.userAgent, ipAddress: input.ipAddress });
  return { ok: true, token, userId: user.id };
}

function minutes(seconds: number) {
  return Math.max(1, Math.ceil(seconds / 60));
}

export type SignUpRequestResult = { ok: true } | (Refused<"too_many_sign_ups"> & { retryAfterMinutes: number });

/**
 * A shopper asks for an account at this cooperative's shop. The answer is the same whether or not the address
 * has an account, and no account exists until the address's owner follows the e-mailed link: a new address gets
 * that link; an address with an account gets a note saying so (sign in or reset). Limited per address and per
 * e-mail, so accounts can be neither listed nor made in bulk.
 */
export async function requestSignUp(
  db: Db,
  shop: { id: string; name: string; origin: string },
  input: { email: string; password: string; name: string; locale: Locale; ipAddress: string },
): Promise<SignUpRequestResult> {
  const email = normalizeEmail(input.email);
  const [byEmail, byAddress] = await Promise.all([
    hit(db, `sign-up:email:${email}`, signUpsPerEmail),
    hit(db, `sign-up:address:${input.ipAddress}`, signUpsPerAddress),
  ]);
  if (byEmail.hits > signUpsPerEmail.limit || byAddress.hits > signUpsPerAddress.limit) {
    return { ok: false, error: "too_many_sign_ups", retryAfterMinutes: minutes(Math.max(byEmail.retryAfterSeconds, byAddress.retryAfterSeconds)) };
  }
  // Hashed either way, so the time taken does not tell either.
  const passwordHash = await hashPassword(input.password);
  const [existing] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  await db.transaction(async (tx) => {
    if (existing) {
      await enqueueEmail(tx, {
        cooperativeId: shop.id,
        to: existing.email,
        locale: existing.locale === "en" ? "en" : input.locale,
        template: "account_exists",
        data: {
          name: existing.name || existing.email,
          cooperativeName: shop.name,
          signInLink: `${shop.origin}/sign-in`,
          resetLink: `${shop.origin}/forgot-password`,
        },
      });
      return;
    }
    const [request] = await tx
      .insert(signUpRequests)
      .values({ cooperativeId: shop.id, email, name: input.name.trim(), passwordHash, locale: input.locale })
      .returning({ id: signUpRequests.id });
    await enqueueEmail(tx, {
      cooperativeId: shop.id,
      to: email,
      locale: input.locale,
      template: "sign_up_confirm",
      data: { name: input.name.trim(), cooperativeName: shop.name, link: SECRET_LINK, hours: SIGN_UP_HOURS },
      secretLink: { purpose: "sign_up", signUpId: request!.id },
    });
  });
  return { ok: true };
}

export type ConfirmSignUpResult =
  | { ok: true; token: string; userId: string }
  | Refused<"invalid_link" | "account_exists">;

/**
 * Follows a sign-up link once: the account is made with the password chosen at sign-up, a shopper's account at
 * the shop that sent the link, and a session. If the address got an account meanwhile, nothing is changed.
 */
export async function confirmSignUp(
  db: Db,
  input: { token: string; cooperativeId: string; ipAddress: string; userAgent: string },
): Promise<ConfirmSignUpResult> {
  return db.transaction(async (tx) => {
    const link = await consumeOneTimeLink(tx, input.token, "sign_up", input.cooperativeId);
    if (!link?.signUpId) return { ok: false as const, error: "invalid_link" as const };
    const [request] = await tx.delete(signUpRequests).where(eq(signUpRequests.id, link.signUpId)).returning();
    if (!request) return { ok: false as const, error: "invalid_link" as const };
    const [created] = await tx
      .insert(users)
      .values({ email: request.email, passwordHash: request.passwordHash, name: request.name, locale: request.locale, passwordChangedAt: new Date() })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) return { ok: false as const, error: "account_exists" as const };
    await tx.insert(customerAccounts).values({ cooperativeId: request.cooperativeId, userId: created.id });
    const token = await createSession(tx, created.id, { userAgent: input.userAgent, ipAddress: input.ipAddress });
    return { ok: true as const, token, userId: created.id };
  });
}

/**
 * Sends a reset link when the account exists; answers the same either way, so the form does not tell
 * who has an account. Rate limited per account and per address. The link is made when the e-mail is sent,
 * at the shop's configured address, and supersedes every earlier one.
 */
export async function requestPasswordReset(
  db: Db,
  input: { cooperativeId: string; email: string; locale: Locale; ipAddress: string },
): Promise<{ ok: true } | (Refused<"too_many_resets"> & { retryAfterMinutes: number })> {
  const email = normalizeEmail(input.email);
  const [account, address] = await Promise.all([
    hit(db, `reset:account:${email}`, resetRequestsPerAccount),
    hit(db, `reset:address:${input.ipAddress}`, resetRequestsPerAddress),
  ]);
  if (account.hits > resetRequestsPerAccount.limit || address.hits > resetRequestsPerAddress.limit) {
    return { ok: false, error: "too_many_resets", retryAfterMinutes: minutes(Math.max(account.retryAfterSeconds, address.retryAfterSeconds)) };
  }
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user) return { ok: true };
  await enqueueEmail(db, {
    cooperativeId: input.cooperativeId,
    to: user.email,
    locale: user.locale === "en" ? "en" : input.locale,
    template: "password_reset",
    data: { name: user.name || user.email, link: SECRET_LINK, minutes: RESET_MINUTES },
    secretLink: { purpose: "password_reset", userId: user.id },
  });
  return { ok: true };
}

/** The account a reset link is for, while the link is unused and unexpired. */
export async function findResetLinkUser(db: Db, token: string) {
  const link = await findOneTimeLink(db, token, "password_reset");
  if (!link?.userId) return undefined;
  const [user] = await db.select().from(users).where(eq(users.id, link.userId)).limit(1);
  return user;
}

/**
 * Uses a reset link once: sets the password, ends every other session and every other unused reset link of
 * the account, and signs in here. Refused when the link is unknown, used or expired.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string; ipAddress: string; userAgent: string },
): Promise<{ ok: true; token: string; userId: string } | Refused<"invalid_link">> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const link = await consumeOneTimeLink(tx, input.token, "password_reset");
    if (!link?.userId) return { ok: false as const, error: "invalid_link" as const };
    return { ok: true as const, ...(await setPasswordAndSignIn(tx, link.userId, passwordHash, input)) };
  });
}

/** A new password for an account that proved control of its mailbox: other sessions and reset links end. */
export async function setPasswordAndSignIn(
  tx: Db,
  userId: string,
  passwordHash: string,
  input: { ipAddress: string; userAgent: string },
): Promise<{ token: string; userId: string }> {
  const [user] = await tx
    .update(users)
    .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ email: users.email });
  await tx
    .update(oneTimeTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, "password_reset"), isNull(oneTimeTokens.usedAt)));
  await revokeOtherSessions(tx, userId);
  // A fresh password ends a lock-out: the owner proved control of the mailbox.
  if (user) await clear(tx, `sign-in:account:${user.email}`);
  const session = await createSession(tx, userId, { userAgent: input.userAgent, ipAddress: input.ipAddress });
  return { token: session, userId };
}

/** Changes the password after checking the current one; every other session of the user ends. */
export async function changePassword(
  db: Db,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionToken: string },
): Promise<{ ok: true; endedSessions: number } | Refused<"wrong_current_password">> {
  const [user] = await db.select().from(users).where(eq(users.id, input.userId)).limit(1);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) return { ok: false, error: "wrong_current_password" };
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
export async function deleteAccount(db: Db, userId: string): Promise<{ ok: true } | Refused<"has_roles">> {
  return db.transaction(async (tx) => {
    const [roles, memberships] = await Promise.all([
      tx.select().from(staffRoles).where(eq(staffRoles.userId, userId)).limit(1),
      tx.select().from(memberUsers).where(eq(memberUsers.userId, userId)).limit(1),
    ]);
    if (roles.length > 0 || memberships.length > 0) return { ok: false as const, error: "has_roles" as const };
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

/** The people holding a staff role in a cooperative (to tell treasurers that a transfer waits, say). */
export async function staffWithRole(db: Db, cooperativeId: string, role: StaffRole): Promise<{ email: string; name: string; locale: string }[]> {
  return db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(staffRoles)
    .innerJoin(users, eq(users.id, staffRoles.userId))
    .where(and(eq(staffRoles.cooperativeId, cooperativeId), eq(staffRoles.role, role)))
    .orderBy(users.email);
}
