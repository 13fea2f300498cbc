import { sql, type SQL } from "drizzle-orm";

/**
 * `left join lateral … cover`: a version's first photo (its cover) with what an `<img>` needs, as the
 * columns of `ImageRow` (asset_id, storage, storage_key, width, height, placeholder_color) plus alt_id and
 * alt_en. `cooperativeId` and `versionId` are column references of the outer query.
 */
export function joinCover(cooperativeId: SQL, versionId: SQL): SQL {
  return sql`left join lateral (
      select i.asset_id, i.alt_id, i.alt_en, a.storage, a.storage_key, a.width, a.height, a.placeholder_color
      from product_version_images i
      join media_assets a on a.cooperative_id = i.cooperative_id and a.id = i.asset_id
      where i.cooperative_id = ${cooperativeId} and i.version_id = ${versionId}
      order by i.position
      limit 1
    ) cover on true`;
}

/** The cover's columns for a select list. */
export const coverColumns = sql`cover.asset_id, cover.storage, cover.storage_key, cover.width, cover.height, cover.placeholder_color`;
