/**
 * The listing query and its URL form, shared by server and browser. Parsing (with zod) is in
 * `query.ts`, which stays out of the browser bundle.
 */
export const catalogSorts = ["relevance", "newest", "popular", "price_asc", "price_desc"] as const;
export type CatalogSort = (typeof catalogSorts)[number];

export const PAGE_SIZE = 24;

export interface CatalogQuery {
  q?: string;
  category?: string;
  producer?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock: boolean;
  sort: CatalogSort;
  page: number;
}

/** The URL search string for a query, omitting defaults so URLs stay short and canonical. */
export function catalogSearchParams(query: Partial<CatalogQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.category) params.set("category", query.category);
  if (query.producer) params.set("producer", query.producer);
  if (query.minPrice !== undefined) params.set("min", String(query.minPrice));
  if (query.maxPrice !== undefined) params.set("max", String(query.maxPrice));
  if (query.inStock) params.set("stock", "1");
  const defaultSort = query.q ? "relevance" : "popular";
  if (query.sort && query.sort !== defaultSort) params.set("sort", query.sort);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params;
}
