import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ListingView } from "~/components/listing/listing-view";
import { imagePreload, imageSizes } from "~/components/responsive-image";
import { notFound, publicPageHeaders, requireSlug } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { pageMeta } from "~/lib/route-meta";
import { summarize } from "~/lib/seo";
import { loadListingPage } from "~/web/listing-page.server";
import { requireCooperative } from "~/web/cooperative.server";
import { shopPage } from "~/lib/i18n/dictionaries";

export const handle = shopPage;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  const locale = resolveLocale(request);
  const page = await loadListingPage(context, cooperative.id, new URL(request.url), locale, { category: requireSlug(params.slug) });
  const category = page.categories.find((c) => c.slug === params.slug);
  if (!category) throw notFound();
  return { ...page, category };
}

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageMeta(args, ({ data, root }) => ({
    title: `${data.category.name} · ${root.cooperative.name}`,
    description: summarize(data.category.description || data.category.name),
    noindex: args.location.search.length > 1,
  })),
  // The first card's photo: on a phone the largest image above the fold.
  ...imagePreload(args.data?.results.items[0]?.image, imageSizes.productCardBesideFilters),
];

export default function CategoryPage() {
  const data = useLoaderData<typeof loader>();
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
