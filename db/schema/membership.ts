import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { mediaAssets } from "./media";
import { cooperativeId, createdAt, id, updatedAt } from "./columns";
import { cooperatives } from "./tenancy";

export const memberStatus = pgEnum("member_status", ["active", "suspended"]);

/**
 * A member business (anggota / UMKM): the producer shoppers see, the owner of products,
 * and later the holder of a payable account in the ledger.
 */
export const members = pgTable(
  "members",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    /** The cooperative's member number, e.g. AGT-0007. */
    memberNumber: text().notNull(),
    slug: text().notNull(),
    businessName: text().notNull(),
    ownerName: text().notNull(),
    storyId: text().notNull().default(""),
    storyEn: text().notNull().default(""),
    /** What they make, in a few words, shown on producer cards. */
    specialtyId: text().notNull().default(""),
    specialtyEn: text().notNull().default(""),
    village: text().notNull().default(""),
    district: text().notNull().default(""),
    regency: text().notNull().default(""),
    province: text().notNull().default(""),
    /** Business identification number from OSS (13 digits), optional for micro-enterprises. */
    nib: text(),
    phone: text().notNull().default(""),
    email: text().notNull().default(""),
    status: memberStatus().notNull().default("active"),
    /** Overrides the category's and the cooperative's fee for this business's sales (basis points). */
    feeRateBp: integer(),
    photoAssetId: uuid(),
    /**
     * When the member wrote or confirmed the public profile (decision 28). A member admitted from an application
     * starts without (the application text stays private); members made by staff or seeds count as confirmed.
     * The producer page shows only with a confirmed profile and a live product.
     */
    profileConfirmedAt: timestamp({ withTimezone: true }).defaultNow(),
    joinedAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("members_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("members_cooperative_slug_key").on(t.cooperativeId, t.slug),
    uniqueIndex("members_cooperative_number_key").on(t.cooperativeId, t.memberNumber),
    foreignKey({
      name: "members_photo_fk",
      columns: [t.cooperativeId, t.photoAssetId],
      foreignColumns: [mediaAssets.cooperativeId, mediaAssets.id],
    }),
    index("members_photo_idx").on(t.cooperativeId, t.photoAssetId),
    check("members_fee_rate_bp_range", sql`${t.feeRateBp} between 0 and 10000`),
    // Led by the cooperative (btree_gin): a producer found by name, by word or by a close spelling (search
    // suggestions, the members list), reads this cooperative's entries only.
    index("members_business_name_trgm_idx").using("gin", t.cooperativeId, sql`f_unaccent(lower(${t.businessName})) gin_trgm_ops`),
    index("members_business_name_words_idx").using("gin", t.cooperativeId, sql`to_tsvector('simple', f_unaccent(lower(${t.businessName})))`),
  ],
);

/** Where payouts go: a bank account, or an e-wallet identified by its registered phone number (E.164). */
export const payoutAccountKind = pgEnum("payout_account_kind", ["bank", "ewallet"]);

export const applicationStatus = pgEnum("application_status", ["submitted", "approved", "rejected"]);

/** "Daftar jadi anggota": a business applying to join, as typed, until staff decide. */
export const membershipApplications = pgTable(
  "membership_applications",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    status: applicationStatus().notNull().default("submitted"),
    businessName: text().notNull(),
    ownerName: text().notNull(),
    /** E.164, +62… */
    phone: text().notNull(),
    email: text().notNull(),
    provinceCode: text().notNull(),
    regencyCode: text().notNull(),
    districtCode: text().notNull(),
    villageCode: text().notNull(),
    /** Names of the area codes above, as they were when the applicant chose them. */
    province: text().notNull(),
    regency: text().notNull(),
    district: text().notNull(),
    village: text().notNull(),
    street: text().notNull(),
    postalCode: text().notNull(),
    nib: text(),
    products: text().notNull(),
    /** The payout account is optional at application (many applicants have none yet): all four or none. */
    payoutKind: payoutAccountKind(),
    bankCode: text(),
    bankAccountNumber: text(),
    bankAccountHolder: text(),
    locale: text().notNull().default("id"),
    decisionReason: text(),
    decidedByUserId: uuid(),
    decidedAt: timestamp({ withTimezone: true }),
    memberId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("membership_applications_cooperative_id_id_key").on(t.cooperativeId, t.id),
    index("membership_applications_queue_idx").on(t.cooperativeId, t.status, t.createdAt),
    index("membership_applications_member_idx").on(t.cooperativeId, t.memberId),
    check(
      "membership_applications_payout_all_or_none",
      sql`(${t.payoutKind} is null) = (${t.bankCode} is null) and (${t.bankCode} is null) = (${t.bankAccountNumber} is null) and (${t.bankAccountNumber} is null) = (${t.bankAccountHolder} is null)`,
    ),
    foreignKey({
      name: "membership_applications_member_fk",
      columns: [t.cooperativeId, t.memberId],
      foreignColumns: [members.cooperativeId, members.id],
    }),
  ],
);

/**
 * A private link to an application's status page, for the applicant (who has no account yet): only the SHA-256 of
 * its token is kept. Each e-mail about the application gets its own, made when it is sent, so staff reading the
 * outbox never see a working link.
 */
export const applicationLinks = pgTable(
  "application_links",
  {
    tokenHash: text().primaryKey(),
    cooperativeId: cooperativeId(),
    applicationId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "application_links_application_fk",
      columns: [t.cooperativeId, t.applicationId],
      foreignColumns: [membershipApplications.cooperativeId, membershipApplications.id],
    }).onDelete("cascade"),
    index("application_links_application_idx").on(t.cooperativeId, t.applicationId),
  ],
);

export const bankAccountStatus = pgEnum("bank_account_status", ["pending", "confirmed", "rejected", "superseded"]);

/**
 * Where a member's payouts go. A new or changed account waits for a treasurer's confirmation (a hijacked
 * login cannot redirect payouts); payouts use only the confirmed one.
 */
export const memberBankAccounts = pgTable(
  "member_bank_accounts",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    memberId: uuid().notNull(),
    kind: payoutAccountKind().notNull().default("bank"),
    /** A bank's code, or an e-wallet's (`gopay`, `ovo`, `dana`, `shopeepay`): `app/lib/indonesia/payout-providers`. */
    bankCode: text().notNull(),
    /** A bank account's digits, or the e-wallet's phone number in E.164. */
    accountNumber: text().notNull(),
    holderName: text().notNull(),
    status: bankAccountStatus().notNull().default("pending"),
    submittedByUserId: uuid(),
    decidedByUserId: uuid(),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "member_bank_accounts_member_fk",
      columns: [t.cooperativeId, t.memberId],
      foreignColumns: [members.cooperativeId, members.id],
    }).onDelete("cascade"),
    index("member_bank_accounts_member_idx").on(t.cooperativeId, t.memberId, t.status),
    uniqueIndex("member_bank_accounts_one_confirmed_key")
      .on(t.cooperativeId, t.memberId)
      .where(sql`${t.status} = 'confirmed'`),
    uniqueIndex("member_bank_accounts_one_pending_key")
      .on(t.cooperativeId, t.memberId)
      .where(sql`${t.status} = 'pending'`),
  ],
);
