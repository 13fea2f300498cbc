import type { AppLoadContext } from "@remix-run/node";
import type { Locale } from "~/lib/i18n/core";
import { getProducer, listCategoryNames, type CategoryName } from "~/modules/catalog/shop/browse.server";
import { listProducts, type SearchReach } from "~/modules/catalog/shop/listing.server";
import { parseCatalogQuery, type CatalogQuery } from "~/modules/catalog/shop/query";

/** Popular products offered when a listing or a search finds nothing, so the page is never a bare "nothing found". */
export const POPULAR_ON_EMPTY = 8;

/**
 * Everything a listing page (all products, a category, search results) needs, in one round of queries (two when it
 * finds nothing: then the most popular products too). The filters' counts are the results' own (facets): each
 * category's count with the other filters and the search, each producer's within the chosen category.
 */
export async function loadListingPage(
  context: AppLoadContext,
  cooperativeId: string,
  url: URL,
  locale: Locale,
  fixed: Pick<Partial<CatalogQuery>, "category"> = {},
  reach?: SearchReach,
) {
  const query: CatalogQuery = { ...parseCatalogQuery(url.searchParams), ...fixed };
  const [results, categories, chosen] = await Promise.all([
    listProducts(context.db, cooperativeId, query, locale, { facets: true, ...(reach ? { reach } : {}) }),
    listCategoryNames(context.db, cooperativeId, locale),
    query.producer ? getProducer(context.db, cooperativeId, query.producer, locale) : undefined,
  ]);
  const { facets, ...page } = results;
  const popular =
    page.total === 0
      ? (await listProducts(context.db, cooperativeId, { inStock: true, sort: "popular", page: 1 }, locale, { pageSize: POPULAR_ON_EMPTY })).items
      : [];
  const categoryCounts = new Map(facets?.categories.map((facet) => [facet.slug, facet.count]));
  // A crowded search's facets are those of the matches it read, without counts (decision 50).
  const counted = !facets?.categories.some((facet) => facet.count === null);
  const producers = facets?.producers ?? [];
  // The chosen producer stays in the filter even when it has nothing in this category or among the top ones.
  if (chosen && !producers.some((producer) => producer.slug === chosen.slug)) producers.push({ slug: chosen.slug, name: chosen.name, count: counted ? 0 : null });
  return {
    query,
    results: page,
    popular,
    /** Every category, each with its count among these results (`null`: some, uncounted): what the filter offers. */
    categories: categories.map((category) => ({
      slug: category.slug,
      name: category.name,
      productCount: categoryCounts.has(category.slug) ? categoryCounts.get(category.slug)! : 0,
    })),
    /** The category page's own category (its name and description), when it is an active one. */
    category: fixed.category ? categoryPage(categories.find((category) => category.slug === fixed.category)) : undefined,
    producers: producers.map(({ slug, name, count }) => ({ slug, name, count })).sort((a, b) => a.name.localeCompare(b.name, "id")),
  };
}

function categoryPage(category: CategoryName | undefined) {
  return category ? { slug: category.slug, name: category.name, description: category.description } : undefined;
}

export type ListingPageData = Awaited<ReturnType<typeof loadListingPage>>;
