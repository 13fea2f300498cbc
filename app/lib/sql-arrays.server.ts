import { sql, type SQL } from "drizzle-orm";

/**
 * Ids as one `uuid[]` parameter (for `= any(…)`): the statement's text is the same however many there are, so its
 * prepared plan is reused. The ids must be checked UUIDs.
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

/**
 * Texts as one `text[]` parameter, each element quoted (so spaces are kept), like `uuidArray`. The texts must hold no
 * quote, backslash or brace: search terms (letters and digits, `searchTerms`) and the phrases made of them.
 */
export function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((value) => `"${value}"`).join(",")}}`}::text[]`;
}
