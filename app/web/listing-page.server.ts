import type { AppLoadContext } from "@remix-run/node";
import type { Locale } from "~/lib/i18n/core";
import { listCategories, listProducers } from "~/modules/catalog/shop/browse.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { parseCatalogQuery, type CatalogQuery } from "~/modules/catalog/shop/query";

/** Everything a listing page (all products, a category, search results) needs, in one round of queries. */
export async function loadListingPage(
  context: AppLoadContext,
  cooperativeId: string,
  url: URL,
  locale: Locale,
  fixed: Pick<Partial<CatalogQuery>, "category"> = {},
) {
  const query: CatalogQuery = { ...parseCatalogQuery(url.searchParams), ...fixed };
  const [results, categories, producers] = await Promise.all([
    listProducts(context.db, cooperativeId, query, locale),
    listCategories(context.db, cooperativeId, locale),
    listProducers(context.db, cooperativeId, locale),
  ]);
  return {
    query,
    results,
    categories,
    producers: producers.map(({ slug, name }) => ({ slug, name })),
  };
}

export type ListingPageData = Awaited<ReturnType<typeof loadListingPage>>;
