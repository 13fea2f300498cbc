import { z } from "zod";

import { catalogSorts, type CatalogQuery } from "./catalog-query";

export { catalogSearchParams, catalogSorts, PAGE_SIZE, type CatalogQuery, type CatalogSort } from "./catalog-query";

const MAX_PAGE = 1000;
const MAX_PRICE = 1_000_000_000;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80);
const price = z.coerce.number().int().min(0).max(MAX_PRICE);
const fields = {
  q: z.string().transform((value) =>
    value
      .replace(/[\u0000-\u001f\u007f]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 100),
  ),
  category: slug,
  producer: slug,
  min: price,
  max: price,
  sort: z.enum(catalogSorts),
  page: z.coerce.number().int().min(1).max(MAX_PAGE),
};

function field<K extends keyof typeof fields>(params: URLSearchParams, key: K) {
  const raw = params.get(key);
  if (raw === null || raw === "") return undefined;
  const result = fields[key].safeParse(raw);
  return result.success ? (result.data as z.infer<(typeof fields)[K]>) : undefined;
}

/**
 * Reads listing filters from a URL. Anything a shopper can type is accepted: a value that does not
 * make sense is dropped (as if absent), never an error page.
 */
export function parseCatalogQuery(params: URLSearchParams): CatalogQuery {
  const q = field(params, "q") || undefined;
  let minPrice = field(params, "min");
  let maxPrice = field(params, "max");
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) {
    [minPrice, maxPrice] = [maxPrice, minPrice];
  }
  const requestedSort = field(params, "sort");
  const sort = requestedSort === "relevance" && !q ? "popular" : (requestedSort ?? (q ? "relevance" : "popular"));
  return {
    q,
    category: field(params, "category"),
    producer: field(params, "producer"),
    minPrice,
    maxPrice,
    inStock: params.get("stock") === "1",
    sort,
    page: field(params, "page") ?? 1,
  };
}
