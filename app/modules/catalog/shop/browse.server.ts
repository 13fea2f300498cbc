import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { localized, type Locale } from "~/lib/i18n/core";
import { imageFromRow, type ImageRow, type ImageSources } from "~/modules/media/images";
import { textRows } from "~/lib/sql-arrays.server";
import { searchTerms } from "./search-terms";
import { listedWordsBeginning, searchMatch, searchRank, searchWithCorrection, type ResolvedSearch } from "./search.server";
import { listedTotal, shownProducer } from "./shop-visibility";

export interface CategorySummary {
  slug: string;
  name: string;
  description: string;
  kind: "food" | "craft";
  productCount: number;
  /** The photo a manager gave it, if any. */
  photo: ImageSources | null;
}

/**
 * The cooperative's active categories (retired ones are gone from the shop, decision 30) with how many listed
 * products each holds (summed from the counts kept by producer and category, decision 49).
 */
export async function listCategories(db: Db, cooperativeId: string, locale: Locale): Promise<CategorySummary[]> {
  const rows = await db.execute<ImageRow & {
    slug: string; name_id: string; name_en: string; description_id: string; description_en: string;
    kind: "food" | "craft"; product_count: string | null;
  }>(sql`
    select c.slug, c.name_id, c.name_en, c.description_id, c.description_en, c.kind, n.product_count,
      a.id as asset_id, a.storage, a.storage_key, a.width, a.height, a.placeholder_color
    from categories c
    left join (
      select n.category_id, sum(n.product_count) as product_count from listed_product_counts n
      where n.cooperative_id = ${cooperativeId}
      group by n.category_id
    ) n on n.category_id = c.id
    left join media_assets a on a.cooperative_id = c.cooperative_id and a.id = c.image_asset_id
    where c.cooperative_id = ${cooperativeId} and c.retired_at is null
    order by c.position, c.name_id`);
  return rows.map((row) => {
    const name = localized(locale, row.name_id, row.name_en);
    return {
      slug: row.slug,
      name,
      description: localized(locale, row.description_id, row.description_en),
      kind: row.kind,
      productCount: Number(row.product_count ?? 0),
      photo: imageFromRow(row, cooperativeId, name, 320),
    };
  });
}

/** A category as a listing's filter and a category page's heading name it. */
export type CategoryName = Pick<CategorySummary, "slug" | "name" | "description">;

/**
 * The cooperative's active categories, named only: a listing counts its categories among its own results (facets),
 * so it needs neither the count of every listed product by category nor the photos `listCategories` gives home.
 */
export async function listCategoryNames(db: Db, cooperativeId: string, locale: Locale): Promise<CategoryName[]> {
  const rows = await db.execute<{ slug: string; name_id: string; name_en: string; description_id: string; description_en: string }>(sql`
    select c.slug, c.name_id, c.name_en, c.description_id, c.description_en
    from categories c
    where c.cooperative_id = ${cooperativeId} and c.retired_at is null
    order by c.position, c.name_id`);
  return rows.map((row) => ({
    slug: row.slug,
    name: localized(locale, row.name_id, row.name_en),
    description: localized(locale, row.description_id, row.description_en),
  }));
}

/**
 * Where a retired category's address sends shoppers: the active category its products went to (following a chain
 * of retirements), or null when there is none (the page then says it is gone, with links). Undefined: no such
 * retired category.
 */
export async function retiredCategoryForwarding(db: Db, cooperativeId: string, slug: string): Promise<{ to: string | null } | undefined> {
  const rows = await db.execute<{ slug: string; retired: boolean; depth: number }>(sql`
    with recursive chain as (
      select c.id, c.slug, c.moved_to_id, c.retired_at is not null as retired, 0 as depth
      from categories c where c.cooperative_id = ${cooperativeId} and c.slug = ${slug} and c.retired_at is not null
      union all
      select n.id, n.slug, n.moved_to_id, n.retired_at is not null, chain.depth + 1
      from chain join categories n on n.cooperative_id = ${cooperativeId} and n.id = chain.moved_to_id
      where chain.retired and chain.depth < 10
    )
    select slug, retired, depth from chain order by depth`);
  if (rows.length === 0) return undefined;
  const last = rows[rows.length - 1]!;
  return { to: last.retired ? null : last.slug };
}

/** What a producer's card shows in a list (home, /producers): nothing more goes to the page. */
export interface ProducerCardData {
  slug: string;
  name: string;
  specialty: string;
  village: string;
  district: string;
  productCount: number;
  photo: ImageSources | null;
}

/** A producer's own page: the card and their story, owner, place in full and membership. */
export interface ProducerSummary extends ProducerCardData {
  ownerName: string;
  story: string;
  regency: string;
  province: string;
  memberNumber: string;
  joinedAt: Date;
}

type ProducerRow = {
  id: string; slug: string; business_name: string; owner_name: string; specialty_id: string; specialty_en: string;
  story_id: string; story_en: string; village: string; district: string; regency: string; province: string;
  member_number: string; joined_at: string; product_count: string;
} & ImageRow;

const producerColumns = sql`m.id, m.slug, m.business_name, m.owner_name, m.specialty_id, m.specialty_en, m.story_id, m.story_en,
  m.village, m.district, m.regency, m.province, m.member_number, m.joined_at,
  a.id as asset_id, a.storage, a.storage_key, a.width, a.height, a.placeholder_color`;
/** How many listed products a producer (members as `m`) has. */
const listedCount = listedTotal([sql`p.cooperative_id = m.cooperative_id`, sql`p.member_id = m.id`]);
const producerPhoto = sql`left join media_assets a on a.cooperative_id = m.cooperative_id and a.id = m.photo_asset_id`;

function toProducerCard(row: ProducerRow, cooperativeId: string, locale: Locale): ProducerCardData {
  return {
    slug: row.slug,
    name: row.business_name,
    specialty: localized(locale, row.specialty_id, row.specialty_en),
    village: row.village,
    district: row.district,
    productCount: Number(row.product_count),
    photo: imageFromRow(row, cooperativeId, row.business_name, 320),
  };
}

function toProducer(row: ProducerRow, cooperativeId: string, locale: Locale): ProducerSummary {
  return {
    ...toProducerCard(row, cooperativeId, locale),
    ownerName: row.owner_name,
    story: localized(locale, row.story_id, row.story_en),
    regency: row.regency,
    province: row.province,
    memberNumber: row.member_number,
    joinedAt: new Date(row.joined_at),
  };
}

/** Producers per page of the producers' list. */
export const PRODUCERS_PAGE_SIZE = 48;

/** A page of the cooperative's active producers by name, with how many products each has listed, and how many there are. */
export async function listProducers(
  db: Db,
  cooperativeId: string,
  locale: Locale,
  page = 1,
): Promise<{ producers: ProducerCardData[]; total: number; pageCount: number }> {
  const [rows, [count]] = await Promise.all([
    db.execute<ProducerRow>(sql`
      select ${producerColumns},
        ${listedCount} as product_count
      from members m ${producerPhoto}
      where m.cooperative_id = ${cooperativeId} and ${shownProducer}
      order by m.business_name, m.id
      limit ${PRODUCERS_PAGE_SIZE} offset ${(page - 1) * PRODUCERS_PAGE_SIZE}`),
    db.execute<{ total: string }>(sql`select count(*) as total from members m where m.cooperative_id = ${cooperativeId} and ${shownProducer}`),
  ]);
  const total = Number(count!.total);
  return {
    producers: rows.map((row) => toProducerCard(row, cooperativeId, locale)),
    total,
    pageCount: Math.max(1, Math.ceil(total / PRODUCERS_PAGE_SIZE)),
  };
}

/**
 * The producers with the most listed products (at most `limit`, those with none left out), for the home page; the
 * rest are a link away (/producers). The listing's producer filter counts its own results (`listProducts` facets).
 */
export async function listTopProducers(db: Db, cooperativeId: string, locale: Locale, limit: number): Promise<ProducerCardData[]> {
  const rows = await db.execute<ProducerRow>(sql`
    select ${producerColumns}, top.product_count
    from (
      select n.member_id, sum(n.product_count) as product_count from listed_product_counts n
      where n.cooperative_id = ${cooperativeId}
      group by n.member_id
      order by product_count desc, n.member_id
      limit ${limit}
    ) top
    join members m on m.cooperative_id = ${cooperativeId} and m.id = top.member_id and m.profile_confirmed_at is not null
    ${producerPhoto}
    order by top.product_count desc, m.business_name`);
  return rows.map((row) => toProducerCard(row, cooperativeId, locale));
}

export async function getProducer(
  db: Db,
  cooperativeId: string,
  slug: string,
  locale: Locale,
): Promise<ProducerSummary | undefined> {
  const [row] = await db.execute<ProducerRow>(sql`
    select ${producerColumns},
      ${listedCount} as product_count
    from members m ${producerPhoto}
    where m.cooperative_id = ${cooperativeId} and ${shownProducer} and m.slug = ${slug}`);
  return row ? toProducer(row, cooperativeId, locale) : undefined;
}

export interface Suggestion {
  kind: "product" | "category" | "producer";
  label: string;
  detail: string;
  href: string;
}

/**
 * Which matching products suggestions rank: the `candidates` most popular. When the query surely matches at least
 * `candidates / walked` of the listed products (a word of the list that holds that many begins with it: two letters
 * typed, a common word), they are looked for first among the `walked` most popular listed products, in that order,
 * and found at once; otherwise, or when too few turn up there, every match is found and sorted.
 */
export interface SuggestionReach {
  candidates: number;
  walked: number;
}

const SUGGESTION_REACH: SuggestionReach = { candidates: 200, walked: 2_000 };

/**
 * Prefixes of words of which a product holding any matches the query: with a single part, its one-word alternatives.
 * None for a query of several parts.
 */
function surePrefixes(search: ResolvedSearch): string[] {
  if (search.groups.length !== 1) return [];
  return search.groups[0]!.alternatives.filter((words) => words.length === 1).map(([word]) => word!);
}

/**
 * Up to `limit` products, categories and producers for a search box as the shopper types: the words as the
 * listing searches them (typos corrected against the cooperative's words), the best-ranked of the most popular
 * matching products, and categories and producers whose names match.
 */
export async function searchSuggestions(
  db: Db,
  cooperativeId: string,
  query: string,
  locale: Locale,
  limit = 8,
  reach = SUGGESTION_REACH,
): Promise<Suggestion[]> {
  if (searchTerms(query).join("").length < 2) return [];
  const rows = await searchWithCorrection(db, cooperativeId, query, (search) => suggestionRows(db, cooperativeId, search, limit, reach));
  const hrefFor = { product: "/p/", category: "/c/", producer: "/producers/" } as const;
  return [...(rows ?? [])]
    .sort((a, b) => Number(b.score) - Number(a.score))
    .slice(0, limit)
    .map((row) => ({
      kind: row.kind,
      label: localized(locale, row.name_id, row.name_en),
      detail: row.detail,
      href: `${hrefFor[row.kind]}${row.slug}`,
    }));
}

async function suggestionRows(db: Db, cooperativeId: string, search: ResolvedSearch, limit: number, reach: SuggestionReach) {
  const tsQuery = sql`to_tsquery('simple', ${search.tsQuery})`;
  const folded = search.words.join(" ");
  const listed = sql`p.cooperative_id = ${cooperativeId} and p.listed`;
  const rows = await db.execute<{ kind: Suggestion["kind"]; slug: string; name_id: string; name_en: string; detail: string; score: number }>(sql`
    with sure as materialized (
      select coalesce(max(w.product_count), 0) as matches
      from ${textRows(surePrefixes(search))} as sure(prefix)
      join search_words w on ${listedWordsBeginning(cooperativeId, sql`sure.prefix`)}
    ),
    dense as materialized (
      -- The listed products are counted only when the query could be dense.
      select case when (select matches from sure) < ${reach.candidates} then false
        else (select matches from sure) * ${reach.walked}
          >= ${listedTotal([sql`p.cooperative_id = ${cooperativeId}`])} * ${reach.candidates}
        end as walk
    ),
    walked as materialized (
      -- The most popular listed products in order (their index), tested one by one until enough match.
      select p.id from (
        select p.id, p.search_document from products p where ${listed} and (select walk from dense)
        order by p.units_sold desc nulls last, p.id limit ${reach.walked}
      ) p
      where ${searchMatch(search)}
      limit ${reach.candidates}
    ),
    candidates as (
      select id from walked where (select count(*) from walked) = ${reach.candidates}
      union all
      -- Otherwise every match (the full-text index), then the most popular of them.
      select id from (
        select id from (select p.id, p.units_sold from products p where ${listed} and ${searchMatch(search)} offset 0) matches
        order by units_sold desc, id
        limit ${reach.candidates}
      ) found
      where (select count(*) from walked) < ${reach.candidates}
    )
    (select 'product' as kind, p.slug, v.name_id, v.name_en, m.business_name as detail, ${searchRank(search)} as score
      from candidates
      join products p on p.cooperative_id = ${cooperativeId} and p.id = candidates.id
      join product_versions v on v.cooperative_id = p.cooperative_id and v.id = p.live_version_id
      join members m on m.cooperative_id = p.cooperative_id and m.id = p.member_id
      order by score desc, p.units_sold desc limit ${limit})
    union all
    (select 'category', c.slug, c.name_id, c.name_en, '', 1 + word_similarity(${folded}, f_unaccent(lower(c.name_id || ' ' || c.name_en)))
      from categories c
      where c.cooperative_id = ${cooperativeId} and c.retired_at is null
        and (to_tsvector('simple', f_unaccent(lower(c.name_id || ' ' || c.name_en))) @@ ${tsQuery}
          or ${folded} <% f_unaccent(lower(c.name_id || ' ' || c.name_en)))
      limit 3)
    union all
    (select 'producer', m.slug, m.business_name, m.business_name, m.village, 1 + word_similarity(${folded}, f_unaccent(lower(m.business_name)))
      from members m
      where m.cooperative_id = ${cooperativeId} and ${shownProducer}
        and (to_tsvector('simple', f_unaccent(lower(m.business_name))) @@ ${tsQuery}
          or ${folded} <% f_unaccent(lower(m.business_name)))
      limit 3)`);
  return [...rows];
}

/** Public URLs for sitemap.xml, with the last time each changed. */
export async function sitemapEntries(db: Db, cooperativeId: string) {
  const rows = await db.execute<{ path: string; modified: string }>(sql`
    select '/p/' || p.slug as path, greatest(p.updated_at, v.updated_at) as modified
      from products p join product_versions v on v.cooperative_id = p.cooperative_id and v.id = p.live_version_id
      where p.cooperative_id = ${cooperativeId} and p.listed
    union all
    select '/c/' || c.slug, c.created_at from categories c where c.cooperative_id = ${cooperativeId} and c.retired_at is null
    union all
    select '/producers/' || m.slug, m.updated_at from members m where m.cooperative_id = ${cooperativeId} and ${shownProducer}
    order by 1`);
  return rows.map((row) => ({ path: row.path, modified: new Date(row.modified) }));
}
