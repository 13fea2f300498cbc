import { sql, type SQL } from "drizzle-orm";

/**
 * Ids as one `uuid[]` parameter (for `= any(…)`): the statement's text is the same however many there are, so its
 * prepared plan is reused. The ids must be checked UUIDs.
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}
