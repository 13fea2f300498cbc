import { and, asc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "~db/client";
import { outboxEmails, type SecretLinkSpec } from "~db/schema";
import { env } from "~/lib/env.server";
import { SECRET_LINK } from "./outbox.server";
import { escapeHtml } from "./templates";

/** What the dispatcher hands to a transport; nodemailer's transporter accepts it as is. */
export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox row: if a crash makes us send an e-mail twice, mail programs can tell it is the same one. */
  messageId: string;
}

export interface MailTransport {
  sendMail(message: OutgoingMessage): Promise<unknown>;
  close?(): void;
}

/** Makes the one-time link an e-mail carries, at the moment of sending (identity makes it, tenancy says where). */
export type SecretLinkResolver = (email: { cooperativeId: string | null; secretLink: SecretLinkSpec }) => Promise<string>;

export interface DeliveryResult {
  /** Accepted by the SMTP server. */
  sent: number;
  /** Failed for the last time: status `failed`. */
  failed: number;
  /** Failed, and scheduled for another attempt. */
  retried: number;
}

/** Waits after the 1st, 2nd, … failed attempt; the attempt after the last wait is the final one. */
const RETRY_DELAYS_SECONDS = [60, 5 * 60, 30 * 60, 2 * 60 * 60, 6 * 60 * 60];
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/**
 * A claimed e-mail is hidden from other dispatchers this long. If this process dies before marking it, the e-mail
 * becomes due again when the lease runs out (it may then be sent twice, never lost).
 */
const LEASE_SECONDS = 10 * 60;

const MAX_ERROR_LENGTH = 1000;

/**
 * Sends the due `pending` e-mails, at most `batchSize`: claims them (FOR UPDATE SKIP LOCKED, and a lease pushed into
 * `next_attempt_at`) in a short transaction, sends each outside it, then marks each `sent`, or schedules a retry, or
 * gives up after the last attempt. Dispatchers running at the same time never claim the same e-mail.
 *
 * `now` (for tests) replaces the database's clock; without it, the database's `now()` decides what is due.
 */
export async function deliverDueEmails(
  db: Db,
  transport: MailTransport,
  options: { batchSize?: number; now?: Date; from?: string; resolveSecretLink?: SecretLinkResolver } = {},
): Promise<DeliveryResult> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 10));
  const clock: SQL = options.now ? sql`${options.now.toISOString()}::timestamptz` : sql`now()`;
  const later = (seconds: number): SQL => sql`${clock} + ${`${seconds} seconds`}::interval`;
  const from = options.from ?? env().SMTP_FROM;
  const result: DeliveryResult = { sent: 0, failed: 0, retried: 0 };

  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outboxEmails.id })
      .from(outboxEmails)
      .where(and(eq(outboxEmails.status, "pending"), lte(outboxEmails.nextAttemptAt, clock)))
      .orderBy(asc(outboxEmails.nextAttemptAt))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outboxEmails)
      .set({ nextAttemptAt: later(LEASE_SECONDS) })
      .where(inArray(outboxEmails.id, due.map((row) => row.id)))
      .returning({
        id: outboxEmails.id,
        toAddress: outboxEmails.toAddress,
        subject: outboxEmails.subject,
        textBody: outboxEmails.textBody,
        htmlBody: outboxEmails.htmlBody,
        attempts: outboxEmails.attempts,
        createdAt: outboxEmails.createdAt,
        cooperativeId: outboxEmails.cooperativeId,
        secretLink: outboxEmails.secretLink,
      });
  });
  claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  const started = performance.now();
  for (const [index, email] of claimed.entries()) {
    // Never send on a lease that may have run out: hand the rest back instead of risking a second copy.
    if (performance.now() - started > (LEASE_SECONDS * 1000) / 2) {
      const rest = claimed.slice(index).map((row) => row.id);
      await db
        .update(outboxEmails)
        .set({ nextAttemptAt: clock })
        .where(and(inArray(outboxEmails.id, rest), eq(outboxEmails.status, "pending")));
      break;
    }
    const stillOurs = and(eq(outboxEmails.id, email.id), eq(outboxEmails.status, "pending"));
    const attempts = email.attempts + 1;
    try {
      let { textBody: text, htmlBody: html } = email;
      if (email.secretLink) {
        if (!options.resolveSecretLink) throw new Error("This dispatcher cannot make one-time links.");
        const link = await options.resolveSecretLink({ cooperativeId: email.cooperativeId, secretLink: email.secretLink });
        text = text.split(SECRET_LINK).join(link);
        html = html.split(escapeHtml(SECRET_LINK)).join(escapeHtml(link));
      }
      await transport.sendMail({
        from,
        to: email.toAddress,
        subject: email.subject,
        text,
        html,
        messageId: `<${email.id}@${messageIdDomain(from)}>`,
      });
    } catch (error) {
      const lastError = describeError(error);
      if (attempts >= MAX_ATTEMPTS) {
        await db.update(outboxEmails).set({ status: "failed", attempts, lastError }).where(stillOurs);
        result.failed++;
      } else {
        const delay = RETRY_DELAYS_SECONDS[attempts - 1]!;
        await db.update(outboxEmails).set({ attempts, lastError, nextAttemptAt: later(delay) }).where(stillOurs);
        result.retried++;
      }
      continue;
    }
    await db.update(outboxEmails).set({ status: "sent", attempts, sentAt: clock, lastError: null }).where(stillOurs);
    result.sent++;
  }
  return result;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.trim() || "Unknown error").slice(0, MAX_ERROR_LENGTH);
}

/** The domain of the From address (`Name <a@b.c>` or `a@b.c`), for Message-IDs. */
function messageIdDomain(from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1];
  return domain && domain.includes(".") ? domain.toLowerCase() : "etalase.local";
}

/** Nodemailer's SMTP transport for `SMTP_URL`: one pooled connection, patient timeouts. */
export function smtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 1,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}
