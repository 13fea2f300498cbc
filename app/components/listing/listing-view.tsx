import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { formatQuantity, type Locale, type Translate } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import type { ListingPageData } from "~/web/listing-page.server";
import { catalogSearchParams, catalogSorts, type CatalogQuery } from "~/modules/catalog/shop/catalog-query";
import { EmptyState } from "../empty-state";
import { ProductGrid } from "../product-card";
import { Pagination } from "./pagination";
import { ShopLink } from "../shop-link";

/**
 * A product listing with filters kept in the URL: all products, one category, or search results.
 * `basePath` is where the filter form and page links point; `fixedCategory` hides that filter.
 */
export function ListingView(props: {
  data: ListingPageData;
  basePath: string;
  title: string;
  intro?: ReactNode;
  fixedCategory?: string;
}) {
  const { data, basePath, fixedCategory } = props;
  const { query, results } = data;
  const { t, locale } = useI18n();
  const submit = useSubmit();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname === basePath;
  const filterPanel = useRef<HTMLDetailsElement>(null);
  const filterForm = useRef<HTMLFormElement>(null);
  // The fields start from the URL and are the shopper's to change; when the URL changes another way (a sort chip, a
  // filter's ×, the back button) they follow it, in place, so focus stays where it is.
  useEffect(() => {
    if (filterForm.current) showQueryInForm(filterForm.current, query);
  }, [query]);
  // Wide screens show the panel open whatever its state (`open-when-wide`); it is opened there too, so assistive
  // technology hears "expanded" for what is on the screen.
  useEffect(() => {
    const wide = window.matchMedia(WIDE_SCREEN);
    const follow = () => {
      if (filterPanel.current && wide.matches) filterPanel.current.open = true;
    };
    follow();
    wide.addEventListener("change", follow);
    return () => wide.removeEventListener("change", follow);
  }, []);

  const hrefFor = (changes: Partial<CatalogQuery>) => {
    const params = catalogSearchParams({ ...query, category: fixedCategory ? undefined : query.category, ...changes });
    const search = params.toString();
    return search ? `${basePath}?${search}` : basePath;
  };
  const activeFilters: { label: string; href: string }[] = [];
  if (query.q) activeFilters.push({ label: `“${query.q}”`, href: hrefFor({ q: undefined, page: 1 }) });
  if (query.category && !fixedCategory) {
    const name = data.categories.find((c) => c.slug === query.category)?.name ?? query.category;
    activeFilters.push({ label: name, href: hrefFor({ category: undefined, page: 1 }) });
  }
  if (query.producer) {
    const name = data.producers.find((p) => p.slug === query.producer)?.name ?? query.producer;
    activeFilters.push({ label: name, href: hrefFor({ producer: undefined, page: 1 }) });
  }
  if (query.minPrice !== undefined)
    activeFilters.push({ label: `≥ ${formatRupiah(query.minPrice)}`, href: hrefFor({ minPrice: undefined, page: 1 }) });
  if (query.maxPrice !== undefined)
    activeFilters.push({ label: `≤ ${formatRupiah(query.maxPrice)}`, href: hrefFor({ maxPrice: undefined, page: 1 }) });
  if (query.inStock) activeFilters.push({ label: t("filter.inStock"), href: hrefFor({ inStock: false, page: 1 }) });

  const sorts = catalogSorts.filter((sort) => sort !== "relevance" || query.q);
  const filters = (
    <Form
      ref={filterForm}
      method="get"
      action={basePath}
      className="space-y-4"
      // "Terapkan" closes the phone's filter panel, so the shopper sees the results it chose.
      onSubmit={() => {
        if (filterPanel.current && !window.matchMedia(WIDE_SCREEN).matches) filterPanel.current.open = false;
      }}
      onChange={(event) => {
        const form = event.currentTarget;
        const target = event.target as HTMLInputElement;
        if (target.type !== "number") submit(form, { preventScrollReset: true, replace: true });
      }}
    >
      {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
      {fixedCategory ? null : (
        <div>
          <label htmlFor="filter-category" className="mb-1 block text-sm font-semibold">
            {t("filter.category")}
          </label>
          <select id="filter-category" name="category" defaultValue={query.category ?? ""} className="field">
            <option value="">{t("filter.all")}</option>
            {data.categories
              .filter((category) => category.productCount !== 0 || category.slug === query.category)
              .map((category) => (
                <option key={category.slug} value={category.slug}>
                  {withCount(category.name, category.productCount)}
                </option>
              ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor="filter-producer" className="mb-1 block text-sm font-semibold">
          {t("filter.producer")}
        </label>
        <select id="filter-producer" name="producer" defaultValue={query.producer ?? ""} className="field">
          <option value="">{t("filter.all")}</option>
          {data.producers.map((producer) => (
            <option key={producer.slug} value={producer.slug}>
              {withCount(producer.name, producer.count)}
            </option>
          ))}
        </select>
        <ShopLink to="/producers" className="mt-1 inline-block text-sm text-sea-700 underline">
          {t("filter.allProducers")}
        </ShopLink>
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-semibold">{t("filter.price")}</legend>
        <div className="flex items-center gap-2">
          <label className="sr-only" htmlFor="filter-min">{t("filter.minPrice")}</label>
          <input id="filter-min" name="min" type="number" inputMode="numeric" min={0} step={1000} placeholder={t("filter.minPrice")} defaultValue={query.minPrice} className="field" />
          <span aria-hidden="true">–</span>
          <label className="sr-only" htmlFor="filter-max">{t("filter.maxPrice")}</label>
          <input id="filter-max" name="max" type="number" inputMode="numeric" min={0} step={1000} placeholder={t("filter.maxPrice")} defaultValue={query.maxPrice} className="field" />
        </div>
      </fieldset>
      <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
        <input type="checkbox" name="stock" value="1" defaultChecked={query.inStock} className="h-5 w-5 accent-sea-700" />
        {t("filter.inStock")}
      </label>
      {/* On phones the sort is the chips above the results; hidden there, this still keeps the chosen sort. */}
      <div className="hidden lg:block">
        <label htmlFor="filter-sort" className="mb-1 block text-sm font-semibold">
          {t("filter.sort")}
        </label>
        <select id="filter-sort" name="sort" defaultValue={query.sort} className="field">
          {sorts.map((sort) => (
            <option key={sort} value={sort}>
              {t(`sort.${sort}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn w-full bg-sea-700 text-white hover:bg-sea-800">
        {t("filter.apply")}
      </button>
    </Form>
  );

  return (
    <div className="container-page py-6 sm:py-10">
      <h1 className="text-2xl font-bold sm:text-3xl">{props.title}</h1>
      {props.intro}
      <div className="mt-6 grid gap-6 lg:grid-cols-[16rem_1fr]">
        <aside>
          <details ref={filterPanel} className="open-when-wide group rounded-2xl bg-white p-4 ring-1 ring-sand-200">
            <summary className="flex min-h-11 cursor-pointer items-center justify-between font-semibold lg:cursor-default">
              {t("filter.title")}
              {activeFilters.length > 0 ? (
                <span className="rounded-full bg-sea-700 px-2 py-0.5 text-xs text-white">{activeFilters.length}</span>
              ) : null}
            </summary>
            <div className="mt-4">{filters}</div>
          </details>
        </aside>
        <section aria-labelledby="results-heading" aria-busy={loading} className={`min-w-0 ${loading ? "opacity-60 transition-opacity" : ""}`}>
          <div className="flex flex-wrap items-center gap-2">
            <h2 id="results-heading" className="text-sm text-muted" aria-live="polite">
              {resultCount(t, locale, results)}
            </h2>
            {activeFilters.map((filter) => (
              <ShopLink
                key={filter.href}
                to={filter.href}
                className="inline-flex min-h-9 items-center gap-1 rounded-full bg-sea-50 px-3 text-sm text-sea-800 ring-1 ring-sea-100 hover:bg-sea-100"
                aria-label={t("filter.remove", { filter: filter.label })}
              >
                {filter.label} <span aria-hidden="true">×</span>
              </ShopLink>
            ))}
          </div>
          {/* On phones the sort is always in sight, as chips; on wide screens it is in the filter panel. */}
          <nav aria-label={t("filter.sort")} className="-mx-4 mt-3 overflow-x-auto px-4 lg:hidden">
            <ul className="flex gap-2">
              {sorts.map((sort) => (
                <li key={sort} className="shrink-0">
                  <Link
                    to={hrefFor({ sort, page: 1 })}
                    preventScrollReset
                    replace
                    aria-current={sort === query.sort ? "true" : undefined}
                    className={`inline-flex min-h-11 items-center whitespace-nowrap rounded-full px-4 text-sm font-semibold ring-1 ${sort === query.sort ? "bg-sea-700 text-white ring-sea-700" : "bg-white text-ink ring-sand-300 hover:bg-sand-100"}`}
                  >
                    {t(`sort.${sort}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {results.correctedQuery || results.suggestedQuery ? (
            <DidYouMean
              q={(results.correctedQuery ?? results.suggestedQuery)!}
              href={hrefFor({ q: results.correctedQuery ?? results.suggestedQuery, page: 1 })}
              note={results.correctedQuery ? t("search.correctedNote") : undefined}
            />
          ) : null}
          {results.rankedLimit ? <p className="mt-2 text-sm text-muted">{t("search.rankedLimit", { count: results.rankedLimit })}</p> : null}
          <div className="mt-4">
            {results.items.length > 0 ? (
              <ProductGrid products={results.items} priorityCount={2} label={props.title} besideFilters />
            ) : results.total > 0 ? (
              <EmptyState
                title={t("listing.pastEnd.title")}
                action={<ShopLink className="btn bg-sea-700 text-white" to={hrefFor({ page: 1 })}>{t("listing.pastEnd.action")}</ShopLink>}
              />
            ) : (
              <EmptyState
                title={query.q ? t("listing.noResults.title", { q: query.q }) : t("listing.empty.title")}
                body={t("listing.empty.body")}
                action={
                  activeFilters.length > 0 ? (
                    <ShopLink className="btn bg-sea-700 text-white" to={basePath}>
                      {t("filter.clear")}
                    </ShopLink>
                  ) : null
                }
              />
            )}
          </div>
          {data.popular.length > 0 ? (
            <section aria-labelledby="popular-heading" className="mt-8">
              <h2 id="popular-heading" className="mb-4 text-lg font-semibold">
                {t("search.popularTitle")}
              </h2>
              <ProductGrid products={data.popular} label={t("search.popularTitle")} besideFilters />
            </section>
          ) : null}
          <Pagination page={results.page} pageCount={results.pageCount} hrefFor={(page) => hrefFor({ page })} />
        </section>
      </div>
    </div>
  );
}

/** "53 products"; "4.000+ produk" when a search counted its matches only so far (decision 50). */
export function resultCount(t: Translate, locale: Locale, results: Pick<ListingPageData["results"], "total" | "totalCapped">): string {
  return t("listing.count", { count: results.totalCapped ? `${formatQuantity(locale, results.total)}+` : results.total });
}

/** A filter's option: its name with how many results it holds, when they were counted. */
export function withCount(name: string, count: number | null): string {
  return count === null ? name : `${name} (${count})`;
}

/** "Did you mean keripik?": the corrected or shortened query, as a link to its own results. */
function DidYouMean(props: { q: string; href: string; note?: string }) {
  const { t } = useI18n();
  const [before, after] = t("search.didYouMean", { q: "\u0000" }).split("\u0000");
  return (
    <p className="mt-2 text-sm">
      {before}
      <Link to={props.href} className="font-semibold text-sea-700 underline">
        {props.q}
      </Link>
      {after}
      {props.note ? ` ${props.note}` : null}
    </p>
  );
}

/** Where the filter panel stands open beside the results: Tailwind's `lg`, as `open-when-wide` in app.css. */
const WIDE_SCREEN = "(min-width: 64rem)";

/** Sets the filter form's fields to what `query` says. */
function showQueryInForm(form: HTMLFormElement, query: CatalogQuery) {
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  const set = (name: string, value: string) => {
    const element = field(name);
    if (element && element.value !== value) element.value = value;
  };
  set("category", query.category ?? "");
  set("producer", query.producer ?? "");
  set("min", query.minPrice?.toString() ?? "");
  set("max", query.maxPrice?.toString() ?? "");
  set("sort", query.sort);
  const stock = field("stock");
  if (stock instanceof HTMLInputElement) stock.checked = query.inStock;
}
