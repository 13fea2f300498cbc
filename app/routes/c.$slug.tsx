import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ListingView } from "~/components/listing/listing-view";
import { imagePreload, imageSizes, imageWidest } from "~/components/responsive-image";
import { notFound, publicPageHeaders, requireSlug } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { pageMeta } from "~/lib/route-meta";
import { summarize } from "~/lib/seo";
import { loadListingPage } from "~/web/listing-page.server";
import { requireCooperative } from "~/web/cooperative.server";
import { shopPage } from "~/lib/i18n/dictionaries";
import { useI18n } from "~/lib/i18n/react";
import { retiredCategoryForwarding } from "~/modules/catalog/shop/browse.server";
import { ShopLink } from "~/components/shop-link";

export const handle = shopPage;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  const locale = resolveLocale(request);
  const { category, ...page } = await loadListingPage(context, cooperative.id, new URL(request.url), locale, { category: requireSlug(params.slug) });
  if (category) return { ...page, gone: false as const, category };
  // A retired category (decision 30): to where its products went, else a 410 that offers the others.
  const forwarding = await retiredCategoryForwarding(context.db, cooperative.id, params.slug!);
  if (!forwarding) throw notFound();
  if (forwarding.to) throw redirect(`/c/${forwarding.to}`, 301);
  return data({ gone: true as const, categories: page.categories.map((c) => ({ slug: c.slug, name: c.name })) }, { status: 410 });
}

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageMeta(args, ({ data, root, t }) =>
    data.gone
      ? { title: `${t("shopPage.gone.title")} · ${root.cooperative.name}`, description: "", noindex: true }
      : {
          title: `${data.category.name} · ${root.cooperative.name}`,
          description: summarize(data.category.description || data.category.name),
          noindex: args.location.search.length > 1,
        },
  ),
  // The first card's photo: on a phone the largest image above the fold.
  ...imagePreload(args.data && !args.data.gone ? args.data.results.items[0]?.image : undefined, imageSizes.productCardBesideFilters, imageWidest.productCardBesideFilters),
];

/** A retired category with nowhere to send its visitors: say so, and offer the shop's categories. */
function CategoryGone({ categories }: { categories: { slug: string; name: string }[] }) {
  const { t } = useI18n();
  return (
    <div className="container-page max-w-2xl space-y-4 py-10">
      <h1 className="text-2xl font-bold">{t("shopPage.gone.title")}</h1>
      <p>{t("shopPage.gone.body")}</p>
      <ul className="flex flex-wrap gap-2">
        {categories.map((category) => (
          <li key={category.slug}>
            <ShopLink to={`/c/${category.slug}`} className="btn bg-white ring-1 ring-sand-300 hover:bg-sea-50">{category.name}</ShopLink>
          </li>
        ))}
      </ul>
      <ShopLink to="/products" className="inline-block font-semibold text-sea-700 underline">{t("shopPage.gone.all")}</ShopLink>
    </div>
  );
}

export default function CategoryPage() {
  const data = useLoaderData<typeof loader>();
  if (data.gone) return <CategoryGone categories={data.categories} />;
  return (
    <ListingView
      data={data}
      basePath={`/c/${data.category.slug}`}
      fixedCategory={data.category.slug}
      title={data.category.name}
      intro={data.category.description ? <p className="mt-2 max-w-prose text-muted">{data.category.description}</p> : null}
    />
  );
}
