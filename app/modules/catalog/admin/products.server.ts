import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { products } from "~db/schema";
import { localized, type Locale } from "~/lib/i18n/core";
import { allOrNothing } from "~/lib/results";
import { imageFromRow, type ImageRow } from "~/modules/media/images";
import { coverColumns, joinCover } from "../cover.server";
import { HOME_FEATURED } from "../shop/home.server";
import { joinLatestAndShownVersion } from "../listings/member-products.server";
import type { VersionState } from "../listings/versions";
import { auditAct } from "./audit-act.server";
import type { CatalogAdminResult, StaffAct } from "./errors";
import type { AdminProduct, AdminProductFilter, AdminProductStatus } from "./product-filters";
import { escapeLike } from "~/lib/sql-like";

export { adminProductFilters, type AdminProduct, type AdminProductFilter } from "./product-filters";

/*
 * The cooperative's products as managers see them (decision 30): every product with its status, the home page's
 * featured ones in order (at most MAX_FEATURED), and take-downs: a live product taken off the shop at once with a
 * reason the member reads. `taken_down_at` leaves the product out of `listed` (trigger, migration 0011) and out of
 * the shop's visibility rule, so lists, its page, carts and checkout all stop offering it.
 */

/** Products the home page features, at most. */
export const MAX_FEATURED = HOME_FEATURED;
/** Products per page of the managers' list. */
export const ADMIN_PRODUCTS_PAGE_SIZE = 20;

type AdminProductRow = ImageRow & {
  id: string; slug: string; name_id: string; name_en: string; business_name: string; listed: boolean;
  live_version_id: string | null; archived_at: string | null; taken_down_at: string | null; taken_down_reason: string;
  featured_position: number | null; latest_state: VersionState;
};

const filterCondition: Record<AdminProductFilter, SQL> = {
  all: sql`true`,
  live: sql`p.listed`,
  featured: sql`p.featured_position is not null`,
  taken_down: sql`p.taken_down_at is not null`,
  waiting: sql`exists (select 1 from product_versions w where w.cooperative_id = p.cooperative_id and w.product_id = p.id and w.state = 'in_review')`,
};

function statusOf(row: AdminProductRow): AdminProductStatus {
  if (row.archived_at) return "archived";
  if (row.taken_down_at) return "taken_down";
  if (row.listed) return "live";
  return row.live_version_id ? "hidden" : row.latest_state;
}

/**
 * A page of the cooperative's products for managers, featured first (in their order), then newest; `q` matches the
 * product's names or its producer's (accents and case ignored).
 */
export async function listAdminProducts(
  db: Db,
  cooperativeId: string,
  query: { q: string; filter: AdminProductFilter; page: number },
  locale: Locale,
): Promise<{ items: AdminProduct[]; total: number; page: number; pageCount: number }> {
  const words = escapeLike(query.q.trim().toLowerCase());
  const match = words
    ? sql`f_unaccent(lower(concat_ws(' ', shown.name_id, shown.name_en, m.business_name))) like '%' || f_unaccent(${words}) || '%'`
    : sql`true`;
  const from = (cover: SQL) => sql`
    from products p
    ${joinLatestAndShownVersion}
    join members m on m.cooperative_id = p.cooperative_id and m.id = p.member_id
    ${cover}
    where p.cooperative_id = ${cooperativeId} and ${filterCondition[query.filter]} and ${match}`;
  const [rows, [count]] = await Promise.all([
    db.execute<AdminProductRow>(sql`
      select p.id, p.slug, shown.name_id, shown.name_en, m.business_name, p.listed, p.live_version_id, p.archived_at,
        p.taken_down_at, p.taken_down_reason, p.featured_position, latest.state as latest_state, ${coverColumns}
      ${from(joinCover(sql`p.cooperative_id`, sql`shown.id`))}
      order by p.featured_position nulls last, p.created_at desc, p.id
      limit ${ADMIN_PRODUCTS_PAGE_SIZE} offset ${(query.page - 1) * ADMIN_PRODUCTS_PAGE_SIZE}`),
    db.execute<{ total: string }>(sql`select count(*) as total ${from(sql``)}`),
  ]);
  const total = Number(count!.total);
  return {
    items: rows.map((row) => {
      const name = localized(locale, row.name_id, row.name_en);
      return {
        id: row.id,
        slug: row.slug,
        name,
        producer: row.business_name,
        status: statusOf(row),
        featuredPosition: row.featured_position,
        takenDown: row.taken_down_at ? { reason: row.taken_down_reason, at: new Date(row.taken_down_at) } : null,
        cover: imageFromRow(row, cooperativeId, name, 160),
      };
    }),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / ADMIN_PRODUCTS_PAGE_SIZE)),
  };
}

/** One product of one cooperative: an id from another cooperative matches nothing. */
function thisProduct(cooperativeId: string, productId: string) {
  return and(eq(products.cooperativeId, cooperativeId), eq(products.id, productId));
}

async function lockProduct(db: Db, cooperativeId: string, productId: string) {
  const [row] = await db
    .select({
      id: products.id,
      slug: products.slug,
      listed: products.listed,
      featuredPosition: products.featuredPosition,
      takenDownAt: products.takenDownAt,
      takenDownReason: products.takenDownReason,
    })
    .from(products)
    .where(thisProduct(cooperativeId, productId))
    .for("update");
  return row;
}

/** Featuring changes one cooperative's short list at a time: positions stay 1..n without gaps. */
function lockFeatured(db: Db, cooperativeId: string) {
  return db.execute(sql`select pg_advisory_xact_lock(hashtext('featured:' || ${cooperativeId}))`);
}

/** Closes the gap a product leaves in the featured order. */
async function closeGap(db: Db, cooperativeId: string, position: number) {
  await db.execute(sql`
    update products set featured_position = featured_position - 1
    where cooperative_id = ${cooperativeId} and featured_position > ${position}`);
}

/** Features a listed product on the home page, last in the order; refused past MAX_FEATURED. */
export async function featureProduct(db: Db, act: StaffAct, productId: string): Promise<CatalogAdminResult<{ position: number }>> {
  return allOrNothing(db, async (tx) => {
    await lockFeatured(tx, act.cooperativeId);
    const product = await lockProduct(tx, act.cooperativeId, productId);
    if (!product) return { ok: false as const, error: "product_not_found" as const };
    if (product.featuredPosition !== null) return { ok: true as const, position: product.featuredPosition };
    if (!product.listed) return { ok: false as const, error: "not_listed" as const };
    const [count] = await tx.execute<{ featured: string }>(sql`
      select count(*) as featured from products where cooperative_id = ${act.cooperativeId} and featured_position is not null`);
    const position = Number(count!.featured) + 1;
    if (position > MAX_FEATURED) return { ok: false as const, error: "featured_full" as const };
    await tx.update(products).set({ featuredPosition: position }).where(thisProduct(act.cooperativeId, productId));
    await auditAct(tx, act, { action: "product.featured", entityType: "product", entityId: productId, after: { slug: product.slug, position } });
    return { ok: true as const, position };
  });
}

/** Takes a product off the home page's featured list. */
export async function unfeatureProduct(db: Db, act: StaffAct, productId: string): Promise<CatalogAdminResult> {
  return allOrNothing(db, async (tx) => {
    await lockFeatured(tx, act.cooperativeId);
    const product = await lockProduct(tx, act.cooperativeId, productId);
    if (!product) return { ok: false as const, error: "product_not_found" as const };
    if (product.featuredPosition === null) return { ok: true as const };
    await tx.update(products).set({ featuredPosition: null }).where(thisProduct(act.cooperativeId, productId));
    await closeGap(tx, act.cooperativeId, product.featuredPosition);
    await auditAct(tx, act, { action: "product.unfeatured", entityType: "product", entityId: productId, before: { slug: product.slug, position: product.featuredPosition } });
    return { ok: true as const };
  });
}

/** Moves a featured product one place up or down the home page's order. */
export async function reorderFeatured(db: Db, act: StaffAct, productId: string, direction: "up" | "down"): Promise<CatalogAdminResult> {
  return allOrNothing(db, async (tx) => {
    await lockFeatured(tx, act.cooperativeId);
    const product = await lockProduct(tx, act.cooperativeId, productId);
    if (!product) return { ok: false as const, error: "product_not_found" as const };
    if (product.featuredPosition === null) return { ok: true as const };
    const other = product.featuredPosition + (direction === "up" ? -1 : 1);
    const [neighbour] = await tx
      .update(products)
      .set({ featuredPosition: product.featuredPosition })
      .where(and(eq(products.cooperativeId, act.cooperativeId), eq(products.featuredPosition, other)))
      .returning({ id: products.id });
    if (!neighbour) return { ok: true as const };
    await tx.update(products).set({ featuredPosition: other }).where(thisProduct(act.cooperativeId, productId));
    await auditAct(tx, act, {
      action: "product.featured_reordered",
      entityType: "product",
      entityId: productId,
      before: { position: product.featuredPosition },
      after: { position: other },
    });
    return { ok: true as const };
  });
}

/**
 * Takes a product off the shop at once (a recall, a food-safety doubt), with the reason its member reads. It leaves
 * the featured list too; a new version approved meanwhile stays off the shop until a manager restores it.
 */
export async function takeDownProduct(db: Db, act: StaffAct, productId: string, reason: string): Promise<CatalogAdminResult> {
  return allOrNothing(db, async (tx) => {
    await lockFeatured(tx, act.cooperativeId);
    const product = await lockProduct(tx, act.cooperativeId, productId);
    if (!product) return { ok: false as const, error: "product_not_found" as const };
    if (product.takenDownAt) return { ok: false as const, error: "already_taken_down" as const };
    await tx
      .update(products)
      .set({ takenDownAt: new Date(), takenDownReason: reason, takenDownBy: act.actorUserId, featuredPosition: null, updatedAt: new Date() })
      .where(thisProduct(act.cooperativeId, productId));
    if (product.featuredPosition !== null) await closeGap(tx, act.cooperativeId, product.featuredPosition);
    await auditAct(tx, act, {
      action: "product.taken_down",
      entityType: "product",
      entityId: productId,
      before: { slug: product.slug, listed: product.listed, featuredPosition: product.featuredPosition },
      after: { reason },
    });
    return { ok: true as const };
  });
}

/** Puts a product taken down back on the shop (when its live version and producer allow). */
export async function restoreProduct(db: Db, act: StaffAct, productId: string): Promise<CatalogAdminResult> {
  return allOrNothing(db, async (tx) => {
    const product = await lockProduct(tx, act.cooperativeId, productId);
    if (!product) return { ok: false as const, error: "product_not_found" as const };
    if (!product.takenDownAt) return { ok: false as const, error: "not_taken_down" as const };
    await tx
      .update(products)
      .set({ takenDownAt: null, takenDownReason: "", takenDownBy: null, updatedAt: new Date() })
      .where(thisProduct(act.cooperativeId, productId));
    await auditAct(tx, act, {
      action: "product.restored",
      entityType: "product",
      entityId: productId,
      before: { slug: product.slug, reason: product.takenDownReason, takenDownAt: product.takenDownAt },
    });
    return { ok: true as const };
  });
}
