import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { localized, type Locale } from "~/lib/i18n/core";
import { imageFromRow, type ImageRow, type ImageSources } from "~/modules/media/images";
import { coverColumns, joinCover } from "../cover.server";
import { PAGE_SIZE, type CatalogQuery, type CatalogSort } from "./query";
import { groupsTsQuery } from "./search-lexicon";
import { searchMatch, searchRank, searchWithCorrection, type ResolvedSearch } from "./search.server";
import { listedTotal } from "./shop-visibility";

/** What a product card shows (and its link): nothing more goes to the page. */
export interface ProductCard {
  slug: string;
  name: string;
  priceMin: number;
  priceMax: number;
  stock: number;
  producer: { name: string; village: string };
  image: ImageSources | null;
}

export interface ProductPage {
  items: ProductCard[];
  total: number;
  page: number;
  pageCount: number;
  /** The words searched for when the shopper's words found nothing and were corrected ("keripk" → "keripik"). */
  correctedQuery?: string;
  /** When a search found nothing: fewer of its words, which do find something ("keripik batik" → "keripik"). */
  suggestedQuery?: string;
  /** Counts by category and producer over the same filtered result, each without its own filter (`facets: true`). */
  facets?: Facets;
  /**
   * Pages stop at this many results even when `total` is larger: relevance ranks only this many matches (the most
   * popular), and a crowded search (`totalCapped`) finds only this many in any order.
   */
  rankedLimit?: number;
  /** A search with more matches than it counts (`COUNTED_MATCHES`): `total` is that number, and there are more. */
  totalCapped?: boolean;
}

/**
 * How many of the results each category and producer holds, for the listing's filters. For a search with more
 * matches than it counts, the counts are left out (`null`): the categories and producers are those of the matches it
 * read, the producers ordered by how many of those they hold.
 */
export interface Facets {
  /** Categories with results, by slug: the counts with every filter but the category. */
  categories: { slug: string; count: number | null }[];
  /** The producers with the most results (at most `FACET_PRODUCERS`), with every filter but the producer. */
  producers: { slug: string; name: string; count: number | null }[];
}

/** Producers offered in the listing's filter: the ones with the most results (all of them are on /producers). */
export const FACET_PRODUCERS = 30;

/**
 * Relevance is worked out for at most this many matches (the most popular ones), so a word every product holds
 * costs a bounded ranking; 20 pages of results.
 */
export const RANKED_MATCHES = 20 * PAGE_SIZE;

/**
 * A search counts its matches up to this many (decision 50). Past it (two letters, a word most products hold) the
 * total is shown as "4.000+", the facets lose their counts, and the page is found by walking the sort's index
 * (`SearchReach.walked`) rather than by sorting every match, so no query reads many more products than this.
 * Sorting every match costs about as much as the walk at 4,000 matches of 20,000 products.
 */
export const COUNTED_MATCHES = 4_000;

/**
 * How far a search looks: it counts up to `counted` matches; when there are more, it reads at most `walked` listed
 * products in the sort's order (passing the filters) to find the `RANKED_MATCHES` its pages show. At a density of
 * `counted` in the listed products that finds them all while the cooperative lists up to `walked x counted / 480`
 * products (about 41,000); past that a sparse crowded search may show fewer pages.
 */
export interface SearchReach {
  counted: number;
  walked: number;
}

const SEARCH_REACH: SearchReach = { counted: COUNTED_MATCHES, walked: 5_000 };

type CardRow = ImageRow & {
  slug: string;
  name_id: string;
  name_en: string;
  price_min: string;
  price_max: string;
  stock_shown: number;
  business_name: string;
  village: string;
};

/*
 * Each sort is one of the partial indexes on listed products (migration 0009), cooperative first, with the id to
 * make the order total; `a` is the alias the order applies to.
 */
const orderBy: Record<Exclude<CatalogSort, "relevance">, (a: SQL) => SQL> = {
  newest: (a) => sql`${a}.published_at desc nulls last, ${a}.id`,
  popular: (a) => sql`${a}.units_sold desc nulls last, ${a}.id`,
  price_asc: (a) => sql`${a}.price_min, ${a}.id`,
  price_desc: (a) => sql`${a}.price_min desc, ${a}.id desc`,
};

/** What a search keeps of each match: enough to filter, count and sort them; the page's own columns come after. */
const matchColumns = sql`p.id, p.category_id, p.member_id, p.units_sold, p.published_at, p.price_min`;

const pageColumns = sql`p.id, p.slug, p.cooperative_id, p.live_version_id, p.member_id,
  p.price_min, p.price_max, p.stock_shown, p.units_sold, p.published_at`;

/**
 * The storefront's product listing: listed products only (live, not archived, producer active; kept on the product
 * by triggers), filtered and sorted on the product's own listing fields, so a page is an index range of
 * `cooperative_id, sort key` cut with LIMIT. The page's names, producer and cover are looked up
 * for its rows only; the total is counted apart.
 */
export async function listProducts(
  db: Db,
  cooperativeId: string,
  query: CatalogQuery,
  locale: Locale,
  options: { pageSize?: number; sameProducerAs?: string; facets?: boolean; reach?: SearchReach } = {},
): Promise<ProductPage> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const offset = (query.page - 1) * pageSize;
  const base: SQL[] = [sql`p.cooperative_id = ${cooperativeId}`, sql`p.listed`];
  if (query.minPrice !== undefined) base.push(sql`p.price_min >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) base.push(sql`p.price_min <= ${query.maxPrice}`);
  if (query.inStock) base.push(sql`p.in_stock`);
  if (options.sameProducerAs) {
    base.push(sql`p.slug <> ${options.sameProducerAs}`);
    base.push(sql`p.member_id = (select member_id from products where cooperative_id = ${cooperativeId} and slug = ${options.sameProducerAs})`);
  }
  const filters: FacetFilters = {
    category: query.category
      ? sql`p.category_id = (select id from categories where cooperative_id = ${cooperativeId} and slug = ${query.category})`
      : undefined,
    producer: query.producer
      ? sql`p.member_id = (select id from members where cooperative_id = ${cooperativeId} and slug = ${query.producer})`
      : undefined,
  };
  const filterList = facetFilterList(filters);
  const conditions = [...base, ...filterList];
  const toPage = (rows: CardRow[], total: number, reachable = total) => ({
    items: rows.map((row) => toCard(row, cooperativeId, locale)),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(reachable / pageSize)),
  });

  if (query.q) {
    const found = await searchWithCorrection(db, cooperativeId, query.q, async (search) => {
      const reach = options.reach ?? SEARCH_REACH;
      const results = await searchResults(db, cooperativeId, search, { base, filters }, query.sort, { pageSize, offset }, reach, options.facets ?? false);
      return { search, ...results };
    });
    if (!found) return { ...toPage([], 0), ...(options.facets ? { facets: { categories: [], producers: [] } } : {}) };
    // Relevance ranks the most popular matches only; a crowded search, in any order, finds that many only.
    const ranked = (query.sort === "relevance" || found.capped) && found.total > RANKED_MATCHES;
    const suggested = found.total === 0 ? await fewerWords(db, found.search, conditions) : undefined;
    return {
      ...toPage(found.rows, found.total, ranked ? RANKED_MATCHES : found.total),
      ...(found.search.corrected && found.total > 0 ? { correctedQuery: found.search.words.join(" ") } : {}),
      ...(suggested ? { suggestedQuery: suggested } : {}),
      ...(ranked ? { rankedLimit: RANKED_MATCHES } : {}),
      ...(found.capped ? { totalCapped: true } : {}),
      ...(found.facets ? { facets: found.facets } : {}),
    };
  }

  // Without a price, stock or same-producer filter, the counts kept by producer and category (decision 49) give
  // the total and the facets: a few rows per producer rather than every listed product.
  const countable = query.minPrice === undefined && query.maxPrice === undefined && !query.inStock && !options.sameProducerAs;
  const where = sql.join(conditions, sql` and `);
  const total = countable
    ? listedTotal([sql`p.cooperative_id = ${cooperativeId}`, ...filterList])
    : sql`(select count(*) from products p where ${where})`;
  const sort = orderBy[query.sort === "relevance" ? "popular" : query.sort];
  const [{ rows, total: count }, counts] = await Promise.all([
    countedCards(
      db,
      sql`select ${pageColumns}, ${total} as total from products p where ${where} order by ${sort(sql`p`)} limit ${pageSize} offset ${offset}`,
      sort(sql`page`),
      total,
      offset,
    ),
    options.facets
      ? facetCounts(
          db,
          cooperativeId,
          countable
            ? sql`select p.category_id, p.member_id, p.product_count as n from listed_product_counts p where p.cooperative_id = ${cooperativeId}`
            : sql`select p.category_id, p.member_id, 1 as n from products p where ${sql.join(base, sql` and `)}`,
          filters,
        )
      : undefined,
  ]);
  return { ...toPage(rows, count), ...(counts ? { facets: counts } : {}) };
}

/** The category and producer filters of a listing (on products as `p`), each left out of its own facet. */
interface FacetFilters {
  category?: SQL;
  producer?: SQL;
}

function facetFilterList(filters: FacetFilters): SQL[] {
  return [filters.category, filters.producer].filter((filter) => filter !== undefined);
}

/**
 * Counts by category (with the producer filter) and by producer (with the category filter) of `results`, a relation
 * (as `p`) of the products that pass every other filter: their `category_id`, `member_id` and how many products
 * each row stands for (`n`).
 */
function facetRows(cooperativeId: string, results: SQL, filters: FacetFilters): SQL {
  return sql`
    select 'category' as kind, c.slug, c.name_id as name, n.count
    from (select p.category_id, sum(p.n) as count from ${results} p where ${filters.producer ?? sql`true`} group by p.category_id) n
    join categories c on c.cooperative_id = ${cooperativeId} and c.id = n.category_id
    union all
    (select 'producer', m.slug, m.business_name, n.count
      from (
        select p.member_id, sum(p.n) as count from ${results} p where ${filters.category ?? sql`true`}
        group by p.member_id order by count desc, p.member_id limit ${FACET_PRODUCERS}
      ) n
      join members m on m.cooperative_id = ${cooperativeId} and m.id = n.member_id)`;
}

type FacetRow = { kind: "category" | "producer"; slug: string; name: string; count: string | number };

/** `facetRows` of `results` as one JSON array, a scalar subquery: the facets riding on a row of another select. */
function facetsJson(cooperativeId: string, results: SQL, filters: FacetFilters): SQL {
  return sql`(select coalesce(json_agg(f), '[]') from (${facetRows(cooperativeId, results, filters)}) f)`;
}

/** The facets of `rows`; without their counts when they were counted over only some of the matches. */
function toFacets(rows: Iterable<FacetRow>, counted = true): Facets {
  const facets: Facets = { categories: [], producers: [] };
  for (const row of rows) {
    const count = counted ? Number(row.count) : null;
    if (row.kind === "category") facets.categories.push({ slug: row.slug, count });
    else facets.producers.push({ slug: row.slug, name: row.name, count });
  }
  return facets;
}

/** The facets of `results` (a select of `category_id, member_id, n`), not materialized: each count reads it afresh. */
async function facetCounts(db: Db, cooperativeId: string, results: SQL, filters: FacetFilters): Promise<Facets> {
  const rows = await db.execute<FacetRow>(sql`with results as not materialized (${results}) ${facetRows(cooperativeId, sql`results`, filters)}`);
  return toFacets(rows);
}

/**
 * For a search of several parts that found nothing: the parts that find something on their own, when together they
 * do, as the words to offer instead ("keripik batik" → "keripik"). Undefined when there is no such query.
 */
async function fewerWords(db: Db, search: ResolvedSearch, conditions: SQL[]): Promise<string | undefined> {
  if (search.groups.length < 2) return undefined;
  const where = sql.join(conditions, sql` and `);
  const exists = (tsQuery: string) => sql`exists (select 1 from products p where ${where} and p.search_document @@ to_tsquery('simple', ${tsQuery}))`;
  const parts = search.groups.map((group) => groupsTsQuery([group]));
  const [row] = await db.execute<{ found: boolean[] }>(sql`select array[${sql.join(parts.map(exists), sql`, `)}] as found`);
  const kept = search.groups.filter((_, index) => row!.found[index]);
  if (kept.length === 0 || kept.length === search.groups.length) return undefined;
  if (kept.length > 1) {
    const [together] = await db.execute<{ found: boolean }>(sql`select ${exists(groupsTsQuery(kept))} as found`);
    if (!together!.found) return undefined;
  }
  return kept.flatMap((group) => group.typed).join(" ");
}

/** The home page's shelves; each is a product list of its own. */
type Shelf = "featured" | "popular" | "newest";

/**
 * The home page's shelves in one statement, each cut from its own index with LIMIT: the products a manager features,
 * in their order (decision 30), and the best selling and newest in stock. Listed products only, so a product taken
 * down, archived or sold by a suspended producer drops out by itself. `listed` counts every listed product, as the
 * listing does (from the counts kept by producer and category, decision 49).
 */
export async function listHomeShelves(
  db: Db,
  cooperativeId: string,
  locale: Locale,
  sizes: Record<Shelf, number>,
): Promise<Record<Shelf, ProductCard[]> & { listed: number }> {
  const listed = sql`p.cooperative_id = ${cooperativeId} and p.listed`;
  const inStock = sql`${listed} and p.in_stock`;
  const shelf = (name: Shelf, where: SQL, order: SQL) =>
    sql`(select ${pageColumns}, ${name}::text as shelf, row_number() over (order by ${order}) as position
      from products p where ${where} order by ${order} limit ${sizes[name]})`;
  const rows = await cards(
    db,
    sql`${shelf("featured", sql`${listed} and p.featured_position is not null`, sql`p.featured_position`)}
      union all ${shelf("popular", inStock, orderBy.popular(sql`p`))}
      union all ${shelf("newest", inStock, orderBy.newest(sql`p`))}`,
    sql`page.shelf, page.position`,
    sql`, page.shelf, ${listedTotal([sql`p.cooperative_id = ${cooperativeId}`])} as listed`,
  );
  const shelves: Record<Shelf, ProductCard[]> = { featured: [], popular: [], newest: [] };
  for (const row of rows as (CardRow & { shelf: Shelf })[]) shelves[row.shelf].push(toCard(row, cooperativeId, locale));
  const counted = rows[0] as (CardRow & { listed: string }) | undefined;
  return { ...shelves, listed: counted ? Number(counted.listed) : 0 };
}

/** The products a manager features on the home page, in their order (decision 30). */
export async function listFeaturedProducts(db: Db, cooperativeId: string, locale: Locale, limit: number): Promise<ProductCard[]> {
  return (await listHomeShelves(db, cooperativeId, locale, { featured: limit, popular: 0, newest: 0 })).featured;
}

/**
 * A page of search results, their count and (`withFacets`) their facets, in one statement (decisions 49 and 50).
 * The matches are found first, on their own, once (the full-text index, cooperative first: a LIMIT beside a text
 * match would tempt Postgres into walking a sort index and testing every document), but no more than
 * `reach.counted` + 1 of them; the category and producer filters cut the page's hits from them, and each facet leaves
 * its own filter out. By relevance, the most popular `RANKED_MATCHES` hits are ranked and the page is cut from those.
 *
 * A crowded search (more matches than it counts) reads the hits apart, as many again at most; when they too are
 * more, the page comes from walking the sort's index (relevance: the most popular) and testing each product, up to
 * `RANKED_MATCHES` found or `reach.walked` read. Dense as such a query is, that finds the same products sorting every
 * match would. The facets are then those of the matches read (the hits among them), uncounted.
 */
async function searchResults(
  db: Db,
  cooperativeId: string,
  search: ResolvedSearch,
  { base, filters }: { base: SQL[]; filters: FacetFilters },
  sortName: CatalogSort,
  { pageSize, offset }: { pageSize: number; offset: number },
  reach: SearchReach,
  withFacets: boolean,
): Promise<{ rows: CardRow[]; total: number; capped: boolean; facets?: Facets }> {
  const matchWhere = sql.join([...base, searchMatch(search)], sql` and `);
  const filterList = facetFilterList(filters);
  const filtered = filterList.length > 0 ? sql.join(filterList, sql` and `) : undefined;
  const beyond = reach.counted + 1;
  const walkOrder = orderBy[sortName === "relevance" ? "popular" : sortName];
  const found = sql`
    matches as materialized (select ${matchColumns}, 1 as n from products p where ${matchWhere} limit ${beyond}),
    matched as materialized (select count(*) as n from matches),
    hits as ${filtered ? sql`materialized` : sql`not materialized`} (
      ${
        filtered
          ? sql`select * from matches p where (select n from matched) < ${beyond} and ${filtered}
            union all
            (select ${matchColumns}, 1 as n from products p where (select n from matched) = ${beyond} and ${matchWhere} and ${filtered} limit ${beyond})`
          : sql`select * from matches`
      }),
    counted as materialized (${filtered ? sql`select count(*) as n from hits` : sql`select n from matched`}),
    ${
      // A crowded search's facets are of the matches read: the unfiltered ones, and the filtered ones when read apart.
      filtered
        ? sql`sampled as not materialized (select * from matches union all select * from hits where (select n from matched) = ${beyond}),`
        : sql`sampled as not materialized (select * from matches),`
    }
    walked as materialized (
      select ${matchColumns} from (
        select ${matchColumns}, p.search_document from products p
        where (select n from counted) = ${beyond} and ${sql.join([...base, ...filterList], sql` and `)}
        order by ${walkOrder(sql`p`)} limit ${reach.walked}
      ) p
      where ${searchMatch(search)}
      limit ${sortName === "relevance" ? RANKED_MATCHES : Math.min(offset + pageSize, RANKED_MATCHES)}
    ),
    source as not materialized (
      select id, units_sold, published_at, price_min from hits where (select n from counted) < ${beyond}
      union all
      select id, units_sold, published_at, price_min from walked)`;
  const picked =
    sortName === "relevance"
      ? sql`
        select ${pageColumns}, ${searchRank(search)} as rank, (select n from counted) as total
        from (select id from source order by units_sold desc, id limit ${RANKED_MATCHES}) candidates
        join products p on p.id = candidates.id
        order by rank desc, p.units_sold desc, p.id
        limit ${pageSize} offset ${offset}`
      : sql`
        select ${pageColumns}, 0 as rank, (select n from counted) as total
        from (select id from source p order by ${orderBy[sortName](sql`p`)} limit ${pageSize} offset ${offset}) picked
        join products p on p.id = picked.id`;
  const order = sortName === "relevance" ? sql`page.rank desc, page.units_sold desc, page.id` : orderBy[sortName](sql`page`);
  // The facets ride on one row of the page, worked out once from the same matches.
  const facetsColumn = withFacets
    ? sql`, case when row_number() over () = 1 then ${facetsJson(cooperativeId, sql`sampled`, filters)} end as facets,
      (select n from matched) = ${beyond} as crowded`
    : sql``;
  const rows = (await cards(db, picked, order, sql`, page.total ${facetsColumn}`, sql`with ${found}`)) as (CardRow & {
    total: string;
    facets?: FacetRow[] | null;
    crowded?: boolean;
  })[];
  const carrier = rows.find((row) => row.facets);
  if (rows.length > 0) {
    const counted = Number(rows[0]!.total);
    return {
      rows,
      ...countedUpTo(counted, reach),
      ...(carrier ? { facets: toFacets(carrier.facets!, !carrier.crowded) } : {}),
    };
  }
  // No row carries the count nor the facets (no hit, or past the last page): they are asked apart, in one statement.
  // The facets may still have counts (the matches of another category, when the category filter leaves none).
  const [apart] = await db.execute<{ total: string; matched: string; facets: FacetRow[] | null }>(sql`
    with matches as materialized (select p.category_id, p.member_id, 1 as n from products p where ${matchWhere} limit ${beyond}),
    matched as materialized (select count(*) as n from matches)
    select
      ${
        offset === 0
          ? sql`0`
          : filtered
            ? sql`(select count(*) from (select from products p where ${matchWhere} and ${filtered} limit ${beyond}) counted)`
            : sql`(select n from matched)`
      } as total,
      (select n from matched) as matched,
      ${withFacets ? facetsJson(cooperativeId, sql`matches`, filters) : sql`null`} as facets`);
  return {
    rows,
    ...countedUpTo(Number(apart!.total), reach),
    ...(apart!.facets ? { facets: toFacets(apart!.facets, Number(apart!.matched) <= reach.counted) } : {}),
  };
}

/** A count taken up to `reach.counted` + 1: past `reach.counted`, that many and more. */
function countedUpTo(counted: number, reach: SearchReach): { total: number; capped: boolean } {
  return counted > reach.counted ? { total: reach.counted, capped: true } : { total: counted, capped: false };
}

/**
 * The cards of `page` (which selects `total`, a scalar subquery, as `total` beside `pageColumns`) with that count:
 * one statement a page. Past the last page there is no row to carry the count, so it is asked alone.
 */
async function countedCards(db: Db, page: SQL, order: SQL, total: SQL, offset: number): Promise<{ rows: CardRow[]; total: number }> {
  const rows = await cards(db, page, order, sql`, page.total`);
  if (rows.length > 0) return { rows, total: Number((rows[0] as CardRow & { total: string }).total) };
  if (offset === 0) return { rows, total: 0 };
  const [count] = await db.execute<{ total: string }>(sql`select ${total} as total`);
  return { rows, total: Number(count!.total) };
}

/** The cards of a page chosen by `page` (a select of `pageColumns` from products, after `ctes`), in `order`. */
function cards(db: Db, page: SQL, order: SQL, extra: SQL = sql``, ctes: SQL = sql``): Promise<CardRow[]> {
  return db
    .execute<CardRow>(sql`
      ${ctes}
      select page.slug, v.name_id, v.name_en, page.price_min, page.price_max, page.stock_shown, m.business_name, m.village,
        ${coverColumns} ${extra}
      from (${page}) page
      join product_versions v on v.cooperative_id = page.cooperative_id and v.id = page.live_version_id
      join members m on m.cooperative_id = page.cooperative_id and m.id = page.member_id
      ${joinCover(sql`page.cooperative_id`, sql`page.live_version_id`)}
      order by ${order}`)
    .then((rows) => [...rows]);
}

function toCard(row: CardRow, cooperativeId: string, locale: Locale): ProductCard {
  const name = localized(locale, row.name_id, row.name_en);
  return {
    slug: row.slug,
    name,
    priceMin: Number(row.price_min),
    priceMax: Number(row.price_max),
    stock: row.stock_shown,
    producer: { name: row.business_name, village: row.village },
    // A card's photo is decorative (its name is the link's text beside it), so it carries no alt text.
    image: imageFromRow(row, cooperativeId, "", 480),
  };
}
