import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { outboxEmails, outboxStatus, type SecretLinkSpec } from "~db/schema";
import { env } from "~/lib/env.server";
import { renderEmail, type EmailData, type EmailLocale, type EmailTemplate } from "./templates";
import { uuidPattern } from "~/lib/ids";
import { nudgeJob } from "~/modules/jobs/nudge.server";

export type OutboxStatus = (typeof outboxStatus.enumValues)[number];
export type OutboxEmail = typeof outboxEmails.$inferSelect;

export interface OutgoingEmail<T extends EmailTemplate> {
  /** The cooperative whose staff may read it in the outbox; null for e-mails of the platform itself. */
  cooperativeId: string | null;
  to: string;
  locale: EmailLocale;
  template: T;
  data: EmailData<T>;
  /**
   * The one-time link the e-mail carries. Its template gets `SECRET_LINK` where the link goes; the link itself is
   * made when the e-mail is sent, so the outbox never holds a working one.
   */
  secretLink?: SecretLinkSpec;
}

/** The job that sends due e-mails (registered in app/flows/jobs.server.ts); enqueueing a deliverable e-mail nudges it. */
export const DELIVER_EMAILS_JOB = "deliver-emails";

/** Stands in the stored bodies for a one-time link until the moment of sending (`.invalid` never resolves). */
export const SECRET_LINK = "https://one-time-link.invalid";

/** The templates whose link signs someone in or sets a password: never stored, always made at sending. */
/** Templates whose link is a secret made at sending (one-time links, and private order pages). */
const templatesWithOneTimeLinks = new Set<EmailTemplate>(["password_reset", "invite", "helper_invite", "sign_up_confirm", "application_received", "application_rejected", "order_received", "payment_received", "order_shipped", "order_delivered", "order_refunded", "return_received", "return_decided"]);

/** An e-mail's text as staff may read it: a one-time link, if any, is named, never shown. */
export function withoutSecretLink(text: string, replacement: string): string {
  return text.split(SECRET_LINK).join(replacement);
}

/**
 * Where e-mails go: `smtp` with SMTP_URL; `local-mailbox` on a machine's own demo (embedded database, no
 * SMTP_URL): a folder on this machine and its console, never a page other people can open; `kept` otherwise
 * (an external database without SMTP): staff read them in the outbox, one-time links withheld.
 */
export type EmailDelivery = "smtp" | "local-mailbox" | "kept";

export function emailDelivery(): EmailDelivery {
  const config = env();
  if (config.SMTP_URL) return "smtp";
  return config.DATABASE_URL ? "kept" : "local-mailbox";
}

/** Whether e-mails leave the outbox, or are kept there for staff to read. */
export function emailIsDelivered(): boolean {
  return emailDelivery() !== "kept";
}

/**
 * Renders an e-mail and writes it to the outbox with the `db` it is given: pass the caller's transaction, and the
 * e-mail exists only if what caused it commits. With delivery (default: when SMTP_URL is set) it waits as `pending`
 * for the e-mail job, which the commit wakes (a NOTIFY sent in the same transaction); without, it is `kept` for
 * staff to read. Returns the outbox id.
 */
export async function enqueueEmail<T extends EmailTemplate>(
  db: Db,
  message: OutgoingEmail<T>,
  options: { deliver?: boolean } = {},
): Promise<string> {
  const to = message.to.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(to)) throw new Error("enqueueEmail: not an e-mail address");
  const locale: EmailLocale = message.locale === "en" ? "en" : "id";
  const rendered = renderEmail(message.template, message.data, locale);
  const carriesOneTimeLink = templatesWithOneTimeLinks.has(message.template);
  if (carriesOneTimeLink !== Boolean(message.secretLink) || carriesOneTimeLink !== rendered.text.includes(SECRET_LINK)) {
    throw new Error(`enqueueEmail: ${message.template} ${carriesOneTimeLink ? "needs" : "takes no"} one-time link (SECRET_LINK with its secretLink)`);
  }
  const deliver = options.deliver ?? emailIsDelivered();
  const [row] = await db
    .insert(outboxEmails)
    .values({
      cooperativeId: message.cooperativeId,
      toAddress: to,
      locale,
      template: message.template,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      secretLink: message.secretLink ?? null,
      status: deliver ? "pending" : "kept",
      // The wall clock, not the transaction's start: e-mails of one transaction list in the order they were written.
      createdAt: sql`clock_timestamp()`,
    })
    .returning({ id: outboxEmails.id });
  if (deliver) await nudgeJob(db, DELIVER_EMAILS_JOB);
  return row!.id;
}

export interface OutboxListItem {
  id: string;
  toAddress: string;
  subject: string;
  template: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

export interface OutboxPage {
  items: OutboxListItem[];
  total: number;
  page: number;
  pageCount: number;
}

/** One cooperative's e-mails, newest first. */
export async function listOutbox(
  db: Db,
  cooperativeId: string,
  options: { page: number; pageSize?: number; status?: OutboxStatus },
): Promise<OutboxPage> {
  const pageSize = Math.min(200, Math.max(1, Math.floor(options.pageSize ?? 20)));
  const page = Math.max(1, Math.floor(Number.isFinite(options.page) ? options.page : 1));
  if (!uuidPattern.test(cooperativeId)) return { items: [], total: 0, page, pageCount: 1 };
  const conditions: SQL[] = [eq(outboxEmails.cooperativeId, cooperativeId)];
  if (options.status) conditions.push(eq(outboxEmails.status, options.status));
  const where = and(...conditions);
  const [items, [counted]] = await Promise.all([
    db
      .select({
        id: outboxEmails.id,
        toAddress: outboxEmails.toAddress,
        subject: outboxEmails.subject,
        template: outboxEmails.template,
        status: outboxEmails.status,
        attempts: outboxEmails.attempts,
        createdAt: outboxEmails.createdAt,
        sentAt: outboxEmails.sentAt,
        lastError: outboxEmails.lastError,
      })
      .from(outboxEmails)
      .where(where)
      .orderBy(desc(outboxEmails.createdAt), desc(outboxEmails.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(outboxEmails).where(where),
  ]);
  const total = counted?.total ?? 0;
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** One e-mail of the cooperative, or undefined (also for another cooperative's e-mail or an id that is no UUID). */
export async function getOutboxEmail(db: Db, cooperativeId: string, id: string): Promise<OutboxEmail | undefined> {
  if (!uuidPattern.test(id) || !uuidPattern.test(cooperativeId)) return undefined;
  const [row] = await db
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.cooperativeId, cooperativeId), eq(outboxEmails.id, id)))
    .limit(1);
  return row;
}

/** The newest e-mail to an address (optionally of one template), across cooperatives: for tests and the e2e flow. */
export async function latestEmailTo(db: Db, to: string, template?: EmailTemplate): Promise<OutboxEmail | undefined> {
  const conditions: SQL[] = [eq(outboxEmails.toAddress, to.trim())];
  if (template) conditions.push(eq(outboxEmails.template, template));
  const [row] = await db
    .select()
    .from(outboxEmails)
    .where(and(...conditions))
    .orderBy(desc(outboxEmails.createdAt), desc(outboxEmails.id))
    .limit(1);
  return row;
}
