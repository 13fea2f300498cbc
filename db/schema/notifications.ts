import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { cooperatives } from "./tenancy";

/**
 * `kept`: no SMTP configured, the message stays here for staff to read. `pending` → `sent`, or back to
 * `pending` with a later `next_attempt_at` after a failure, until `failed` after the last attempt.
 */
export const outboxStatus = pgEnum("outbox_status", ["pending", "sent", "failed", "kept"]);

/** Every e-mail the shop sends, written in the same transaction as what caused it. */
export const outboxEmails = pgTable(
  "outbox_emails",
  {
    id: id(),
    cooperativeId: uuid().references(() => cooperatives.id, { onDelete: "cascade" }),
    toAddress: text().notNull(),
    locale: text().notNull(),
    template: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text().notNull(),
    status: outboxStatus().notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_emails_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_emails_cooperative_idx").on(t.cooperativeId, t.createdAt),
  ],
);
