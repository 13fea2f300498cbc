import { type PgTableExtraConfigValue, boolean, check, foreignKey, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { mediaAssets } from "./media";
import { sql } from "drizzle-orm";
import { createdAt, id, rupiah, updatedAt } from "./columns";

/** A cooperative (koperasi): the tenant, the seller of record, the owner of its shop. */
export const cooperatives = pgTable(
  "cooperatives",
  {
    id: id(),
    slug: text().notNull(),
    name: text().notNull(),
    legalName: text().notNull(),
    taglineId: text().notNull().default(""),
    taglineEn: text().notNull().default(""),
    storyId: text().notNull().default(""),
    storyEn: text().notNull().default(""),
    address: text().notNull().default(""),
    village: text().notNull().default(""),
    district: text().notNull().default(""),
    regency: text().notNull().default(""),
    province: text().notNull().default(""),
    postalCode: text().notNull().default(""),
    phone: text().notNull().default(""),
    email: text().notNull().default(""),
    /** Default fee the cooperative keeps on each order line, in basis points (1000 = 10%). */
    feeRateBp: integer().notNull().default(1000),
    /** Days after an order line completes before the member's share can be paid out. */
    payoutHoldDays: integer().notNull().default(7),
    /** A settlement run pays a member business only when at least this much is available (decision 34). */
    payoutMinimum: rupiah().notNull().default(50_000),
    /** A payout run needs a second staff member's approval (four eyes); on unless a manager turns it off. */
    payoutFourEyes: boolean().notNull().default(true),
    /** Registered for VAT (PKP): prices include PPN. */
    vatRegistered: boolean().notNull().default(false),
    /** Price changes within this percentage of the live price skip the listing review. */
    reviewSkipPricePct: integer().notNull().default(10),
    /** Unpaid orders expire after this many hours and release their stock. */
    orderExpiryHours: integer().notNull().default(24),
    /**
     * Starts every order number (`BNR-26-000123`); unique across the deployment, so payment references are too.
     * Left empty, a trigger (migration 0008) derives a free one from the slug.
     */
    orderPrefix: text().notNull().default(""),
    /** Delivered or picked-up orders complete (and start the payout hold) after this many days. */
    completeAfterDays: integer().notNull().default(3),
    /** Days after delivery or pickup in which a shopper may ask to return goods (UU 8/1999: a stated policy). */
    returnWindowDays: integer().notNull().default(7),
    /** Days after payment by which members bring their goods to the outlet. */
    handoverDays: integer().notNull().default(1),
    /** Shoppers may collect their order at the cooperative's outlet. */
    pickupEnabled: boolean().notNull().default(true),
    /** Delivery to a hotel or homestay in town, at this flat price; null: not offered. */
    localDeliveryFee: rupiah(),
    /** Where local delivery goes, in words ("Kota Batu"). */
    localDeliveryArea: text().notNull().default(""),
    bankName: text().notNull().default(""),
    bankAccountNumber: text().notNull().default(""),
    bankAccountHolder: text().notNull().default(""),
    /** The home page's picture of the place and its people. */
    heroAssetId: uuid(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    uniqueIndex("cooperatives_slug_key").on(t.slug),
    uniqueIndex("cooperatives_order_prefix_key").on(t.orderPrefix),
    check("cooperatives_order_prefix_format", sql`${t.orderPrefix} ~ '^[A-Z]{2,5}[0-9]{0,2}$'`),
    foreignKey({
      name: "cooperatives_hero_asset_fk",
      columns: [t.id, t.heroAssetId],
      foreignColumns: [mediaAssets.cooperativeId, mediaAssets.id],
    }),
    check("cooperatives_payout_minimum", sql`${t.payoutMinimum} >= 0`),
    check("cooperatives_fee_rate_bp_range", sql`${t.feeRateBp} between 0 and 10000`),
    check("cooperatives_review_skip_pct_range", sql`${t.reviewSkipPricePct} between 0 and 100`),
    check("cooperatives_fulfilment_days", sql`${t.completeAfterDays} between 0 and 60 and ${t.returnWindowDays} between 0 and 60 and ${t.handoverDays} between 0 and 14`),
  ],
);

/**
 * Which cooperative a request is for, by its Host header. The primary host is the shop's own address:
 * every link and canonical URL is built from it, never from what a request claims.
 */
export const cooperativeHosts = pgTable(
  "cooperative_hosts",
  {
    host: text().primaryKey(),
    cooperativeId: uuid()
      .notNull()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    isPrimary: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("cooperative_hosts_one_primary_key").on(t.cooperativeId).where(sql`${t.isPrimary}`)],
);

/** The shop's own pages that managers write (decision 30); a page not written shows the shop's default text. */
export const shopPageKind = pgEnum("shop_page_kind", ["about", "returns", "pickup"]);

export const shopPages = pgTable(
  "shop_pages",
  {
    cooperativeId: uuid()
      .notNull()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    kind: shopPageKind().notNull(),
    /** Plain text; a blank line starts a paragraph. */
    bodyId: text().notNull().default(""),
    bodyEn: text().notNull().default(""),
    /** The pickup page's map link (https only); empty for the other pages. */
    mapUrl: text().notNull().default(""),
    updatedBy: uuid(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperativeId, t.kind] }),
    check("shop_pages_map_url_https", sql`${t.mapUrl} = '' or ${t.mapUrl} like 'https://%'`),
  ],
);
