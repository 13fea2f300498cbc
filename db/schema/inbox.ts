import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id } from "./columns";
import { cooperatives } from "./tenancy";

/** `pending` until applied (or retried after a failure), `applied` once, `failed` after the last attempt. */
export const inboundEventStatus = pgEnum("inbound_event_status", ["pending", "applied", "failed"]);

/**
 * Notifications from outside (payment providers), stored as they came before anything acts on them, so the sender is
 * answered fast and a crash between receipt and apply loses nothing. A job applies each once, in one transaction.
 */
export const inboundEvents = pgTable(
  "inbound_events",
  {
    id: id(),
    /**
     * The cooperative the event belongs to, decided when it is applied from what it refers to (the order
     * reference), never from the request; null until then.
     */
    cooperativeId: uuid().references(() => cooperatives.id, { onDelete: "cascade" }),
    /** `midtrans`, `stripe`, … : which applier reads it. */
    provider: text().notNull(),
    /** The provider's own id of the notification: the same event delivered twice is stored once. */
    eventId: text().notNull(),
    /**
     * The cooperative whose own webhook address received it (from the URL path, never the Host header), when the
     * address names one: a claim the applier checks against what the event refers to. Shown to that cooperative's
     * staff until the event is applied.
     */
    endpointCooperativeId: uuid().references(() => cooperatives.id, { onDelete: "cascade" }),
    /** An allow-list of the request's headers (content type, signatures); never cookies or credentials. */
    headers: jsonb().$type<Record<string, string>>().notNull(),
    rawBody: text().notNull(),
    status: inboundEventStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    /** What applying it did, in a few words for staff ("payment captured", "ignored: already paid"). */
    outcome: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("inbound_events_provider_event_idx").on(t.provider, t.eventId),
    index("inbound_events_due_idx").on(t.status, t.nextAttemptAt),
    index("inbound_events_cooperative_idx").on(t.cooperativeId, t.receivedAt),
    index("inbound_events_endpoint_idx").on(t.endpointCooperativeId, t.receivedAt),
  ],
);
