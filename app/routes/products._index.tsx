import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ListingView } from "~/components/listing/listing-view";
import { imagePreload, imageSizes, imageWidest } from "~/components/responsive-image";
import { publicPageHeaders } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { loadListingPage } from "~/web/listing-page.server";
import { requireCooperative } from "~/web/cooperative.server";
import { shopPage } from "~/lib/i18n/dictionaries";

export const handle = shopPage;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  return loadListingPage(context, cooperative.id, new URL(request.url), resolveLocale(request));
}

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageMeta(args, ({ data, root, t }) => ({
    title: `${data.query.q ? t("search.resultsFor", { q: data.query.q }) : t("listing.all.title")} · ${root.cooperative.name}`,
    description: t("listing.all.description", { name: root.cooperative.name }),
    // Filtered and searched views are endless variations of one page: keep them out of the index.
    noindex: args.location.search.length > 1,
  })),
  // The first card's photo: on a phone the largest image above the fold.
  ...imagePreload(args.data?.results.items[0]?.image, imageSizes.productCardBesideFilters, imageWidest.productCardBesideFilters),
];

export default function ProductsPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <ListingView
      data={data}
      basePath="/products"
      title={data.query.q ? t("search.resultsFor", { q: data.query.q }) : t("listing.all.title")}
    />
  );
}
