import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { cooperatives } from "./tenancy";

/**
 * `kept`: no SMTP configured, the message stays here for staff to read. `pending` → `sent`, or back to
 * `pending` with a later `next_attempt_at` after a failure, until `failed` after the last attempt.
 */
export const outboxStatus = pgEnum("outbox_status", ["pending", "sent", "failed", "kept"]);

export type OneTimeLinkSpec =
  | { purpose: "password_reset"; userId: string }
  | { purpose: "invite"; userId: string; invitationId: string }
  | { purpose: "sign_up"; signUpId: string };

/**
 * What secret link an e-mail carries, made when it is sent. Order and application links are not one-time: they open
 * the order's or the application's page.
 */
export type SecretLinkSpec = OneTimeLinkSpec | { purpose: "order"; orderId: string } | { purpose: "application"; applicationId: string };

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
    /**
     * The one-time link this e-mail carries, described but not made: the bodies hold a placeholder, and the
     * link (its token stored only as a hash) is made when the e-mail is sent, so no stored row and no staff
     * screen ever holds a working reset, invitation or sign-up link.
     */
    secretLink: jsonb().$type<SecretLinkSpec>(),
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
