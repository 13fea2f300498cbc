import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { textArray, textRows } from "~/lib/sql-arrays.server";
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

/**
 * The cooperative's listed words (`search_words`, alias `w`) that begin with `prefix`: a range of the list's primary
 * key, its words being in byte order (migration 0027, decision 51). The range ends before the prefix followed by the
 * last code point, U+10FFFF, a noncharacter no folded word holds.
 */
export function listedWordsBeginning(cooperativeId: string, prefix: SQL): SQL {
  return sql`w.cooperative_id = ${cooperativeId} and w.word >= ${prefix} and w.word < ${prefix} || chr(1114111)`;
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

/** A query resolved by `expandedSearch`, with the words full text cannot find as typed and what each may be instead. */
interface FirstSearch {
  search: ResolvedSearch;
  /**
   * Words that are a part of their own (no synonym) and begin no word of the cooperative's listed products: a
   * search with them finds no product, so they are corrected before anything is searched.
   */
  unknownWords: string[];
  /** For each word that begins no word of the list, the word of the list it is corrected to, when there is one. */
  corrections: Map<string, string>;
  /** Whether the cooperative keeps synonyms of its own (else corrected words need no second lookup). */
  hasOwnSynonyms: boolean;
}

/**
 * The first step of a search (decisions 23, 26, 45 and 50), in one statement: the cooperative's own synonyms for the
 * query's phrases (one to three words each, looked up by the table's key), which of its words begin no word of its
 * listed products, and the correction of each of those (the second step, `correctionOf`, asked at once so a typo
 * costs no second round trip). The words as typed (folded, "oleh2" as "oleh") with each phrase that has a synonym
 * (built in or the cooperative's) as either ("kripik": "kripik" or "keripik").
 */
async function expandedSearch(db: Db, cooperativeId: string, query: string): Promise<FirstSearch | undefined> {
  const words = queryWords(query);
  if (words.length === 0) return undefined;
  const tellable = words.filter(listedWordsTell);
  const longer = tellable.flatMap((term) => withOneLetterMore(term).map((candidate) => [candidate, term] as const));
  const [row] = await db.execute<{
    synonyms: [string, string[]][] | null;
    corrections: [string, string | null][] | null;
    has_own_synonyms: boolean;
  }>(sql`
    with unknown as materialized (
      select t.term from ${textRows(tellable)} as t(term)
      where not exists (select 1 from search_words w where ${listedWordsBeginning(cooperativeId, sql`t.term`)})
    )
    select
      (select json_agg(json_build_array(term, meanings)) from search_synonyms
        where cooperative_id = ${cooperativeId} and term = any(${textArray(phrasesOf(words))})) as synonyms,
      (select json_agg(json_build_array(u.term, ${correctionOf(cooperativeId, sql`u.term`, longer)})) from unknown u) as corrections,
      exists (select 1 from search_synonyms where cooperative_id = ${cooperativeId}) as has_own_synonyms`);
  const search = resolved(words, new Map(row!.synonyms ?? []), false);
  const corrections = row!.corrections ?? [];
  const unknown = new Set(corrections.map(([term]) => term));
  return {
    search,
    unknownWords: plainWords(search).filter((word) => unknown.has(word)),
    corrections: new Map(corrections.filter((entry): entry is [string, string] => entry[1] !== null)),
    hasOwnSynonyms: row!.has_own_synonyms,
  };
}

/** The words that are a part of a search on their own, with no synonym: the only ones a correction replaces. */
function plainWords(search: ResolvedSearch): string[] {
  return search.groups.filter((group) => group.alternatives.length === 1 && group.typed.length === 1).map((group) => group.typed[0]!);
}

/**
 * The second step of a search (decisions 23, 26 and 45), for a word full text cannot find (`term`, a column): the word
 * of the cooperative's word list (`search_words`, the words of its listed products) it is replaced by: first one that
 * is the word with one letter put back, for short words ("trasi" is "terasi", "dodl" is "dodol"; `longer` holds
 * those candidates, each beside its word), else the closest by trigram word similarity (threshold 0.6): "keripk"
 * becomes "keripik". Words are only ever corrected against this cooperative's words. Null when nothing is close.
 */
function correctionOf(cooperativeId: string, term: SQL, longer: (readonly [string, string])[]): SQL {
  return sql`coalesce(
    (select w.word from rows from (${textRows(longer.map(([candidate]) => candidate))}, ${textRows(longer.map(([, word]) => word))}) as c(word, term)
      join search_words w on w.cooperative_id = ${cooperativeId} and w.word = c.word
      where c.term = ${term}
      order by w.product_count desc, w.word
      limit 1),
    (select w.word from search_words w
      where w.cooperative_id = ${cooperativeId} and ${term} <% w.word
      order by word_similarity(${term}, w.word) desc, similarity(${term}, w.word) desc, w.product_count desc, w.word
      limit 1))`;
}

/** The search with its unknown words replaced by their corrections; undefined when none of them has one. */
async function correctSearch(db: Db, cooperativeId: string, first: FirstSearch): Promise<ResolvedSearch | undefined> {
  const { search, unknownWords, corrections } = first;
  const replacement = new Map(unknownWords.filter((word) => corrections.has(word)).map((word) => [word, corrections.get(word)!]));
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
