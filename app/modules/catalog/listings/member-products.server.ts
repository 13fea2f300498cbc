import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { localized, type Locale } from "~/lib/i18n/core";
import { firstFreeSlug } from "~/lib/slug";
import { imageFromRow, type ImageRow, type ImageSources } from "~/modules/media/images";
import { itemsToFix, type Checklist } from "./checklist";
import { coverColumns, joinCover } from "../cover.server";
import type { PhotoRole } from "./photo-plan";
import type { VersionState } from "./versions";

/** `taken_down`: a manager took it off the shop (decision 30); the member reads why. */
export type ListingStatus = "live" | "taken_down" | VersionState;

export interface MemberProduct {
  id: string;
  slug: string;
  name: string;
  /** What the member most needs to know: live, or the state of the newest version. */
  status: ListingStatus;
  /** A newer version waiting or sent back while the product is live. */
  pending: VersionState | null;
  unitsSold: number;
  /** The cover of the newest version: what the member last sent, even before it is approved. */
  cover: ImageSources | null;
  variants: { id: string; sku: string; name: string; stock: number; price: number }[];
  /** Why the cooperative took it off the shop, while it is off. */
  takenDownReason: string | null;
}

/**
 * For a query over products `p`: its newest version as `latest` (id, state) and the version to show as `shown` (the
 * live one, else the newest).
 */
export const joinLatestAndShownVersion = sql`
    cross join lateral (
      select v.id, v.state from product_versions v
      where v.cooperative_id = p.cooperative_id and v.product_id = p.id
      order by v.version_number desc limit 1
    ) latest
    join product_versions shown on shown.cooperative_id = p.cooperative_id and shown.id = coalesce(p.live_version_id, latest.id)`;

/** The member's own products with their status, stock and sales, newest first (one query). */
export async function listMemberProducts(db: Db, cooperativeId: string, memberId: string, locale: Locale): Promise<MemberProduct[]> {
  const rows = await db.execute<ImageRow & {
    id: string; slug: string; live_version_id: string | null; archived_at: string | null; units_sold: number;
    taken_down_at: string | null; taken_down_reason: string;
    latest_state: VersionState; name_id: string; name_en: string;
    variants: { id: string; sku: string; name_id: string; name_en: string; stock: number; price: number }[];
  }>(sql`
    select p.id, p.slug, p.live_version_id, p.archived_at, p.units_sold, p.taken_down_at, p.taken_down_reason,
      latest.state as latest_state, shown.name_id, shown.name_en,
      ${coverColumns},
      coalesce((
        select json_agg(json_build_object('id', pv.id, 'sku', pv.sku, 'name_id', vv.name_id, 'name_en', vv.name_en,
          'stock', pv.stock, 'price', vv.price) order by vv.position)
        from product_version_variants vv
        join product_variants pv on pv.cooperative_id = vv.cooperative_id and pv.id = vv.variant_id
        where vv.cooperative_id = p.cooperative_id and vv.version_id = shown.id
      ), '[]') as variants
    from products p
    ${joinLatestAndShownVersion}
    ${joinCover(sql`p.cooperative_id`, sql`latest.id`)}
    where p.cooperative_id = ${cooperativeId} and p.member_id = ${memberId}
    order by p.created_at desc`);
  return rows.map((row) => {
    const live = row.live_version_id !== null && row.archived_at === null;
    return {
      id: row.id,
      slug: row.slug,
      name: localized(locale, row.name_id, row.name_en),
      status: row.archived_at ? "archived" : row.taken_down_at ? "taken_down" : live ? "live" : row.latest_state,
      pending: live && row.latest_state !== "approved" && row.latest_state !== "archived" ? row.latest_state : null,
      unitsSold: row.units_sold,
      takenDownReason: row.taken_down_at ? row.taken_down_reason : null,
      cover: imageFromRow(row, cooperativeId, localized(locale, row.name_id, row.name_en), 160),
      variants: row.variants.map((variant) => ({
        id: variant.id,
        sku: variant.sku,
        name: localized(locale, variant.name_id, variant.name_en),
        stock: variant.stock,
        price: Number(variant.price),
      })),
    };
  });
}

export async function categoryChoices(db: Db, cooperativeId: string, locale: Locale) {
  const rows = await db.execute<{ id: string; kind: "food" | "craft"; name_id: string; name_en: string }>(sql`
    select id, kind, name_id, name_en from categories
    where cooperative_id = ${cooperativeId} and retired_at is null
    order by position, name_id`);
  return rows.map((row) => ({ id: row.id, kind: row.kind, name: localized(locale, row.name_id, row.name_en) }));
}

/** A product slug not yet used in the cooperative, from its name. */
export async function uniqueProductSlug(db: Db, cooperativeId: string, base: string): Promise<string> {
  const rows = await db.execute<{ slug: string }>(sql`
    select slug from products where cooperative_id = ${cooperativeId} and slug like ${`${base}%`}`);
  return firstFreeSlug(base, new Set(rows.map((row) => row.slug)));
}

/**
 * The producer address a new listing's label starts with: the one on the member's latest listing, else
 * the business's village, district, regency and province.
 */
export async function defaultProducerAddress(db: Db, cooperativeId: string, memberId: string): Promise<string> {
  const [row] = await db.execute<{ address: string }>(sql`
    select coalesce(
      (select v.producer_address from product_versions v join products p on p.cooperative_id = v.cooperative_id and p.id = v.product_id
        where p.cooperative_id = ${cooperativeId} and p.member_id = ${memberId} and v.producer_address <> ''
        order by v.created_at desc limit 1),
      concat_ws(', ', nullif(m.village, ''), nullif(m.district, ''), nullif(m.regency, ''), nullif(m.province, ''))
    ) as address
    from members m where m.cooperative_id = ${cooperativeId} and m.id = ${memberId}`);
  return row?.address ?? "";
}

export interface ReviewOutcome {
  productId: string;
  productName: string;
  decision: "approved" | "changes_requested" | "rejected" | "auto_approved";
  comment: string;
  /** Checklist items the curator marked as needing a change, with their comments. */
  notes: { item: string; comment: string }[];
  decidedAt: Date;
  /** The version is still waiting for the member's fix. */
  awaitingFix: boolean;
}

/** The latest review outcomes on a member's products, newest first: what the dashboard shows. */
export async function recentReviewOutcomes(db: Db, cooperativeId: string, memberId: string, limit = 5): Promise<ReviewOutcome[]> {
  const rows = await db.execute<{
    product_id: string; name_id: string; decision: ReviewOutcome["decision"]; comment: string;
    checklist: Checklist; created_at: string; state: VersionState;
  }>(sql`
    select p.id as product_id, v.name_id, r.decision, r.comment, r.checklist, r.created_at, v.state
    from listing_reviews r
    join product_versions v on v.cooperative_id = r.cooperative_id and v.id = r.version_id
    join products p on p.cooperative_id = v.cooperative_id and p.id = v.product_id
    where r.cooperative_id = ${cooperativeId} and p.member_id = ${memberId}
    order by r.created_at desc
    limit ${limit}`);
  return rows.map((row) => ({
    productId: row.product_id,
    productName: row.name_id,
    decision: row.decision,
    comment: row.comment,
    notes: itemsToFix(row.checklist),
    decidedAt: new Date(row.created_at),
    awaitingFix: row.decision === "changes_requested" && row.state === "changes_requested",
  }));
}

/**
 * What the edit page shows for one of the member's products: the version to edit (an open draft, one sent
 * back or under review, else the live one, copied on save), its SKUs and photos, and the curator's latest
 * notes when it was sent back.
 */
export async function editableVersion(db: Db, cooperativeId: string, memberId: string, productId: string) {
  const [version] = await db.execute<Record<string, unknown> & { id: string; state: VersionState; product_slug: string }>(sql`
    select v.*, p.slug as product_slug from products p
    join lateral (
      select * from product_versions v
      where v.cooperative_id = p.cooperative_id and v.product_id = p.id
        and (v.state in ('draft', 'changes_requested', 'in_review') or v.id = p.live_version_id)
      order by (v.state in ('draft', 'changes_requested', 'in_review')) desc, v.version_number desc
      limit 1
    ) v on true
    where p.cooperative_id = ${cooperativeId} and p.id = ${productId} and p.member_id = ${memberId}`);
  if (!version) return undefined;
  const [variants, images, reviews] = await Promise.all([
    db.execute<{ variant_id: string; sku: string; name_id: string; name_en: string; price: string }>(sql`
      select vv.variant_id, pv.sku, vv.name_id, vv.name_en, vv.price from product_version_variants vv
      join product_variants pv on pv.id = vv.variant_id where vv.version_id = ${version.id} order by vv.position`),
    db.execute<ImageRow & { asset_id: string; role: PhotoRole }>(sql`
      select i.asset_id, i.role, a.storage, a.storage_key, a.width, a.height, a.placeholder_color
      from product_version_images i join media_assets a on a.cooperative_id = i.cooperative_id and a.id = i.asset_id
      where i.cooperative_id = ${cooperativeId} and i.version_id = ${version.id} order by i.position`),
    db.execute<{ comment: string; checklist: Checklist; decision: string }>(sql`
      select comment, checklist, decision from listing_reviews where version_id = ${version.id} order by created_at desc limit 1`),
  ]);
  const review = reviews[0] && version.state === "changes_requested" ? reviews[0] : null;
  return {
    version,
    variants: variants.map((v) => ({ variantId: v.variant_id, sku: v.sku, nameId: v.name_id, nameEn: v.name_en, price: Number(v.price) })),
    images: images.map((image) => ({ assetId: image.asset_id, role: image.role, preview: imageFromRow(image, cooperativeId, image.role, 320) })),
    review: review
      ? {
          comment: review.comment,
          notes: itemsToFix(review.checklist),
        }
      : null,
  };
}
