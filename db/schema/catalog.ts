import { sql } from "drizzle-orm";
import {
  type PgTableExtraConfigValue,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { cooperativeId, createdAt, id, rupiah, updatedAt } from "./columns";
import { mediaAssets } from "./media";
import { members } from "./membership";
import { cooperatives } from "./tenancy";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Which label facts a listing must carry: packaged food (BPOM/P-IRT, halal) or crafts. */
export const categoryKind = pgEnum("category_kind", ["food", "craft"]);

export const categories = pgTable(
  "categories",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    slug: text().notNull(),
    kind: categoryKind().notNull(),
    nameId: text().notNull(),
    nameEn: text().notNull(),
    descriptionId: text().notNull().default(""),
    descriptionEn: text().notNull().default(""),
    /** Overrides the cooperative's fee for products in this category (basis points). */
    feeRateBp: integer(),
    position: integer().notNull().default(0),
    /** The category's photo on the home page and its own page (a media asset of this cooperative). */
    imageAssetId: uuid(),
    /**
     * Retired: gone from the shop and the member's product form, kept because versions point at it (decision 30).
     * `movedToId`: where its products went, so its old address can send shoppers there.
     */
    retiredAt: timestamp({ withTimezone: true }),
    movedToId: uuid(),
    createdAt: createdAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    unique("categories_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("categories_cooperative_slug_key").on(t.cooperativeId, t.slug),
    foreignKey({
      name: "categories_image_asset_fk",
      columns: [t.cooperativeId, t.imageAssetId],
      foreignColumns: [mediaAssets.cooperativeId, mediaAssets.id],
    }),
    foreignKey({
      name: "categories_moved_to_fk",
      columns: [t.cooperativeId, t.movedToId],
      foreignColumns: [t.cooperativeId, t.id],
    }),
    index("categories_image_asset_idx").on(t.cooperativeId, t.imageAssetId),
    index("categories_moved_to_idx").on(t.cooperativeId, t.movedToId),
  ],
);

/** The stable identity of a listing; what shoppers see is its live (approved) version. */
export const products = pgTable(
  "products",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    memberId: uuid().notNull(),
    slug: text().notNull(),
    /** The approved version shoppers see; null until the first approval. */
    liveVersionId: uuid(),
    /** First time a version of this product went live: the "newest" sort. */
    publishedAt: timestamp({ withTimezone: true }),
    archivedAt: timestamp({ withTimezone: true }),
    /** Units sold, for the "popular" sort; maintained by the orders module in the order's transaction. */
    unitsSold: integer().notNull().default(0),
    /** Built from the live version and its producer whenever either changes (catalog/search). */
    searchDocument: tsvector(),
    /*
     * The listing's fields, kept by triggers (migration 0009, decision 23) in the same statement as any write that
     * changes them: live version, archive, producer status, prices and stock of the live version's variants.
     * `listed`: shoppers may see it (live, not archived, producer active). `categoryId`, `priceMin`/`priceMax`:
     * from the live version. `inStock`: some variant of the live version has stock. `stockShown`: what a shopper is
     * shown of the live version's stock, summed over its variants (`shownStock`: the count up to LOW_STOCK, else
     * LOW_STOCK + 1), so a card reads it here rather than summing variants (decision 46).
     */
    listed: boolean().notNull().default(false),
    categoryId: uuid(),
    priceMin: rupiah(),
    priceMax: rupiah(),
    inStock: boolean().notNull().default(false),
    stockShown: integer().notNull().default(0),
    /**
     * Taken off the shop by a manager (a recall, a food-safety doubt) with a reason the member sees; `listed` and
     * the shop's visibility rule leave it out until a manager restores it (decision 30).
     */
    takenDownAt: timestamp({ withTimezone: true }),
    takenDownReason: text().notNull().default(""),
    takenDownBy: uuid(),
    /** Featured on the home page, in this order (1 first); null: not featured. */
    featuredPosition: integer(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    unique("products_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("products_cooperative_slug_key").on(t.cooperativeId, t.slug),
    foreignKey({
      name: "products_member_fk",
      columns: [t.cooperativeId, t.memberId],
      foreignColumns: [members.cooperativeId, members.id],
    }),
    foreignKey({
      name: "products_live_version_fk",
      columns: [t.cooperativeId, t.liveVersionId],
      foreignColumns: [productVersions.cooperativeId, productVersions.id],
    }),
    index("products_member_idx").on(t.cooperativeId, t.memberId),
    index("products_live_version_idx").on(t.cooperativeId, t.liveVersionId),
    // One index per listing sort, led by the cooperative, over listed products only: a page is an index range.
    index("products_listed_popular_idx").on(t.cooperativeId, t.unitsSold.desc(), t.id).where(sql`listed`),
    index("products_listed_newest_idx").on(t.cooperativeId, t.publishedAt.desc(), t.id).where(sql`listed`),
    index("products_listed_price_idx").on(t.cooperativeId, t.priceMin, t.id).where(sql`listed`),
    // Counts by category, producer, stock and price read from this index alone (with the visibility map).
    index("products_listed_facets_idx").on(t.cooperativeId, t.categoryId, t.memberId, t.inStock, t.priceMin).where(sql`listed`),
    // btree_gin lets the full-text index lead with the cooperative.
    index("products_listed_search_idx").using("gin", t.cooperativeId, t.searchDocument).where(sql`listed`),
    index("products_featured_idx").on(t.cooperativeId, t.featuredPosition).where(sql`featured_position is not null`),
    check("products_featured_position_positive", sql`${t.featuredPosition} is null or ${t.featuredPosition} > 0`),
  ],
);

export const versionState = pgEnum("product_version_state", [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "rejected",
  "archived",
]);

export const registrationType = pgEnum("registration_type", ["pirt", "bpom_md", "bpom_ml", "none"]);

/** One edit of a listing: text, category, label facts, variants and photos move through review together. */
export const productVersions = pgTable(
  "product_versions",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    productId: uuid().notNull(),
    versionNumber: integer().notNull(),
    state: versionState().notNull().default("draft"),
    categoryId: uuid().notNull(),
    nameId: text().notNull(),
    nameEn: text().notNull().default(""),
    descriptionId: text().notNull().default(""),
    descriptionEn: text().notNull().default(""),
    /** Shipping facts: actual weight and packed dimensions. */
    weightGrams: integer().notNull(),
    lengthMm: integer().notNull(),
    widthMm: integer().notNull(),
    heightMm: integer().notNull(),
    // Label facts for packaged food (BPOM labelling rules, UU 18/2012).
    netQuantity: text().notNull().default(""),
    ingredientsId: text().notNull().default(""),
    ingredientsEn: text().notNull().default(""),
    allergensId: text().notNull().default(""),
    allergensEn: text().notNull().default(""),
    registrationType: registrationType().notNull().default("none"),
    registrationNumber: text(),
    halalCertificateNumber: text(),
    shelfLifeDays: integer(),
    storageId: text().notNull().default(""),
    storageEn: text().notNull().default(""),
    producerAddress: text().notNull().default(""),
    // Facts for crafts and other non-food goods.
    materialId: text().notNull().default(""),
    materialEn: text().notNull().default(""),
    sizeText: text().notNull().default(""),
    careId: text().notNull().default(""),
    careEn: text().notNull().default(""),
    submittedAt: timestamp({ withTimezone: true }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("product_versions_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("product_versions_product_number_key").on(t.productId, t.versionNumber),
    foreignKey({
      name: "product_versions_product_fk",
      columns: [t.cooperativeId, t.productId],
      foreignColumns: [products.cooperativeId, products.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "product_versions_category_fk",
      columns: [t.cooperativeId, t.categoryId],
      foreignColumns: [categories.cooperativeId, categories.id],
    }),
    index("product_versions_state_idx").on(t.cooperativeId, t.state, t.submittedAt),
    index("product_versions_category_idx").on(t.cooperativeId, t.categoryId),
    check("product_versions_weight_positive", sql`${t.weightGrams} > 0`),
    check("product_versions_dimensions_positive", sql`${t.lengthMm} > 0 and ${t.widthMm} > 0 and ${t.heightMm} > 0`),
    check("product_versions_shelf_life_positive", sql`${t.shelfLifeDays} is null or ${t.shelfLifeDays} > 0`),
  ],
);

/** A stock-keeping unit. Stock lives here, outside versions, so review never touches inventory. */
export const productVariants = pgTable(
  "product_variants",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    productId: uuid().notNull(),
    sku: text().notNull(),
    /** Units on hand and not yet sold; the check constraint is the last guard against overselling. */
    stock: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    unique("product_variants_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("product_variants_cooperative_sku_key").on(t.cooperativeId, t.sku),
    index("product_variants_product_idx").on(t.cooperativeId, t.productId),
    foreignKey({
      name: "product_variants_product_fk",
      columns: [t.cooperativeId, t.productId],
      foreignColumns: [products.cooperativeId, products.id],
    }).onDelete("cascade"),
    check("product_variants_stock_not_negative", sql`${t.stock} >= 0`),
  ],
);

/** How a version names and prices each of its variants (flavour, size...). */
export const productVersionVariants = pgTable(
  "product_version_variants",
  {
    cooperativeId: cooperativeId(),
    versionId: uuid().notNull(),
    variantId: uuid().notNull(),
    /** Empty for a product sold in one form only. */
    nameId: text().notNull().default(""),
    nameEn: text().notNull().default(""),
    price: rupiah().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.variantId] }),
    foreignKey({
      name: "product_version_variants_version_fk",
      columns: [t.cooperativeId, t.versionId],
      foreignColumns: [productVersions.cooperativeId, productVersions.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "product_version_variants_variant_fk",
      columns: [t.cooperativeId, t.variantId],
      foreignColumns: [productVariants.cooperativeId, productVariants.id],
    }).onDelete("cascade"),
    index("product_version_variants_variant_idx").on(t.cooperativeId, t.variantId),
    check("product_version_variants_price_positive", sql`${t.price} > 0`),
  ],
);

export const imageRole = pgEnum("product_image_role", ["product", "packaging_front", "label_back", "other"]);

/** The photos of a version, in display order; the first is the cover. */
export const productVersionImages = pgTable(
  "product_version_images",
  {
    cooperativeId: cooperativeId(),
    versionId: uuid().notNull(),
    assetId: uuid().notNull(),
    role: imageRole().notNull(),
    position: integer().notNull().default(0),
    altId: text().notNull().default(""),
    altEn: text().notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.assetId] }),
    foreignKey({
      name: "product_version_images_version_fk",
      columns: [t.cooperativeId, t.versionId],
      foreignColumns: [productVersions.cooperativeId, productVersions.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "product_version_images_asset_fk",
      columns: [t.cooperativeId, t.assetId],
      foreignColumns: [mediaAssets.cooperativeId, mediaAssets.id],
    }),
    index("product_version_images_asset_idx").on(t.cooperativeId, t.assetId),
  ],
);

export const stockMovementReason = pgEnum("stock_movement_reason", [
  "received",
  "damaged",
  "correction",
  "reserved",
  "released",
  "returned",
]);

/** Every change to a variant's stock, written in the same transaction as the change. */
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    variantId: uuid().notNull(),
    delta: integer().notNull(),
    reason: stockMovementReason().notNull(),
    note: text().notNull().default(""),
    /** The user who made it (null for the system: seeding, expiry). */
    actorUserId: uuid(),
    /** The order that reserved or released it. */
    orderId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "stock_movements_variant_fk",
      columns: [t.cooperativeId, t.variantId],
      foreignColumns: [productVariants.cooperativeId, productVariants.id],
    }).onDelete("cascade"),
    index("stock_movements_variant_idx").on(t.cooperativeId, t.variantId, t.createdAt),
    check("stock_movements_delta_not_zero", sql`${t.delta} <> 0`),
  ],
);

export const reviewDecision = pgEnum("listing_review_decision", ["approved", "changes_requested", "rejected", "auto_approved"]);

/**
 * A curator's decision on a version, with the packaging and label checklist (each item pass or needs
 * change, with a comment the member can act on). `auto_approved`: a price change within the limit.
 */
export const listingReviews = pgTable(
  "listing_reviews",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    versionId: uuid().notNull(),
    curatorUserId: uuid(),
    decision: reviewDecision().notNull(),
    checklist: jsonb().$type<Record<string, { pass: boolean | null; comment: string }>>().notNull().default({}),
    comment: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: "listing_reviews_version_fk",
      columns: [t.cooperativeId, t.versionId],
      foreignColumns: [productVersions.cooperativeId, productVersions.id],
    }).onDelete("cascade"),
    index("listing_reviews_version_idx").on(t.cooperativeId, t.versionId),
  ],
);

/**
 * The words of a cooperative's listed products (the lexemes of their search documents, three letters or more), with
 * how many listed products hold each: what a misspelt search word is corrected against. Kept by a trigger on
 * products (migration 0009), so it changes in the same transaction as the listing. `word` is `COLLATE "C"`
 * (migration 0027; drizzle has no column collation): byte order, so the words beginning with a prefix are a range of
 * the primary key (decision 51).
 */
export const searchWords = pgTable(
  "search_words",
  {
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    word: text().notNull(),
    productCount: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperativeId, t.word] }),
    index("search_words_trgm_idx").using("gin", t.cooperativeId, sql`${t.word} gin_trgm_ops`),
  ],
);

/**
 * How many listed products each producer has in each category (decision 49): the counts home, the listing's filters
 * and totals and the producers' list read, instead of counting every listed product on each request. Kept by a
 * trigger on products (migration 0025) in the same statement as the listing; a product's stock is not part of the
 * key, so a sale never writes here.
 */
export const listedProductCounts = pgTable(
  "listed_product_counts",
  {
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    categoryId: uuid().notNull(),
    memberId: uuid().notNull(),
    productCount: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperativeId, t.categoryId, t.memberId] }),
    index("listed_product_counts_member_idx").on(t.cooperativeId, t.memberId),
  ],
);

/**
 * A cooperative's own search synonyms, edited by its managers (decision 26): when a shopper's query holds `term` (a
 * folded phrase of one to three words), each of `meanings` (folded phrases) is searched as well. Added to the
 * built-in table (`catalog/shop/search-lexicon.ts`); a change tells the page cache (migration `search_synonyms`).
 */
export const searchSynonyms = pgTable(
  "search_synonyms",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    term: text().notNull(),
    meanings: text().array().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("search_synonyms_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("search_synonyms_term_key").on(t.cooperativeId, t.term),
    check("search_synonyms_term", sql`length(${t.term}) between 2 and 60`),
    check("search_synonyms_meanings", sql`cardinality(${t.meanings}) between 1 and 10`),
  ],
);
