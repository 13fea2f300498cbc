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

/**
 * Texts as the rows of a set-returning call (`json_array_elements_text`, one JSON parameter), for a statement that
 * reads a list as a table. Postgres estimates `unnest` of an array parameter by the array's length when it plans with
 * the values (a custom plan) and by a default when it plans without them (the generic plan), so a statement reading
 * `unnest(…)` may find its generic plan dearer and plan anew on every call. A JSON list is estimated alike both ways,
 * so the statement's generic plan is kept after its first five calls (decision 51).
 */
export function textRows(values: readonly string[]): SQL {
  return sql`json_array_elements_text(${JSON.stringify(values)}::text::json)`;
}
