import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { cooperativeId, createdAt } from "./columns";
import { users } from "./identity";
import { cooperatives } from "./tenancy";

/**
 * Forms that create things, sent once (decision 15). Each such form carries a one-time token; the first post
 * with it claims this row, and its answer (a redirect or the page's data) is kept here, so a second post of
 * the same form (a double tap, a resend after a lost answer) gets the first answer instead of a second
 * product. Keyed by the SHA-256 of token, purpose and subject; rows are dropped after two days.
 */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    keyHash: text().notNull(),
    /** What the form creates (`product.create`, `application.submit`, …), for people reading the table. */
    purpose: text().notNull(),
    /** Who sent it; a guest's form has none. Only the same person gets the kept answer. */
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    /**
     * A hash of what the first post said (`formContent`): a post of the same token with other values is not a
     * repeat, and is refused instead of answered with the first post's answer. Null for forms that do not say.
     */
    content: text(),
    /** The first post's answer; null while it is still being handled. */
    result: jsonb(),
    /** When the row was claimed, or taken over from a post that never finished. */
    claimedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.keyHash] }), index("form_submissions_created_idx").on(t.cooperativeId, t.createdAt), index("form_submissions_user_idx").on(t.userId)],
);
