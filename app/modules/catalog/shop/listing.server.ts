import { shownStock } from "./stock-shown";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { localized, type Locale } from "~/lib/i18n/core";
import { imageFromRow, type ImageRow, type ImageSources } from "~/modules/media/images";
import { coverColumns, joinCover } from "../cover.server";
import { PAGE_SIZE, type CatalogQuery, type CatalogSort } from "./query";
import { searchCondition } from "./search.server";
import { shopperMaySee } from "./shop-visibility";

export interface ProductCard {
  id: string;
  slug: string;
  name: string;
  priceMin: number;
  priceMax: number;
  stock: number;
  producer: { slug: string; name: string; village: string };
  category: { slug: string; name: string };
  image: ImageSources | null;
}

export interface ProductPage {
  items: ProductCard[];
  total: number;
  page: number;
  pageCount: number;
}

type CardRow = ImageRow & {
  id: string;
  slug: string;
  name_id: string;
  name_en: string;
  price_min: string;
  price_max: string;
  stock: string;
  member_slug: string;
  business_name: string;
  village: string;
  category_slug: string;
  category_name_id: string;
  category_name_en: string;
  cover_alt_id: string | null;
  cover_alt_en: string | null;
  total: string;
};

const orderBy: Record<Exclude<CatalogSort, "relevance">, SQL> = {
  newest: sql`p.published_at desc`,
  popular: sql`p.units_sold desc`,
  price_asc: sql`pr.price_min asc`,
  price_desc: sql`pr.price_min desc`,
};

/**
 * The storefront's product listing: live versions only, of active producers, in one query (filters,
 * price and stock across variants, the cover image, and the total for pagination).
 */
export async function listProducts(
  db: Db,
  cooperativeId: string,
  query: CatalogQuery,
  locale: Locale,
  options: { pageSize?: number; sameProducerAs?: string } = {},
): Promise<ProductPage> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const search = query.q ? searchCondition(query.q) : undefined;
  const conditions: SQL[] = [sql`p.cooperative_id = ${cooperativeId}`, shopperMaySee];
  if (query.q) conditions.push(search ? search.where : sql`false`);
  if (query.category) conditions.push(sql`c.slug = ${query.category}`);
  if (query.producer) conditions.push(sql`m.slug = ${query.producer}`);
  if (query.minPrice !== undefined) conditions.push(sql`pr.price_min >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) conditions.push(sql`pr.price_min <= ${query.maxPrice}`);
  if (query.inStock) conditions.push(sql`pr.stock > 0`);
  if (options.sameProducerAs) {
    conditions.push(sql`p.slug <> ${options.sameProducerAs}`);
    conditions.push(
      sql`p.member_id = (select member_id from products where cooperative_id = ${cooperativeId} and slug = ${options.sameProducerAs})`,
    );
  }

  const rank = search ? search.rank : sql`0`;
  const ordering = { ...orderBy, relevance: sql`${rank} desc, p.units_sold desc` }[query.sort];
  // The page is chosen first; only its rows then look up their cover photo.
  const rows = await db.execute<CardRow>(sql`
    select page.*, ${coverColumns}, cover.alt_id as cover_alt_id, cover.alt_en as cover_alt_en
    from (
      select p.id, p.slug, v.cooperative_id, v.id as version_id, v.name_id, v.name_en,
        pr.price_min, pr.price_max, pr.stock,
        m.slug as member_slug, m.business_name, m.village,
        c.slug as category_slug, c.name_id as category_name_id, c.name_en as category_name_en,
        ${rank} as rank,
        count(*) over () as total,
        row_number() over (order by ${ordering}, p.id) as ord
      from products p
      join product_versions v on v.cooperative_id = p.cooperative_id and v.id = p.live_version_id
      join members m on m.cooperative_id = p.cooperative_id and m.id = p.member_id
      join categories c on c.cooperative_id = v.cooperative_id and c.id = v.category_id
      cross join lateral (
        select min(vv.price) as price_min, max(vv.price) as price_max, coalesce(sum(pv.stock), 0) as stock
        from product_version_variants vv
        join product_variants pv on pv.cooperative_id = vv.cooperative_id and pv.id = vv.variant_id
        where vv.cooperative_id = v.cooperative_id and vv.version_id = v.id
      ) pr
      where ${sql.join(conditions, sql` and `)}
      order by ord
      limit ${pageSize} offset ${(query.page - 1) * pageSize}
    ) page
    ${joinCover(sql`page.cooperative_id`, sql`page.version_id`)}
    order by page.ord`);

  const total = rows[0] ? Number(rows[0].total) : await countWhenPastLastPage(query, () =>
    listProducts(db, cooperativeId, { ...query, page: 1 }, locale, { ...options, pageSize: 1 }),
  );
  return {
    items: rows.map((row) => toCard(row, cooperativeId, locale)),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** An empty page past the end still needs the total, to offer a way back. */
async function countWhenPastLastPage(query: CatalogQuery, firstPage: () => Promise<ProductPage>) {
  if (query.page === 1) return 0;
  return (await firstPage()).total;
}

function toCard(row: CardRow, cooperativeId: string, locale: Locale): ProductCard {
  const name = localized(locale, row.name_id, row.name_en);
  return {
    id: row.id,
    slug: row.slug,
    name,
    priceMin: Number(row.price_min),
    priceMax: Number(row.price_max),
    stock: shownStock(Number(row.stock)),
    producer: { slug: row.member_slug, name: row.business_name, village: row.village },
    category: { slug: row.category_slug, name: localized(locale, row.category_name_id, row.category_name_en) },
    image: imageFromRow(row, cooperativeId, localized(locale, row.cover_alt_id ?? "", row.cover_alt_en) || name, 480),
  };
}
