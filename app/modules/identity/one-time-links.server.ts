import { and, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { oneTimeTokens, type OneTimeLinkSpec } from "~db/schema";
import { hashToken, newToken } from "~/lib/tokens.server";

export type LinkPurpose = OneTimeLinkSpec["purpose"];

export const RESET_MINUTES = 60;
export const INVITE_DAYS = 7;
export const SIGN_UP_HOURS = 24;

const lifetimeMs: Record<LinkPurpose, number> = {
  password_reset: RESET_MINUTES * 60_000,
  invite: INVITE_DAYS * 86_400_000,
  sign_up: SIGN_UP_HOURS * 3_600_000,
};

const paths: Record<LinkPurpose, string> = {
  password_reset: "/reset-password/",
  invite: "/invite/",
  sign_up: "/sign-up/confirm/",
};

function subjectOf(spec: OneTimeLinkSpec): SQL {
  switch (spec.purpose) {
    case "password_reset":
      return and(eq(oneTimeTokens.purpose, "password_reset"), eq(oneTimeTokens.userId, spec.userId))!;
    case "invite":
      return and(eq(oneTimeTokens.purpose, "invite"), eq(oneTimeTokens.invitationId, spec.invitationId))!;
    case "sign_up":
      return and(eq(oneTimeTokens.purpose, "sign_up"), eq(oneTimeTokens.signUpId, spec.signUpId))!;
  }
}

/**
 * Makes the one-time link an e-mail carries, at the moment it is sent: a new token (only its hash is stored)
 * that supersedes every earlier unused link for the same thing, so only the newest reset link works.
 * `origin` is the configured address of the shop that sends it.
 */
export async function issueOneTimeLink(db: Db, spec: OneTimeLinkSpec, cooperativeId: string | null, origin: string): Promise<string> {
  const { token, hash } = newToken();
  await db.transaction(async (tx) => {
    await tx.update(oneTimeTokens).set({ usedAt: sql`now()` }).where(and(subjectOf(spec), isNull(oneTimeTokens.usedAt)));
    await tx.insert(oneTimeTokens).values({
      tokenHash: hash,
      purpose: spec.purpose,
      cooperativeId,
      userId: spec.purpose === "sign_up" ? null : spec.userId,
      invitationId: spec.purpose === "invite" ? spec.invitationId : null,
      signUpId: spec.purpose === "sign_up" ? spec.signUpId : null,
      expiresAt: new Date(Date.now() + lifetimeMs[spec.purpose]),
    });
  });
  return `${origin}${paths[spec.purpose]}${token}`;
}

export type OneTimeLink = typeof oneTimeTokens.$inferSelect;

/** `sentBy`: only a link the given cooperative's shop sent (invitations and sign-ups belong to one shop). */
const usable = (token: string, purpose: LinkPurpose, sentBy?: string) =>
  and(
    eq(oneTimeTokens.tokenHash, hashToken(token)),
    eq(oneTimeTokens.purpose, purpose),
    isNull(oneTimeTokens.usedAt),
    gt(oneTimeTokens.expiresAt, sql`now()`),
    sentBy ? eq(oneTimeTokens.cooperativeId, sentBy) : undefined,
  );

/** A link while it is unused and unexpired (for showing its page), else undefined. */
export async function findOneTimeLink(db: Db, token: string, purpose: LinkPurpose, sentBy?: string): Promise<OneTimeLink | undefined> {
  if (!isTokenShaped(token)) return undefined;
  const [row] = await db.select().from(oneTimeTokens).where(usable(token, purpose, sentBy)).limit(1);
  return row;
}

/** Uses a link once (atomically: of two requests with the same link, one wins). Pass the caller's transaction. */
export async function consumeOneTimeLink(db: Db, token: string, purpose: LinkPurpose, sentBy?: string): Promise<OneTimeLink | undefined> {
  if (!isTokenShaped(token)) return undefined;
  const [row] = await db.update(oneTimeTokens).set({ usedAt: sql`now()` }).where(usable(token, purpose, sentBy)).returning();
  return row;
}

function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{20,100}$/.test(token);
}
