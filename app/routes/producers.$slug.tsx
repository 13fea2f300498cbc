import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { formatMonthYear } from "~/lib/dates";
import { useTimeZone } from "~/lib/time-zone";
import { useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/listing/pagination";
import { ProductGrid } from "~/components/product-card";
import { imageWidest, ResponsiveImage } from "~/components/responsive-image";
import { notFound, publicPageHeaders, requireSlug } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { summarize } from "~/lib/seo";
import { getProducer } from "~/modules/catalog/shop/browse.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { parseCatalogQuery } from "~/modules/catalog/shop/query";
import { requireCooperative } from "~/web/cooperative.server";
import { shopPage } from "~/lib/i18n/dictionaries";
import { ShopLink } from "~/components/shop-link";

export const handle = shopPage;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  const locale = resolveLocale(request);
  const slug = requireSlug(params.slug);
  const { page } = parseCatalogQuery(new URL(request.url).searchParams);
  const [producer, products] = await Promise.all([
    getProducer(context.db, cooperative.id, slug, locale),
    listProducts(context.db, cooperative.id, { producer: slug, inStock: false, sort: "popular", page }, locale),
  ]);
  if (!producer) throw notFound();
  return { producer, products };
}

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ data: { producer }, root }) => ({
    title: `${producer.name} · ${root.cooperative.name}`,
    description: summarize(producer.story || producer.specialty),
    type: "profile",
    image: producer.photo?.src,
  }));

export default function ProducerPage() {
  const { producer, products } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const place = [producer.village, producer.district, producer.regency, producer.province].filter(Boolean).join(", ");
  const since = formatMonthYear(locale, producer.joinedAt, useTimeZone());
  return (
    <div className="container-page py-6 sm:py-10">
      <section className="grid gap-6 rounded-3xl bg-white p-5 ring-1 ring-sand-200 sm:grid-cols-[10rem_1fr] sm:p-8">
        {producer.photo ? (
          <ResponsiveImage image={producer.photo} sizes="(min-width: 40rem) 10rem, 8rem" widest={imageWidest.portrait} priority alt="" className="h-32 w-32 rounded-full object-cover sm:h-40 sm:w-40" />
        ) : null}
        <div>
          <h1 className="text-2xl font-bold sm:text-3xl">{producer.name}</h1>
          <p className="mt-1 text-muted">{producer.ownerName} · {place}</p>
          <p className="mt-1 text-sm text-muted">{t("producer.memberSince", { number: producer.memberNumber, date: since })}</p>
          <p className="mt-3 font-medium">{producer.specialty}</p>
          {producer.story.split(/\n\s*\n/).map((paragraph) => (
            <p key={paragraph.slice(0, 32)} className="mt-3 max-w-prose leading-relaxed">{paragraph}</p>
          ))}
        </div>
      </section>
      <section aria-labelledby="products-heading" className="mt-10">
        <h2 id="products-heading" className="mb-4 text-xl font-bold">{t("producer.products", { count: products.total })}</h2>
        {products.items.length > 0 ? (
          <ProductGrid products={products.items} label={t("producer.products", { count: products.total })} />
        ) : (
          <EmptyState title={t("producer.noProducts")} action={<ShopLink to="/products" className="btn bg-sea-700 text-white">{t("home.seeAll")}</ShopLink>} />
        )}
        <Pagination page={products.page} pageCount={products.pageCount} hrefFor={(page) => (page > 1 ? `?page=${page}` : `/producers/${producer.slug}`)} />
      </section>
    </div>
  );
}
