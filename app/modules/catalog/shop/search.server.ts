import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { textArray } from "~/lib/sql-arrays.server";
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
 * Whether a word can be told apart from the word list: the list (`search_words`, migration 0009) keeps the lexemes of
 * 3 to 40 letters that are not all digits, so a word outside that could still be found by full text.
 */
function listedWordsTell(word: string): boolean {
  return word.length >= MIN_FUZZY_LENGTH && word.length <= 40 && !/^\p{N}+$/u.test(word);
}

/** A query resolved by `expandedSearch`, with the words full text cannot find as typed. */
interface FirstSearch {
  search: ResolvedSearch;
  /**
   * Words that are a part of their own (no synonym) and begin no word of the cooperative's listed products: a
   * search with them finds no product, so they are corrected before anything is searched.
   */
  unknownWords: string[];
  /** Whether the cooperative keeps synonyms of its own (else corrected words need no second lookup). */
  hasOwnSynonyms: boolean;
}

/**
 * The first step of a search (decisions 23, 26 and 45), in one statement: the cooperative's own synonyms for the
 * query's phrases (one to three words each, looked up by the table's key), and which of its words begin no word of
 * its listed products. The words as typed (folded, "oleh2" as "oleh") with each phrase that has a synonym (built in
 * or the cooperative's) as either ("kripik": "kripik" or "keripik").
 */
async function expandedSearch(db: Db, cooperativeId: string, query: string): Promise<FirstSearch | undefined> {
  const words = queryWords(query);
  if (words.length === 0) return undefined;
  const [row] = await db.execute<{ synonyms: [string, string[]][] | null; unknown: string[]; has_own_synonyms: boolean }>(sql`
    select
      (select json_agg(json_build_array(term, meanings)) from search_synonyms
        where cooperative_id = ${cooperativeId} and term = any(${textArray(phrasesOf(words))})) as synonyms,
      array(select t.term from unnest(${textArray(words.filter(listedWordsTell))}) as t(term)
        where not exists (select 1 from search_words w where w.cooperative_id = ${cooperativeId} and w.word like t.term || '%')) as unknown,
      exists (select 1 from search_synonyms where cooperative_id = ${cooperativeId}) as has_own_synonyms`);
  const search = resolved(words, new Map(row!.synonyms ?? []), false);
  const unknown = new Set(row!.unknown);
  return {
    search,
    unknownWords: plainWords(search).filter((word) => unknown.has(word)),
    hasOwnSynonyms: row!.has_own_synonyms,
  };
}

/** The words that are a part of a search on their own, with no synonym: the only ones a correction replaces. */
function plainWords(search: ResolvedSearch): string[] {
  return search.groups.filter((group) => group.alternatives.length === 1 && group.typed.length === 1).map((group) => group.typed[0]!);
}

/**
 * The second step of a search (decisions 23, 26 and 45), for words full text cannot find: each is replaced by a word
 * of the cooperative's word list (`search_words`, the words of its listed products): first one that is the word with
 * one letter put back, for short words ("trasi" is "terasi", "dodl" is "dodol"), else the closest by trigram word
 * similarity (threshold 0.6): "keripk" becomes "keripik". Words are only ever corrected against this cooperative's
 * words. Undefined when nothing could be corrected.
 */
async function correctSearch(db: Db, cooperativeId: string, first: FirstSearch): Promise<ResolvedSearch | undefined> {
  const { search, unknownWords } = first;
  const longer = unknownWords.flatMap((term) => withOneLetterMore(term).map((candidate) => [candidate, term] as const));
  const rows = await db.execute<{ term: string; replacement: string | null }>(sql`
    select t.term, coalesce(
      (select w.word from unnest(${textArray(longer.map(([candidate]) => candidate))}, ${textArray(longer.map(([, term]) => term))}) as c(word, term)
        join search_words w on w.cooperative_id = ${cooperativeId} and w.word = c.word
        where c.term = t.term
        order by w.product_count desc, w.word
        limit 1),
      (select w.word from search_words w
        where w.cooperative_id = ${cooperativeId} and t.term <% w.word
        order by word_similarity(t.term, w.word) desc, similarity(t.term, w.word) desc, w.product_count desc, w.word
        limit 1)) as replacement
    from unnest(${textArray(unknownWords)}) as t(term)`);
  const replacement = new Map(rows.filter((row) => row.replacement !== null).map((row) => [row.term, row.replacement!]));
  if (replacement.size === 0) return undefined;
  const words = [...new Set(search.words.map((word) => replacement.get(word) ?? word))];
  const asked = new Set(phrasesOf(search.words));
  const newPhrases = phrasesOf(words).filter((phrase) => !asked.has(phrase));
  return resolved(words, new Map([...search.synonyms, ...(first.hasOwnSynonyms ? await cooperativeSynonyms(db, cooperativeId, newPhrases) : [])]), true);
}

/** The cooperative's own synonyms for `phrases` (folded, one to three words each): a lookup by the table's key. */
async function cooperativeSynonyms(db: Db, cooperativeId: string, phrases: string[]): Promise<Synonyms> {
  if (phrases.length === 0) return new Map();
  const rows = await db.execute<{ term: string; meanings: string[] }>(sql`
    select term, meanings from search_synonyms where cooperative_id = ${cooperativeId} and term = any(${textArray(phrases)})`);
  return new Map(rows.map((row) => [row.term, row.meanings]));
}

/**
 * Runs `run` with the query expanded by its synonyms; when a word of it begins no word of the cooperative's listed
 * products (so full text would find no product), with that word corrected first where it can be.
 */
export async function searchWithCorrection<T>(db: Db, cooperativeId: string, query: string, run: (search: ResolvedSearch) => Promise<T>): Promise<T | undefined> {
  const first = await expandedSearch(db, cooperativeId, query);
  if (!first) return undefined;
  const corrected = first.unknownWords.length > 0 ? await correctSearch(db, cooperativeId, first) : undefined;
  return run(corrected ?? first.search);
}

const foldedNames = sql`f_unaccent(lower(concat_ws(' ', v.name_id, v.name_en)))`;
const foldedContext = sql`f_unaccent(lower(concat_ws(' ', m.business_name, m.village, c.name_id, c.name_en)))`;
const foldedDescriptions = sql`f_unaccent(lower(concat_ws(' ', v.description_id, v.description_en)))`;

/**
 * Rebuilds the search document of live products from their live version, producer and category. Call it
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
