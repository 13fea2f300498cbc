import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { LabelFacts } from "~/components/label-facts";
import { Price } from "~/components/price";
import { ProductGallery } from "~/components/product-gallery";
import { LOW_STOCK, ProductGrid } from "~/components/product-card";
import { ResponsiveImage } from "~/components/responsive-image";
import { notFound, publicPageHeaders, requireSlug } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { summarize } from "~/lib/seo";
import { productJsonLd } from "~/modules/catalog/product-json-ld";
import { getProductDetail } from "~/modules/catalog/product.server";
import { requireCooperative } from "~/web/cooperative.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  const product = await getProductDetail(context.db, cooperative.id, requireSlug(params.slug), resolveLocale(request));
  if (!product) throw notFound();
  return { product };
}

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ data: { product }, root }) => ({
    title: `${product.name} – ${product.producer.name} · ${root.cooperative.name}`,
    description: summarize(product.description),
    type: "product",
    image: product.images[0]?.src,
    jsonLd: productJsonLd(product, `${root.origin}${args.location.pathname}`, root.origin, root.cooperative.name),
  }));

export default function ProductPage() {
  const { product } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const [variantId, setVariantId] = useState(product.variants.find((v) => v.stock > 0)?.id ?? product.variants[0]?.id);
  const variant = product.variants.find((v) => v.id === variantId) ?? product.variants[0];
  const hasVariants = product.variants.length > 1;
  const place = [product.producer.village, product.producer.district].filter(Boolean).join(", ");

  return (
    <div className="container-page py-4 sm:py-8">
      <nav aria-label={t("breadcrumb.label")} className="text-sm text-muted">
        <ol className="flex flex-wrap items-center gap-1">
          <li><Link className="underline-offset-2 hover:underline" to="/">{t("nav.home")}</Link> /</li>
          <li><Link className="underline-offset-2 hover:underline" to={`/c/${product.category.slug}`}>{product.category.name}</Link> /</li>
          <li aria-current="page" className="line-clamp-1">{product.name}</li>
        </ol>
      </nav>
      <div className="mt-4 grid gap-6 md:grid-cols-2 md:gap-10">
        <ProductGallery images={product.images} />
        <div className="space-y-5">
          <div>
            <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{product.name}</h1>
            <p className="mt-1 text-muted">
              <Link to={`/producers/${product.producer.slug}`} className="font-medium text-sea-700 underline-offset-2 hover:underline">
                {product.producer.name}
              </Link>
              {place ? ` · ${place}` : ""}
            </p>
          </div>
          {variant ? (
            <div>
              <Price min={variant.price} className="text-3xl font-bold text-clay-700" />
              <p className={`mt-1 text-sm font-medium ${variant.stock === 0 ? "text-clay-700" : "text-sea-700"}`} aria-live="polite">
                {variant.stock === 0
                  ? t("stock.outLong")
                  : variant.stock <= LOW_STOCK
                    ? t("stock.lowLong", { count: variant.stock })
                    : t("stock.in")}
              </p>
            </div>
          ) : null}
          {hasVariants ? (
            <fieldset>
              <legend className="mb-2 text-sm font-semibold">{t("product.chooseVariant")}</legend>
              <div className="flex flex-wrap gap-2">
                {product.variants.map((option) => (
                  <label
                    key={option.id}
                    className="flex min-h-11 cursor-pointer items-center rounded-xl px-4 ring-1 ring-sand-300 has-[:checked]:bg-sea-700 has-[:checked]:text-white has-[:checked]:ring-sea-700 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-clay-500"
                  >
                    <input
                      type="radio"
                      name="variant"
                      value={option.id}
                      checked={option.id === variant?.id}
                      onChange={() => setVariantId(option.id)}
                      className="sr-only"
                    />
                    <span>
                      {option.name}
                      {option.stock === 0 ? <span className="ml-1 text-xs opacity-80">({t("stock.out")})</span> : null}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <div className="prose max-w-none whitespace-pre-line leading-relaxed text-ink">{product.description}</div>
          <LabelFacts product={product} />
          <section aria-labelledby="producer-heading" className="flex gap-4 rounded-2xl bg-sea-50 p-4 ring-1 ring-sea-100">
            {product.producer.photo ? (
              <ResponsiveImage image={product.producer.photo} sizes="5rem" alt="" className="h-20 w-20 shrink-0 rounded-full object-cover" />
            ) : null}
            <div>
              <h2 id="producer-heading" className="text-xs font-semibold uppercase tracking-wide text-sea-700">{t("product.madeBy")}</h2>
              <p className="font-semibold">{product.producer.name}</p>
              <p className="text-sm text-muted">{product.producer.ownerName} · {place}</p>
              <p className="mt-1 text-sm">{product.producer.specialty}</p>
              <Link to={`/producers/${product.producer.slug}`} className="mt-2 inline-flex min-h-11 items-center font-semibold text-sea-700 underline-offset-2 hover:underline">
                {t("product.seeProducer")} →
              </Link>
            </div>
          </section>
        </div>
      </div>
      {product.moreFromProducer.length > 0 ? (
        <section aria-labelledby="more-heading" className="mt-12">
          <h2 id="more-heading" className="mb-4 text-xl font-bold">{t("product.moreFrom", { name: product.producer.name })}</h2>
          <ProductGrid products={product.moreFromProducer} />
        </section>
      ) : null}
    </div>
  );
}
