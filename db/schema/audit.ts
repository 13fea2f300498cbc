import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/**
 * Who did what, where, when, with the state before and after: every staff action that changes money, stock,
 * membership, settings or a listing's state, and every view of full bank details. Append-only: a trigger
 * (migration) refuses UPDATE and DELETE.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** Null only for platform actions (creating a cooperative). */
    cooperativeId: uuid(),
    actorUserId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    ipAddress: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_cooperative_idx").on(t.cooperativeId, t.createdAt),
    index("audit_log_entity_idx").on(t.cooperativeId, t.entityType, t.entityId),
  ],
);
