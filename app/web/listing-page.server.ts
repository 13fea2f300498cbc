import type { AppLoadContext } from "@remix-run/node";
import type { Locale } from "~/lib/i18n/core";
import { getProducer, listCategories, listTopProducers } from "~/modules/catalog/shop/browse.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { parseCatalogQuery, type CatalogQuery } from "~/modules/catalog/shop/query";

/** Producers offered in the listing's filter (the ones with the most products; all of them are on /producers). */
export const FILTER_PRODUCERS = 30;

/** Everything a listing page (all products, a category, search results) needs, in one round of queries. */
export async function loadListingPage(
  context: AppLoadContext,
  cooperativeId: string,
  url: URL,
  locale: Locale,
  fixed: Pick<Partial<CatalogQuery>, "category"> = {},
) {
  const query: CatalogQuery = { ...parseCatalogQuery(url.searchParams), ...fixed };
  const [results, categories, top, chosen] = await Promise.all([
    listProducts(context.db, cooperativeId, query, locale),
    listCategories(context.db, cooperativeId, locale),
    listTopProducers(context.db, cooperativeId, locale, FILTER_PRODUCERS),
    query.producer ? getProducer(context.db, cooperativeId, query.producer, locale) : undefined,
  ]);
  // The chosen producer stays in the filter even when not among the top ones.
  const producers = chosen && !top.some((producer) => producer.slug === chosen.slug) ? [...top, chosen] : top;
  return {
    query,
    results,
    categories,
    producers: producers.map(({ slug, name }) => ({ slug, name })).sort((a, b) => a.name.localeCompare(b.name, "id")),
  };
}

export type ListingPageData = Awaited<ReturnType<typeof loadListingPage>>;
