import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import {
  expandWords,
  groupsTsQuery,
  phrasesOf,
  queryWords,
  withOneLetterMore,
  type QueryGroup,
  type Synonyms,
} from "./search-lexicon";
import { MIN_FUZZY_LENGTH } from "./search-terms";

/** What a shopper's query is searched as: its parts with their synonyms (after any correction) and their `to_tsquery` text. */
export interface ResolvedSearch {
  /** The shopper's words, corrected where they were: what the page says was searched. */
  words: string[];
  groups: QueryGroup[];
  tsQuery: string;
  /** True when a word was replaced by the closest word of the cooperative's products (a typo, a dropped letter). */
  corrected: boolean;
  /** The cooperative's synonyms for the query's phrases, kept to expand corrected words alike. */
  synonyms: Synonyms;
}

/** `products.search_document` (alias `p`) matches the search: every part, by any of its alternatives, as prefixes. */
export function searchMatch(search: ResolvedSearch): SQL {
  return sql`p.search_document @@ to_tsquery('simple', ${search.tsQuery})`;
}

/** Full-text rank of a product (alias `p`) for the search. */
export function searchRank(search: ResolvedSearch): SQL {
  return sql`ts_rank_cd(p.search_document, to_tsquery('simple', ${search.tsQuery}))`;
}

function resolved(words: string[], synonyms: Synonyms, corrected: boolean): ResolvedSearch {
  const groups = expandWords(words, synonyms);
  return { words, groups, tsQuery: groupsTsQuery(groups), corrected, synonyms };
}

/**
 * The cooperative's own synonyms for the phrases of a query (one to three words each): a lookup by the table's key,
 * only for the phrases the query holds.
 */
export async function cooperativeSynonyms(db: Db, cooperativeId: string, words: string[]): Promise<Synonyms> {
  const phrases = phrasesOf(words);
  if (phrases.length === 0) return new Map();
  const rows = await db.execute<{ term: string; meanings: string[] }>(sql`
    select term, meanings from search_synonyms
    where cooperative_id = ${cooperativeId} and term = any(${`{${phrases.map((phrase) => `"${phrase}"`).join(",")}}`}::text[])`);
  return new Map(rows.map((row) => [row.term, row.meanings]));
}

/**
 * A shopper's query as full text searches it first: the words as typed (folded, "oleh2" as "oleh"), each phrase
 * with a synonym (built in or the cooperative's) searched as either ("kripik": "kripik" or "keripik").
 */
export async function expandedSearch(db: Db, cooperativeId: string, query: string): Promise<ResolvedSearch | undefined> {
  const words = queryWords(query);
  if (words.length === 0) return undefined;
  return resolved(words, await cooperativeSynonyms(db, cooperativeId, words), false);
}

/**
 * The second step of a search (decisions 23 and 26), for when full text found nothing: each word of three letters or
 * more that has no synonym and begins no word of the cooperative's word list (`search_words`, the words of its listed
 * products) is replaced by a word there: first one that is the word with one letter put back, for short words
 * ("trasi" is "terasi", "dodl" is "dodol"), else the closest by trigram word similarity (threshold 0.6, as before):
 * "keripk" becomes "keripik". Words are only ever corrected against this cooperative's words. Undefined when nothing
 * could be corrected.
 */
export async function correctSearch(db: Db, cooperativeId: string, search: ResolvedSearch): Promise<ResolvedSearch | undefined> {
  const plain = search.groups.filter((group) => group.alternatives.length === 1 && group.typed.length === 1).map((group) => group.typed[0]!);
  const fuzzy = plain.filter((word) => word.length >= MIN_FUZZY_LENGTH);
  if (fuzzy.length === 0) return undefined;
  const longer = fuzzy.flatMap((term) => withOneLetterMore(term).map((candidate) => [candidate, term] as const));
  const termOf = new Map(longer);
  // Terms are letters and digits only (searchTerms), so they are safe inside an array literal.
  const [rows, found] = await Promise.all([
    db.execute<{ term: string; known: boolean; nearest: string | null }>(sql`
      select t.term,
        exists (select 1 from search_words w where w.cooperative_id = ${cooperativeId} and w.word like t.term || '%') as known,
        (select w.word from search_words w
          where w.cooperative_id = ${cooperativeId} and t.term <% w.word
          order by word_similarity(t.term, w.word) desc, similarity(t.term, w.word) desc, w.product_count desc, w.word
          limit 1) as nearest
      from unnest(${`{${fuzzy.join(",")}}`}::text[]) as t(term)`),
    longer.length === 0
      ? []
      : db.execute<{ word: string }>(sql`
          select w.word from search_words w
          where w.cooperative_id = ${cooperativeId} and w.word = any(${`{${[...termOf.keys()].join(",")}}`}::text[])
          order by w.product_count desc, w.word`),
  ]);
  const restored = new Map<string, string>();
  for (const { word } of found) {
    const term = termOf.get(word)!;
    if (!restored.has(term)) restored.set(term, word);
  }
  const replacement = new Map(
    rows.filter((row) => !row.known && (restored.has(row.term) || row.nearest)).map((row) => [row.term, restored.get(row.term) ?? row.nearest!]),
  );
  if (replacement.size === 0) return undefined;
  const words = [...new Set(search.words.map((word) => replacement.get(word) ?? word))];
  const synonyms = new Map([...search.synonyms, ...(await cooperativeSynonyms(db, cooperativeId, words))]);
  return resolved(words, synonyms, true);
}

/** Runs `run` with the query expanded by its synonyms, and once more with its words corrected when that found nothing. */
export async function searchWithCorrection<T>(
  db: Db,
  cooperativeId: string,
  query: string,
  run: (search: ResolvedSearch) => Promise<T>,
  found: (result: T) => boolean,
): Promise<T | undefined> {
  const expanded = await expandedSearch(db, cooperativeId, query);
  if (!expanded) return undefined;
  const first = await run(expanded);
  if (found(first)) return first;
  const corrected = await correctSearch(db, cooperativeId, expanded);
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
