import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { MIN_FUZZY_LENGTH, prefixTsQuery, searchTerms } from "./search-terms";

/**
 * Matching for a shopper's query against `products.search_document` / `search_text` (alias `p`):
 * every word as a prefix in the full-text document (names, producer, category, descriptions, both
 * languages), or every word close enough by trigrams to a word of the name, producer or category,
 * which forgives typos ("keripk" finds "keripik").
 */
export function searchCondition(query: string): { where: SQL; rank: SQL } | undefined {
  const terms = searchTerms(query);
  if (terms.length === 0) return undefined;
  const tsQuery = sql`to_tsquery('simple', ${prefixTsQuery(terms)})`;
  const fuzzyTerms = terms.filter((term) => term.length >= MIN_FUZZY_LENGTH);
  const fuzzy =
    fuzzyTerms.length > 0
      ? sql.join(
          fuzzyTerms.map((term) => sql`${term} <% p.search_text`),
          sql` and `,
        )
      : sql`false`;
  const folded = terms.join(" ");
  return {
    where: sql`(p.search_document @@ ${tsQuery} or (${fuzzy}))`,
    rank: sql`(ts_rank_cd(p.search_document, ${tsQuery}) + word_similarity(${folded}, p.search_text))`,
  };
}

const foldedNames = sql`f_unaccent(lower(concat_ws(' ', v.name_id, v.name_en)))`;
const foldedContext = sql`f_unaccent(lower(concat_ws(' ', m.business_name, m.village, c.name_id, c.name_en)))`;
const foldedDescriptions = sql`f_unaccent(lower(concat_ws(' ', v.description_id, v.description_en)))`;

/**
 * Rebuilds the search fields of live products from their live version, producer and category. Call it
 * in the same transaction that changes any of those. Products with no live version get no document.
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
