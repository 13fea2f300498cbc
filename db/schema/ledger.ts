import { sql } from "drizzle-orm";
import { type PgTableExtraConfigValue, check, date, foreignKey, index, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { productVariants } from "./catalog";
import { cooperativeId, createdAt, id, rupiah } from "./columns";
import { users } from "./identity";
import { members } from "./membership";
import { orderLines, paymentProvider } from "./orders";
import { cooperatives } from "./tenancy";

/**
 * The chart of accounts (decision 32). A provider's clearing account holds money a provider has taken for the
 * cooperative and not yet settled to its bank; a member payable is what the cooperative owes one member business.
 */
export const ledgerAccountKind = pgEnum("ledger_account_kind", [
  "provider_clearing",
  "bank",
  "fee_revenue",
  "shipping_revenue",
  "provider_charges",
  "refunds",
  "member_payable",
  /** The outlet's cash drawer: cash taken at the counter, until it is banked (decision 35). */
  "cash",
  /** Money the cooperative kept as its own: a flagged payment accepted as extra income, with a reason (decision 35). */
  "other_income",
]);

export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    kind: ledgerAccountKind().notNull(),
    /** The provider of a clearing account. */
    provider: paymentProvider(),
    /** The member business of a payable account. */
    memberId: uuid(),
    createdAt: createdAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    unique("ledger_accounts_cooperative_id_id_key").on(t.cooperativeId, t.id),
    unique("ledger_accounts_chart_key").on(t.cooperativeId, t.kind, t.provider, t.memberId).nullsNotDistinct(),
    foreignKey({ name: "ledger_accounts_member_fk", columns: [t.cooperativeId, t.memberId], foreignColumns: [members.cooperativeId, members.id] }),
    index("ledger_accounts_member_idx").on(t.cooperativeId, t.memberId),
    check("ledger_accounts_provider", sql`(${t.kind} = 'provider_clearing') = (${t.provider} is not null)`),
    check("ledger_accounts_member", sql`(${t.kind} = 'member_payable') = (${t.memberId} is not null)`),
  ],
);

/** What made an entry: one entry per source event, so posting the same event twice is a no-op. */
export const journalSourceKind = pgEnum("journal_source_kind", [
  "payment_captured",
  "provider_charge",
  "refund",
  "payout",
  "adjustment",
  "reversal",
  /** A flagged payment settled by the treasurer (decision 35): its id is the payment's. */
  "flagged_payment",
]);

/**
 * A journal entry: append-only, balanced at commit (both enforced by triggers in the ledger migration); a
 * correction is a new reversing entry.
 */
export const journalEntries = pgTable(
  "journal_entries",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    sourceKind: journalSourceKind().notNull(),
    /** The payment, refund, payout, adjustment or reversed entry this entry records. */
    sourceId: uuid().notNull(),
    /** The order it concerns, if any, to trace a shopper's payment to a member's balance. */
    orderId: uuid(),
    memo: text().notNull().default(""),
    /** When the event happened (the payment's time, not the insert's). */
    postedAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("journal_entries_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("journal_entries_source_key").on(t.cooperativeId, t.sourceKind, t.sourceId),
    index("journal_entries_posted_idx").on(t.cooperativeId, t.postedAt),
    index("journal_entries_order_idx").on(t.cooperativeId, t.orderId),
    index("journal_entries_created_by_idx").on(t.createdBy),
  ],
);

/** One side of an entry, in whole rupiah: exactly one of debit and credit is positive. */
export const journalLines = pgTable(
  "journal_lines",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    entryId: uuid().notNull(),
    accountId: uuid().notNull(),
    debit: rupiah().notNull().default(0),
    credit: rupiah().notNull().default(0),
    /** The member business whose sale or money this line is (on fee lines too, for their statement). */
    memberId: uuid(),
    /** The order line it comes from: its completion decides when a member's share becomes available. */
    orderLineId: uuid(),
  },
  (t) => [
    foreignKey({ name: "journal_lines_entry_fk", columns: [t.cooperativeId, t.entryId], foreignColumns: [journalEntries.cooperativeId, journalEntries.id] }),
    foreignKey({ name: "journal_lines_account_fk", columns: [t.cooperativeId, t.accountId], foreignColumns: [ledgerAccounts.cooperativeId, ledgerAccounts.id] }),
    foreignKey({ name: "journal_lines_member_fk", columns: [t.cooperativeId, t.memberId], foreignColumns: [members.cooperativeId, members.id] }),
    foreignKey({ name: "journal_lines_order_line_fk", columns: [t.cooperativeId, t.orderLineId], foreignColumns: [orderLines.cooperativeId, orderLines.id] }),
    index("journal_lines_entry_idx").on(t.cooperativeId, t.entryId),
    index("journal_lines_account_idx").on(t.cooperativeId, t.accountId),
    index("journal_lines_member_idx").on(t.cooperativeId, t.memberId),
    index("journal_lines_order_line_idx").on(t.cooperativeId, t.orderLineId),
    check("journal_lines_one_side", sql`${t.debit} >= 0 and ${t.credit} >= 0 and (${t.debit} > 0) <> (${t.credit} > 0)`),
  ],
);

/**
 * What one unit of a SKU costs its maker (HPP: materials and packaging), from a date on: the member's own
 * bookkeeping, so the dashboard can show gross profit next to omzet. The row in force on a sale's day counts.
 */
export const skuCosts = pgTable(
  "sku_costs",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    memberId: uuid().notNull(),
    variantId: uuid().notNull(),
    /** The first day (in the cooperative's time zone) this cost applies. */
    effectiveFrom: date({ mode: "string" }).notNull(),
    materials: rupiah().notNull(),
    packaging: rupiah().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("sku_costs_variant_day_key").on(t.cooperativeId, t.variantId, t.effectiveFrom),
    foreignKey({ name: "sku_costs_member_fk", columns: [t.cooperativeId, t.memberId], foreignColumns: [members.cooperativeId, members.id] }),
    foreignKey({ name: "sku_costs_variant_fk", columns: [t.cooperativeId, t.variantId], foreignColumns: [productVariants.cooperativeId, productVariants.id] }).onDelete(
      "cascade",
    ),
    index("sku_costs_member_idx").on(t.cooperativeId, t.memberId),
    index("sku_costs_created_by_idx").on(t.createdBy),
    check("sku_costs_amounts", sql`${t.materials} >= 0 and ${t.packaging} >= 0`),
  ],
);
