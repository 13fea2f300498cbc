import { sql } from "drizzle-orm";
import { foreignKey, index, pgEnum, pgTable, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    photoAssetId: uuid(),
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
    index("members_business_name_trgm_idx").using("gin", sql`f_unaccent(lower(${t.businessName})) gin_trgm_ops`),
  ],
);
