import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ProducerCard } from "~/components/producer-card";
import { ProductGrid } from "~/components/product-card";
import { imagePreload, imageSizes, imageWidest, ResponsiveImage } from "~/components/responsive-image";
import { publicPageHeaders } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { summarize } from "~/lib/seo";
import { loadHome } from "~/modules/catalog/shop/home.server";
import { requireCooperative } from "~/web/cooperative.server";
import { shopPage } from "~/lib/i18n/dictionaries";
import { ShopLink } from "~/components/shop-link";

export const handle = shopPage;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  return { name: cooperative.name, ...(await loadHome(context.db, cooperative, resolveLocale(request))) };
}

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageMeta(args, ({ data, root }) => ({
    title: `${data.name} – ${data.tagline}`,
    description: summarize(data.story),
    image: data.hero?.src,
    jsonLd: {
      "@context": "https://schema.org",
      "@type": "Organization",
      name: data.name,
      legalName: root.cooperative.legalName,
      url: `${root.origin}/`,
      address: root.cooperative.address,
    },
  })),
  ...imagePreload(args.data?.hero, imageSizes.hero),
];

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const [lead, ...rest] = data.story.split(/\n\s*\n/);
  return (
    <>
      <section className="relative overflow-hidden bg-sea-900 text-white">
        {data.hero ? (
          <ResponsiveImage image={data.hero} alt="" sizes={imageSizes.hero} priority className="absolute inset-0 h-full w-full object-cover opacity-55" />
        ) : null}
        <div className="absolute inset-0 bg-gradient-to-t from-sea-900 via-sea-900/60 to-transparent" />
        <div className="container-page relative py-14 sm:py-24">
          <p className="text-sm font-semibold uppercase tracking-widest text-sand-200">{data.place}</p>
          <h1 className="mt-2 max-w-2xl text-3xl font-bold leading-tight sm:text-5xl">{data.name}</h1>
          <p className="mt-3 max-w-xl text-lg text-sand-100 sm:text-xl">{data.tagline}</p>
          <div className="mt-6 flex flex-wrap gap-3">
            <ShopLink to="/products" className="btn bg-clay-500 text-white hover:bg-clay-600">
              {t("home.shopAll", { count: data.productCount })}
            </ShopLink>
            <ShopLink to="/producers" className="btn bg-white/15 text-white ring-1 ring-white/40 hover:bg-white/25">
              {t("home.meetProducers")}
            </ShopLink>
          </div>
        </div>
      </section>

      <div className="container-page space-y-14 py-10">
        {data.featured.length > 0 ? (
          <section aria-labelledby="featured-heading">
            <h2 id="featured-heading" className="text-xl font-bold sm:text-2xl">{t("home.featured")}</h2>
            <div className="mt-4">
              <ProductGrid products={data.featured} priorityCount={2} label={t("home.featured")} />
            </div>
          </section>
        ) : null}

        <section aria-labelledby="categories-heading" className="render-when-near-[27rem] lg:render-when-near-[14rem]">
          <h2 id="categories-heading" className="text-xl font-bold sm:text-2xl">{t("home.categories")}</h2>
          <ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
            {data.categories.map((category) => (
              <li key={category.slug}>
                <ShopLink
                  to={`/c/${category.slug}`}
                  className="flex min-h-20 flex-col justify-center overflow-hidden rounded-2xl bg-white px-4 py-3 ring-1 ring-sand-200 hover:bg-sea-50 hover:ring-sea-100"
                >
                  {category.photo ? (
                    <ResponsiveImage image={category.photo} alt="" sizes={imageSizes.categoryTile} widest={imageWidest.categoryTile} className="-mx-4 -mt-3 mb-2 aspect-[4/3] w-[calc(100%+2rem)] max-w-none object-cover" />
                  ) : null}
                  <span className="font-semibold">{category.name}</span>
                  <span className="text-sm text-muted">{t("producer.productCount", { count: category.productCount })}</span>
                </ShopLink>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="popular-heading" className="render-when-near-[77rem] lg:render-when-near-[52rem]">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="popular-heading" className="text-xl font-bold sm:text-2xl">{t("home.popular")}</h2>
            <ShopLink to="/products?sort=popular" className="font-semibold text-sea-700 underline-offset-2 hover:underline">{t("home.seeAll")}</ShopLink>
          </div>
          <div className="mt-4">
            <ProductGrid products={data.popular} priorityCount={data.featured.length > 0 ? 0 : 2} label={t("home.popular")} />
          </div>
        </section>

        <section aria-labelledby="story-heading" className="render-when-near-[58rem] lg:render-when-near-[30rem] grid gap-6 rounded-3xl bg-sand-100 p-6 sm:p-10 md:grid-cols-[1fr_2fr]">
          <h2 id="story-heading" className="text-xl font-bold sm:text-2xl">{t("home.story")}</h2>
          <div className="space-y-3 leading-relaxed">
            <p className="text-lg">{lead}</p>
            {rest.map((paragraph) => (
              <p key={paragraph.slice(0, 32)}>{paragraph}</p>
            ))}
          </div>
        </section>

        {data.newest.length > 0 ? (
          <section aria-labelledby="newest-heading" className="render-when-near-[39rem] lg:render-when-near-[27rem]">
            <div className="flex items-baseline justify-between gap-4">
              <h2 id="newest-heading" className="text-xl font-bold sm:text-2xl">{t("home.newest")}</h2>
              <ShopLink to="/products?sort=newest" className="font-semibold text-sea-700 underline-offset-2 hover:underline">{t("home.seeAll")}</ShopLink>
            </div>
            <div className="mt-4">
              <ProductGrid products={data.newest} label={t("home.newest")} />
            </div>
          </section>
        ) : null}

        <section aria-labelledby="producers-heading" className="render-when-near-[68rem] lg:render-when-near-[26rem]">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="producers-heading" className="text-xl font-bold sm:text-2xl">{t("home.producers")}</h2>
            <ShopLink to="/producers" className="font-semibold text-sea-700 underline-offset-2 hover:underline">{t("home.seeAll")}</ShopLink>
          </div>
          <p className="mt-1 text-muted">{t("home.producersIntro")}</p>
          <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {data.producers.map((producer) => (
              <li key={producer.slug}>
                <ProducerCard producer={producer} />
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
