const MAX_TERMS = 8;
/** Shorter words match too much when compared by trigrams; they still match by prefix. */
export const MIN_FUZZY_LENGTH = 3;

/** Lower-cased, accent-free words of a query: the same folding `f_unaccent(lower(...))` does in SQL. */
export function searchTerms(query: string): string[] {
  const words = query
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** A `to_tsquery('simple', ...)` text where every word matches as a prefix. Terms are letters and digits only. */
export function prefixTsQuery(terms: string[]): string {
  return terms.map((term) => `${term}:*`).join(" & ");
}
