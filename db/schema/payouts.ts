import { sql } from "drizzle-orm";
import { type PgTableExtraConfigValue, boolean, check, foreignKey, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cooperativeId, createdAt, id, rupiah } from "./columns";
import { users } from "./identity";
import { members, payoutAccountKind } from "./membership";
import { cooperatives } from "./tenancy";

/**
 * A settlement run's life (decision 34): a treasurer drafts it, a second staff member approves it (four eyes), the
 * bank file is exported, then each payout is decided; the run is finished when none is left pending. A draft may be
 * cancelled. Only one run is open (draft, approved, exported) per cooperative at a time.
 */
export const payoutRunStatus = pgEnum("payout_run_status", ["draft", "approved", "exported", "finished", "cancelled"]);

/** What a member business skipped by a run was owed, and why it was not paid. */
export type SkippedBusiness = { memberId: string; businessName: string; memberNumber: string; available: number; reason: "no_confirmed_account" | "below_minimum" };

export const payoutRuns = pgTable(
  "payout_runs",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    /** 1, 2, 3… per cooperative: the run's name on screens and in transfer references. */
    number: integer().notNull(),
    status: payoutRunStatus().notNull().default("draft"),
    /** The instant availability was computed for (the test clock's in an e2e run), and the rules then in force. */
    asOf: timestamp({ withTimezone: true }).notNull(),
    holdDays: integer().notNull(),
    minimum: rupiah().notNull(),
    fourEyes: boolean().notNull(),
    skipped: jsonb().$type<SkippedBusiness[]>().notNull().default([]),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    approvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp({ withTimezone: true }),
    exportedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    exportedAt: timestamp({ withTimezone: true }),
    cancelledBy: uuid().references(() => users.id, { onDelete: "set null" }),
    cancelledAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t): PgTableExtraConfigValue[] => [
    unique("payout_runs_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("payout_runs_number_key").on(t.cooperativeId, t.number),
    // Two treasurers creating a run at once make one: the second insert meets this index (the flow also locks).
    uniqueIndex("payout_runs_one_open_key").on(t.cooperativeId).where(sql`${t.status} in ('draft', 'approved', 'exported')`),
    index("payout_runs_list_idx").on(t.cooperativeId, t.createdAt),
    index("payout_runs_created_by_idx").on(t.createdBy),
    index("payout_runs_approved_by_idx").on(t.approvedBy),
    index("payout_runs_exported_by_idx").on(t.exportedBy),
    index("payout_runs_cancelled_by_idx").on(t.cancelledBy),
    check("payout_runs_minimum", sql`${t.minimum} >= 0`),
  ],
);

export const payoutStatus = pgEnum("payout_status", ["pending", "paid", "failed"]);

/**
 * One member business's payout in a run: the amount and the account it goes to are snapshotted when the run is
 * made, so a later account change or sale cannot alter an approved run. `entryId` is the ledger entry a paid payout
 * posted (payable / bank); a failure after payment is reversed in the ledger and keeps both.
 */
export const payouts = pgTable(
  "payouts",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    runId: uuid().notNull(),
    memberId: uuid().notNull(),
    amount: rupiah().notNull(),
    businessName: text().notNull(),
    memberNumber: text().notNull(),
    kind: payoutAccountKind().notNull(),
    /** A bank's or e-wallet's code (`app/lib/indonesia/payout-accounts`). */
    providerCode: text().notNull(),
    accountNumber: text().notNull(),
    holderName: text().notNull(),
    /** The transfer's note (berita), the same in every export: the run and the member number. */
    reference: text().notNull(),
    status: payoutStatus().notNull().default("pending"),
    failureReason: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    entryId: uuid(),
    createdAt: createdAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    unique("payouts_cooperative_id_id_key").on(t.cooperativeId, t.id),
    unique("payouts_run_member_key").on(t.cooperativeId, t.runId, t.memberId),
    foreignKey({ name: "payouts_run_fk", columns: [t.cooperativeId, t.runId], foreignColumns: [payoutRuns.cooperativeId, payoutRuns.id] }).onDelete("cascade"),
    foreignKey({ name: "payouts_member_fk", columns: [t.cooperativeId, t.memberId], foreignColumns: [members.cooperativeId, members.id] }),
    index("payouts_member_idx").on(t.cooperativeId, t.memberId, t.createdAt),
    index("payouts_decided_by_idx").on(t.decidedBy),
    check("payouts_amount", sql`${t.amount} > 0`),
  ],
);
