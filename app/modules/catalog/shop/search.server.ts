import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { MIN_FUZZY_LENGTH, prefixTsQuery, searchTerms } from "./search-terms";

/** What a shopper's query is searched as: the words (after any correction) and their `to_tsquery` text. */
export interface ResolvedSearch {
  words: string[];
  tsQuery: string;
  /** True when a word was replaced by the closest word of the cooperative's products (a typo). */
  corrected: boolean;
}

/** `products.search_document` (alias `p`) matches every word of the search as a prefix. */
export function searchMatch(search: ResolvedSearch): SQL {
  return sql`p.search_document @@ to_tsquery('simple', ${search.tsQuery})`;
}

/** Full-text rank of a product (alias `p`) for the search. */
export function searchRank(search: ResolvedSearch): SQL {
  return sql`ts_rank_cd(p.search_document, to_tsquery('simple', ${search.tsQuery}))`;
}

/** A shopper's query as full text searches it first: every word as typed (folded), as a prefix. */
export function exactSearch(query: string): ResolvedSearch | undefined {
  const words = searchTerms(query);
  return words.length === 0 ? undefined : { words, tsQuery: prefixTsQuery(words), corrected: false };
}

/**
 * The second step of a search (decision 23), for when full text found nothing: each word of three letters or more
 * that begins no word of the cooperative's word list (`search_words`, the words of its listed products) is replaced
 * by the closest word there by trigram word similarity (threshold 0.6, as before): "keripk" becomes "keripik".
 * Words are only ever corrected against this cooperative's words. Undefined when nothing could be corrected.
 */
export async function correctSearch(db: Db, cooperativeId: string, search: ResolvedSearch): Promise<ResolvedSearch | undefined> {
  const fuzzy = search.words.filter((word) => word.length >= MIN_FUZZY_LENGTH);
  if (fuzzy.length === 0) return undefined;
  // Terms are letters and digits only (searchTerms), so they are safe inside an array literal.
  const rows = await db.execute<{ term: string; known: boolean; nearest: string | null }>(sql`
    select t.term,
      exists (select 1 from search_words w where w.cooperative_id = ${cooperativeId} and w.word like t.term || '%') as known,
      (select w.word from search_words w
        where w.cooperative_id = ${cooperativeId} and t.term <% w.word
        order by word_similarity(t.term, w.word) desc, similarity(t.term, w.word) desc, w.product_count desc, w.word
        limit 1) as nearest
    from unnest(${`{${fuzzy.join(",")}}`}::text[]) as t(term)`);
  const replacement = new Map(rows.filter((row) => !row.known && row.nearest).map((row) => [row.term, row.nearest!]));
  if (replacement.size === 0) return undefined;
  const words = [...new Set(search.words.map((word) => replacement.get(word) ?? word))];
  return { words, tsQuery: prefixTsQuery(words), corrected: true };
}

/** Runs `run` with the query as typed, and once more with its words corrected when that found nothing. */
export async function searchWithCorrection<T>(
  db: Db,
  cooperativeId: string,
  query: string,
  run: (search: ResolvedSearch) => Promise<T>,
  found: (result: T) => boolean,
): Promise<T | undefined> {
  const exact = exactSearch(query);
  if (!exact) return undefined;
  const first = await run(exact);
  if (found(first)) return first;
  const corrected = await correctSearch(db, cooperativeId, exact);
  return corrected ? run(corrected) : first;
}

const foldedNames = sql`f_unaccent(lower(concat_ws(' ', v.name_id, v.name_en)))`;
const foldedContext = sql`f_unaccent(lower(concat_ws(' ', m.business_name, m.village, c.name_id, c.name_en)))`;
const foldedDescriptions = sql`f_unaccent(lower(concat_ws(' ', v.description_id, v.description_en)))`;

/**
 * Rebuilds the search fields of live products from their live version, producer and category. Call it
 * in the same transaction that changes any of those. Products with no live version get no document.
 * The cooperative's word list follows by trigger (migration 0009).
 */
export async function refreshSearchDocuments(
  db: Db,
  cooperativeId: string,
  scope: { productId: string } | { memberId: string } | { categoryId: string } | "all",
): Promise<void> {
  const scoped =
    scope === "all"
      ? sql`true`
      : "productId" in scope
        ? sql`p.id = ${scope.productId}`
        : "memberId" in scope
          ? sql`p.member_id = ${scope.memberId}`
          : sql`v.category_id = ${scope.categoryId}`;
  await db.execute(sql`
    update products p set
      search_text = concat_ws(' ', ${foldedNames}, ${foldedContext}),
      search_document =
        setweight(to_tsvector('simple', ${foldedNames}), 'A') ||
        setweight(to_tsvector('simple', ${foldedContext}), 'B') ||
        setweight(to_tsvector('simple', ${foldedDescriptions}), 'C')
    from product_versions v, members m, categories c
    where p.cooperative_id = ${cooperativeId}
      and v.cooperative_id = p.cooperative_id and v.id = p.live_version_id
      and m.cooperative_id = p.cooperative_id and m.id = p.member_id
      and c.cooperative_id = v.cooperative_id and c.id = v.category_id
      and ${scoped}`);
}
