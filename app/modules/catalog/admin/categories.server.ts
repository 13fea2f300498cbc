import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { categories } from "~db/schema";
import { localized, type Locale } from "~/lib/i18n/core";
import { allOrNothing } from "~/lib/results";
import { firstFreeSlug, slugify } from "~/lib/slug";
import { imageFromRow, type ImageRow, type ImageSources } from "~/modules/media/images";
import { refreshSearchDocuments } from "../shop/search.server";
import { auditAct } from "./audit-act.server";
import type { CatalogAdminResult, StaffAct } from "./errors";

/*
 * Categories as managers keep them (decision 30). A category some version points at is retired, never deleted:
 * retiring moves its products (every version not archived or rejected) to another category of the same kind in the
 * same transaction, and the shop, the member's product form and search stop offering it. Its address then sends
 * shoppers to where its products went. Every change is audited; the page cache follows by trigger (migration 0010).
 */

export interface AdminCategory {
  id: string;
  slug: string;
  kind: "food" | "craft";
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
  name: string;
  position: number;
  retired: boolean;
  movedTo: string | null;
  /** Products whose live or pending version is in this category. */
  productCount: number;
  /** Some version (even an old one) points here: it can be retired, not deleted. */
  inUse: boolean;
  photo: ImageSources | null;
}

/** The versions that move with their category: everything a member or shopper still meets. */
const movableVersion = sql`v.state in ('draft', 'in_review', 'changes_requested', 'approved')`;

/** The cooperative's categories for managers: active ones in shop order, then the retired ones. */
export async function listAdminCategories(db: Db, cooperativeId: string, locale: Locale): Promise<AdminCategory[]> {
  const rows = await db.execute<ImageRow & {
    id: string; slug: string; kind: "food" | "craft"; name_id: string; name_en: string; description_id: string;
    description_en: string; position: number; retired_at: string | null; moved_to_id_name: string | null; moved_to_en_name: string | null;
    product_count: string; in_use: boolean;
  }>(sql`
    select c.id, c.slug, c.kind, c.name_id, c.name_en, c.description_id, c.description_en, c.position, c.retired_at,
      t.name_id as moved_to_id_name, t.name_en as moved_to_en_name,
      (select count(distinct v.product_id) from product_versions v
        where v.cooperative_id = c.cooperative_id and v.category_id = c.id and ${movableVersion}) as product_count,
      exists (select 1 from product_versions v where v.cooperative_id = c.cooperative_id and v.category_id = c.id)
        or exists (select 1 from categories o where o.cooperative_id = c.cooperative_id and o.moved_to_id = c.id) as in_use,
      a.id as asset_id, a.storage, a.storage_key, a.width, a.height, a.placeholder_color
    from categories c
    left join categories t on t.cooperative_id = c.cooperative_id and t.id = c.moved_to_id
    left join media_assets a on a.cooperative_id = c.cooperative_id and a.id = c.image_asset_id
    where c.cooperative_id = ${cooperativeId}
    order by c.retired_at is not null, c.position, c.name_id`);
  return rows.map((row) => {
    const name = localized(locale, row.name_id, row.name_en);
    return {
      id: row.id,
      slug: row.slug,
      kind: row.kind,
      nameId: row.name_id,
      nameEn: row.name_en,
      descriptionId: row.description_id,
      descriptionEn: row.description_en,
      name,
      position: row.position,
      retired: row.retired_at !== null,
      movedTo: row.moved_to_id_name === null ? null : localized(locale, row.moved_to_id_name, row.moved_to_en_name ?? ""),
      productCount: Number(row.product_count),
      inUse: row.in_use,
      photo: imageFromRow(row, cooperativeId, name, 320),
    };
  });
}

export interface CategoryText {
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
}

/** A new category at the end of the shop's order, its address made from its Indonesian name. */
export async function createCategory(
  db: Db,
  act: StaffAct,
  input: CategoryText & { kind: "food" | "craft"; imageAssetId?: string },
): Promise<CatalogAdminResult<{ categoryId: string; slug: string }>> {
  return allOrNothing(db, async (tx) => {
    // One writer at a time per cooperative for the slug and the position (a category is rarely created).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('categories:' || ${act.cooperativeId}))`);
    const taken = await tx.execute<{ slug: string; position: number }>(sql`
      select slug, position from categories where cooperative_id = ${act.cooperativeId}`);
    const base = slugify(input.nameId);
    const slug = firstFreeSlug(base, new Set(taken.map((row) => row.slug)));
    const position = Math.max(0, ...taken.map((row) => row.position)) + 1;
    const [created] = await tx
      .insert(categories)
      .values({ cooperativeId: act.cooperativeId, slug, position, ...input })
      .returning({ id: categories.id });
    await auditAct(tx, act, {
      action: "category.created",
      entityType: "category",
      entityId: created!.id,
      after: { slug, kind: input.kind, nameId: input.nameId, nameEn: input.nameEn },
    });
    return { ok: true as const, categoryId: created!.id, slug };
  });
}

/** One category of one cooperative: an id from another cooperative matches nothing. */
function thisCategory(cooperativeId: string, categoryId: string) {
  return and(eq(categories.cooperativeId, cooperativeId), eq(categories.id, categoryId));
}

async function lockCategory(db: Db, cooperativeId: string, categoryId: string) {
  const [row] = await db
    .select()
    .from(categories)
    .where(thisCategory(cooperativeId, categoryId))
    .for("update");
  return row;
}

/** Renames a category (both languages) and rewrites its descriptions; products' search words follow. */
export async function renameCategory(db: Db, act: StaffAct, categoryId: string, text: CategoryText): Promise<CatalogAdminResult<{ changed: boolean }>> {
  return allOrNothing(db, async (tx) => {
    const before = await lockCategory(tx, act.cooperativeId, categoryId);
    if (!before) return { ok: false as const, error: "category_not_found" as const };
    const changed = (Object.keys(text) as (keyof CategoryText)[]).filter((key) => before[key] !== text[key]);
    if (changed.length === 0) return { ok: true as const, changed: false };
    await tx.update(categories).set(text).where(thisCategory(act.cooperativeId, categoryId));
    if (changed.includes("nameId") || changed.includes("nameEn")) await refreshSearchDocuments(tx, act.cooperativeId, { categoryId });
    await auditAct(tx, act, {
      action: "category.renamed",
      entityType: "category",
      entityId: categoryId,
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: Object.fromEntries(changed.map((key) => [key, text[key]])),
    });
    return { ok: true as const, changed: true };
  });
}

/** Puts a stored image (of this cooperative) on the category; answers the photo it replaced, if any. */
export async function setCategoryPhoto(db: Db, act: StaffAct, categoryId: string, assetId: string): Promise<CatalogAdminResult<{ replaced: string | null }>> {
  return allOrNothing(db, async (tx) => {
    const before = await lockCategory(tx, act.cooperativeId, categoryId);
    if (!before) return { ok: false as const, error: "category_not_found" as const };
    await tx.update(categories).set({ imageAssetId: assetId }).where(thisCategory(act.cooperativeId, categoryId));
    await auditAct(tx, act, {
      action: "category.photo",
      entityType: "category",
      entityId: categoryId,
      before: { imageAssetId: before.imageAssetId },
      after: { imageAssetId: assetId },
    });
    return { ok: true as const, replaced: before.imageAssetId };
  });
}

/**
 * Moves an active category one place up or down in the shop's order. The active categories are numbered 1..n
 * afresh first (seeded or old positions may tie), so a swap is always well defined.
 */
export async function reorderCategory(db: Db, act: StaffAct, categoryId: string, direction: "up" | "down"): Promise<CatalogAdminResult<{ moved: boolean }>> {
  return allOrNothing(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('categories:' || ${act.cooperativeId}))`);
    const active = await tx
      .select({ id: categories.id, position: categories.position })
      .from(categories)
      .where(and(eq(categories.cooperativeId, act.cooperativeId), isNull(categories.retiredAt)))
      .orderBy(categories.position, categories.nameId);
    const index = active.findIndex((row) => row.id === categoryId);
    if (index === -1) {
      const exists = await lockCategory(tx, act.cooperativeId, categoryId);
      return { ok: false as const, error: exists ? ("category_retired" as const) : ("category_not_found" as const) };
    }
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= active.length) return { ok: true as const, moved: false };
    const order = active.map((row) => row.id);
    [order[index], order[other]] = [order[other]!, order[index]!];
    for (const [position, id] of order.entries()) {
      if (active.find((row) => row.id === id)!.position === position + 1) continue;
      await tx.update(categories).set({ position: position + 1 }).where(thisCategory(act.cooperativeId, id));
    }
    await auditAct(tx, act, {
      action: "category.reordered",
      entityType: "category",
      entityId: categoryId,
      before: { position: index + 1 },
      after: { position: other + 1 },
    });
    return { ok: true as const, moved: true };
  });
}

/**
 * Retires a category, moving its products to `moveToId` first, all in one transaction: every version not archived
 * or rejected (live, waiting for review, drafts) changes category, the live products' listing fields and search
 * documents follow, and one audit record says how many moved. A category holding products needs somewhere to move
 * them (another active category of the same kind: a food listing's label facts do not fit a craft category).
 */
export async function retireCategory(
  db: Db,
  act: StaffAct,
  categoryId: string,
  moveToId: string | null,
): Promise<CatalogAdminResult<{ movedProducts: number }>> {
  return allOrNothing(db, async (tx) => {
    const source = await lockCategory(tx, act.cooperativeId, categoryId);
    if (!source) return { ok: false as const, error: "category_not_found" as const };
    if (source.retiredAt) return { ok: false as const, error: "category_retired" as const };
    const target = moveToId ? await lockCategory(tx, act.cooperativeId, moveToId) : undefined;
    if (moveToId && (!target || target.retiredAt || target.id === source.id)) return { ok: false as const, error: "move_target_invalid" as const };
    if (target && target.kind !== source.kind) return { ok: false as const, error: "kind_mismatch" as const };
    const [count] = await tx.execute<{ products: string }>(sql`
      select count(distinct v.product_id) as products from product_versions v
      where v.cooperative_id = ${act.cooperativeId} and v.category_id = ${categoryId} and ${movableVersion}`);
    const movedProducts = Number(count!.products);
    if (movedProducts > 0 && !target) return { ok: false as const, error: "move_target_required" as const };
    if (target && movedProducts > 0) {
      await tx.execute(sql`
        update product_versions v set category_id = ${target.id}, updated_at = now()
        where v.cooperative_id = ${act.cooperativeId} and v.category_id = ${categoryId} and ${movableVersion}`);
      await refreshSearchDocuments(tx, act.cooperativeId, { categoryId: target.id });
    }
    await tx
      .update(categories)
      .set({ retiredAt: new Date(), movedToId: target?.id ?? null })
      .where(thisCategory(act.cooperativeId, categoryId));
    await auditAct(tx, act, {
      action: "category.retired",
      entityType: "category",
      entityId: categoryId,
      before: { slug: source.slug, nameId: source.nameId },
      after: { movedToId: target?.id ?? null, movedToSlug: target?.slug ?? null, movedProducts },
    });
    return { ok: true as const, movedProducts };
  });
}

/** Brings a retired category back into the shop, at the end of the order (its products stay where they went). */
export async function reinstateCategory(db: Db, act: StaffAct, categoryId: string): Promise<CatalogAdminResult> {
  return allOrNothing(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('categories:' || ${act.cooperativeId}))`);
    const before = await lockCategory(tx, act.cooperativeId, categoryId);
    if (!before) return { ok: false as const, error: "category_not_found" as const };
    if (!before.retiredAt) return { ok: false as const, error: "category_active" as const };
    const [last] = await tx.execute<{ position: number | null }>(sql`
      select max(position) as position from categories where cooperative_id = ${act.cooperativeId} and retired_at is null`);
    await tx
      .update(categories)
      .set({ retiredAt: null, movedToId: null, position: (last?.position ?? 0) + 1 })
      .where(thisCategory(act.cooperativeId, categoryId));
    await auditAct(tx, act, {
      action: "category.reinstated",
      entityType: "category",
      entityId: categoryId,
      before: { retiredAt: before.retiredAt, movedToId: before.movedToId },
    });
    return { ok: true as const };
  });
}

/**
 * Deletes a category nothing ever pointed at (a typo made a minute ago). One that any version, even an archived
 * one, or a retired category's forwarding points at is in use: it is retired instead, so history keeps its name.
 */
export async function deleteCategory(db: Db, act: StaffAct, categoryId: string): Promise<CatalogAdminResult<{ imageAssetId: string | null }>> {
  return allOrNothing(db, async (tx) => {
    const before = await lockCategory(tx, act.cooperativeId, categoryId);
    if (!before) return { ok: false as const, error: "category_not_found" as const };
    const [use] = await tx.execute<{ in_use: boolean }>(sql`
      select exists (select 1 from product_versions v where v.cooperative_id = ${act.cooperativeId} and v.category_id = ${categoryId})
        or exists (select 1 from categories o where o.cooperative_id = ${act.cooperativeId} and o.moved_to_id = ${categoryId}) as in_use`);
    if (use!.in_use) return { ok: false as const, error: "category_in_use" as const };
    await tx.delete(categories).where(thisCategory(act.cooperativeId, categoryId));
    await auditAct(tx, act, {
      action: "category.deleted",
      entityType: "category",
      entityId: categoryId,
      before: { slug: before.slug, kind: before.kind, nameId: before.nameId, nameEn: before.nameEn },
    });
    return { ok: true as const, imageAssetId: before.imageAssetId };
  });
}
