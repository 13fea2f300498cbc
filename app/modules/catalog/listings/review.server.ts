import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { localized, type Locale } from "~/lib/i18n/core";
import { imageFromRow, type ImageRow, type ImageSources } from "~/modules/media/images";
import { coverColumns, joinCover } from "../cover.server";
import { uuidPattern } from "~/lib/ids";
import { formatDimensions, formatWeight } from "~/lib/measures";

import { checklistItems } from "./checklist";

export async function listReviewQueue(db: Db, cooperativeId: string, locale: Locale) {
  const rows = await db.execute<ImageRow & {
    version_id: string; submitted_at: string; name_id: string; name_en: string; business_name: string; live: boolean; version_number: number;
  }>(sql`
    select v.id as version_id, v.submitted_at, v.name_id, v.name_en, v.version_number, m.business_name,
      p.live_version_id is not null as live, ${coverColumns}
    from product_versions v
    join products p on p.cooperative_id = v.cooperative_id and p.id = v.product_id
    join members m on m.cooperative_id = p.cooperative_id and m.id = p.member_id
    ${joinCover(sql`v.cooperative_id`, sql`v.id`)}
    where v.cooperative_id = ${cooperativeId} and v.state = 'in_review'
    order by v.submitted_at asc`);
  return rows.map((row) => ({
    versionId: row.version_id,
    submittedAt: new Date(row.submitted_at),
    name: localized(locale, row.name_id, row.name_en),
    producer: row.business_name,
    isEdit: row.live,
    cover: imageFromRow(row, cooperativeId, "", 160),
  }));
}

/** The fields a curator compares, in reading order. */
const comparedFields = [
  "name_id", "name_en", "description_id", "description_en", "category", "net_quantity", "ingredients_id", "allergens_id",
  "registration_type", "registration_number", "halal_certificate_number", "shelf_life_days", "storage_id",
  "producer_address", "material_id", "size_text", "care_id", "ingredients_en", "allergens_en", "storage_en", "material_en", "care_en", "weight_grams", "dimensions", "variants",
] as const;
export type ComparedField = (typeof comparedFields)[number];

type VersionFacts = Record<ComparedField, string> & { id: string; kind: "food" | "craft"; state: string; product_id: string; business_name: string; submitted_at: string | null };
type VersionRow = Omit<VersionFacts, "weight_grams" | "dimensions"> & { weight_grams: number | null; length_mm: number | null; width_mm: number | null; height_mm: number | null };

async function versionFacts(db: Db, cooperativeId: string, versionId: string, locale: Locale): Promise<VersionFacts | undefined> {
  const [row] = await db.execute<VersionRow>(sql`
    select v.id, v.state, v.product_id, v.submitted_at, c.kind, m.business_name,
      v.name_id, v.name_en, v.description_id, v.description_en,
      ${locale === "en" ? sql`coalesce(nullif(c.name_en, ''), c.name_id)` : sql`c.name_id`} as category,
      v.net_quantity, v.ingredients_id, v.allergens_id, v.registration_type::text as registration_type,
      coalesce(v.registration_number, '') as registration_number, coalesce(v.halal_certificate_number, '') as halal_certificate_number,
      coalesce(v.shelf_life_days::text, '') as shelf_life_days, v.storage_id, v.producer_address, v.material_id, v.ingredients_en, v.allergens_en, v.storage_en, v.material_en, v.care_en, v.size_text, v.care_id,
      v.weight_grams, v.length_mm, v.width_mm, v.height_mm,
      coalesce((select string_agg(pv.sku || coalesce(' ' || nullif(vv.name_id, ''), '') || ': Rp ' || replace(to_char(vv.price, 'FM999,999,999,999'), ',', '.'), ' · ' order by vv.position)
        from product_version_variants vv join product_variants pv on pv.id = vv.variant_id where vv.version_id = v.id), '') as variants
    from product_versions v
    join products p on p.cooperative_id = v.cooperative_id and p.id = v.product_id
    join members m on m.cooperative_id = p.cooperative_id and m.id = p.member_id
    join categories c on c.cooperative_id = v.cooperative_id and c.id = v.category_id
    where v.cooperative_id = ${cooperativeId} and v.id = ${versionId}`);
  if (!row) return undefined;
  const { weight_grams, length_mm, width_mm, height_mm, ...facts } = row;
  // Sizes as people write them ("18 × 12 × 4 cm", "250 g"), not as Postgres prints a numeric.
  return { ...facts, weight_grams: formatWeight(locale, weight_grams), dimensions: formatDimensions(locale, length_mm, width_mm, height_mm) };
}

/**
 * A version under review beside the live version it would replace: each field with both values and
 * whether it changed, and the photos large. Undefined for an unknown id or another cooperative's.
 */
export async function getReviewItem(db: Db, cooperativeId: string, versionId: string, locale: Locale) {
  if (!uuidPattern.test(versionId)) return undefined;
  const version = await versionFacts(db, cooperativeId, versionId, locale);
  if (!version) return undefined;
  const [liveRow] = await db.execute<{ live_version_id: string | null }>(sql`
    select live_version_id from products where cooperative_id = ${cooperativeId} and id = ${version.product_id}`);
  const liveId = liveRow?.live_version_id && liveRow.live_version_id !== versionId ? liveRow.live_version_id : null;
  const [live, images, liveAssets] = await Promise.all([
    liveId ? versionFacts(db, cooperativeId, liveId, locale) : undefined,
    db.execute<ImageRow & { role: string }>(sql`
      select i.role, a.id as asset_id, a.storage, a.storage_key, a.width, a.height, a.placeholder_color
      from product_version_images i join media_assets a on a.cooperative_id = i.cooperative_id and a.id = i.asset_id
      where i.cooperative_id = ${cooperativeId} and i.version_id = ${versionId} order by i.position`),
    liveId
      ? db.execute<{ asset_id: string }>(sql`select asset_id from product_version_images where cooperative_id = ${cooperativeId} and version_id = ${liveId}`)
      : [],
  ]);
  const livePhotos = new Set(liveAssets.map((row) => row.asset_id));
  return {
    versionId: version.id,
    state: version.state,
    kind: version.kind,
    producer: version.business_name,
    submittedAt: version.submitted_at ? new Date(version.submitted_at) : null,
    isEdit: Boolean(live),
    fields: comparedFields.map((field) => ({
      field,
      value: version[field],
      live: live ? live[field] : null,
      changed: live ? live[field] !== version[field] : false,
    })),
    images: images.flatMap((image) => {
      const sources: ImageSources | null = imageFromRow(image, cooperativeId, image.role, 1280);
      return sources ? [{ ...sources, role: image.role, isNew: Boolean(live) && !livePhotos.has(image.asset_id ?? "") }] : [];
    }),
    photosRemoved: live ? [...livePhotos].filter((assetId) => !images.some((image) => image.asset_id === assetId)).length : 0,
    checklist: checklistItems[version.kind],
  };
}
