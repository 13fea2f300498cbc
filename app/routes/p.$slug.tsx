import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { CART_CHANGED_EVENT } from "~/components/cart-link";
import { LabelFacts } from "~/components/label-facts";
import { Price } from "~/components/price";
import { ProductGallery } from "~/components/product-gallery";
import { ProductGrid } from "~/components/product-card";
import { LOW_STOCK } from "~/modules/catalog/shop/stock-shown";
import { MAX_LINE_QUANTITY } from "~/modules/checkout/limits";
import { imagePreload, imageSizes, imageWidest, ResponsiveImage } from "~/components/responsive-image";
import { notFound, publicPageHeaders, requireSlug } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { summarize } from "~/lib/seo";
import { productJsonLd } from "~/modules/catalog/shop/product-json-ld";
import { getProductDetail, type ProductVariantOption } from "~/modules/catalog/shop/product.server";
import type { action as CartAction } from "./cart";
import { requireCooperative } from "~/web/cooperative.server";
import { shopPage } from "~/lib/i18n/dictionaries";
import { ShopLink } from "~/components/shop-link";

export const handle = shopPage;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  const product = await getProductDetail(context.db, cooperative.id, requireSlug(params.slug), resolveLocale(request));
  if (!product) throw notFound();
  return { product };
}

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageMeta(args, ({ data: { product }, root }) => ({
    title: `${product.name} – ${product.producer.name} · ${root.cooperative.name}`,
    description: summarize(product.description),
    type: "product",
    image: product.images[0]?.src,
    jsonLd: productJsonLd(product, `${root.origin}${args.location.pathname}`, root.origin, root.cooperative.name),
  })),
  ...imagePreload(args.data?.product.images[0], imageSizes.productGallery),
];

export default function ProductPage() {
  const { product } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const [variantId, setVariantId] = useState(product.variants.find((v) => v.stock > 0)?.id ?? product.variants[0]?.id);
  const variant = product.variants.find((v) => v.id === variantId) ?? product.variants[0];
  // The page works before its scripts run (decision 42): a size picked by then is the one that counts.
  useEffect(() => {
    const picked = document.querySelector<HTMLInputElement>('input[name="variantId"]:checked')?.value;
    const pickedVariant = product.variants.find((v) => String(v.id) === picked);
    if (pickedVariant) setVariantId(pickedVariant.id);
  }, [product.variants]);
  const place = [product.producer.village, product.producer.district].filter(Boolean).join(", ");

  return (
    <div className="container-page py-4 sm:py-8">
      <nav aria-label={t("breadcrumb.label")} className="text-sm text-muted">
        <ol className="flex flex-wrap items-center gap-1">
          <li><ShopLink className="underline-offset-2 hover:underline" to="/">{t("nav.home")}</ShopLink> /</li>
          <li><ShopLink className="underline-offset-2 hover:underline" to={`/c/${product.category.slug}`}>{product.category.name}</ShopLink> /</li>
          <li aria-current="page" className="line-clamp-1">{product.name}</li>
        </ol>
      </nav>
      <div className="mt-4 grid gap-6 md:grid-cols-2 md:gap-10">
        <ProductGallery images={product.images} />
        <div className="space-y-5">
          <div>
            <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{product.name}</h1>
            <p className="mt-1 text-muted">
              {product.producer.pageShown ? (
                <ShopLink to={`/producers/${product.producer.slug}`} className="font-medium text-sea-700 underline-offset-2 hover:underline">
                  {product.producer.name}
                </ShopLink>
              ) : (
                <span className="font-medium">{product.producer.name}</span>
              )}
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
          <BuyForm variants={product.variants} variantId={variant?.id} onVariant={setVariantId} />
          <div className="prose max-w-none whitespace-pre-line leading-relaxed text-ink">{product.description}</div>
          <LabelFacts product={product} />
          <section aria-labelledby="producer-heading" className="flex gap-4 rounded-2xl bg-sea-50 p-4 ring-1 ring-sea-100">
            {product.producer.photo ? (
              <ResponsiveImage image={product.producer.photo} sizes="5rem" widest={imageWidest.thumbnail} alt="" className="h-20 w-20 shrink-0 rounded-full object-cover" />
            ) : null}
            <div>
              <h2 id="producer-heading" className="text-xs font-semibold uppercase tracking-wide text-sea-700">{t("product.madeBy")}</h2>
              <p className="font-semibold">{product.producer.name}</p>
              <p className="text-sm text-muted">{product.producer.ownerName} · {place}</p>
              <p className="mt-1 text-sm">{product.producer.specialty}</p>
              <ShopLink to={`/producers/${product.producer.slug}`} className="mt-2 inline-flex min-h-11 items-center font-semibold text-sea-700 underline-offset-2 hover:underline">
                {t("product.seeProducer")} →
              </ShopLink>
            </div>
          </section>
        </div>
      </div>
      {product.moreFromProducer.length > 0 ? (
        <section aria-labelledby="more-heading" className="render-when-near-[41rem] lg:render-when-near-[25rem] mt-12">
          <h2 id="more-heading" className="mb-4 text-xl font-bold">{t("product.moreFrom", { name: product.producer.name })}</h2>
          <ProductGrid products={product.moreFromProducer} />
        </section>
      ) : null}
    </div>
  );
}

/**
 * Variant, quantity, "Tambah ke keranjang" and "Beli sekarang": a plain form to the cart (it works without
 * JavaScript); with JavaScript, adding stays on this page and says so.
 */
function BuyForm(props: { variants: ProductVariantOption[]; variantId: string | undefined; onVariant: (id: string) => void }) {
  const { t } = useI18n();
  const fetcher = useFetcher<typeof CartAction>();
  const variant = props.variants.find((v) => v.id === props.variantId);
  const soldOut = !variant || variant.stock === 0;
  const busy = fetcher.state !== "idle";
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data) window.dispatchEvent(new Event(CART_CHANGED_EVENT));
  }, [fetcher.state, fetcher.data]);
  return (
    <fetcher.Form method="post" action="/cart" className="space-y-4">
      <input type="hidden" name="intent" value="add" />
      {/* Only a browser without scripts sends this: it is shown the cart after adding (with its new cookie). */}
      <noscript>
        <input type="hidden" name="then" value="cart" />
      </noscript>
      {props.variants.length > 1 ? (
        <fieldset>
          <legend className="mb-2 text-sm font-semibold">{t("product.chooseVariant")}</legend>
          <div className="flex flex-wrap gap-2">
            {props.variants.map((option) => (
              <label
                key={option.id}
                className="flex min-h-11 cursor-pointer items-center rounded-xl px-4 ring-1 ring-sand-300 has-[:checked]:bg-sea-700 has-[:checked]:text-white has-[:checked]:ring-sea-700 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-clay-500"
              >
                <input type="radio" name="variantId" value={option.id} checked={option.id === props.variantId} onChange={() => props.onVariant(option.id)} className="sr-only" />
                <span>
                  {option.name}
                  {option.stock === 0 ? <span className="ml-1 text-xs opacity-80">({t("stock.out")})</span> : null}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <input type="hidden" name="variantId" value={props.variantId} />
      )}
      {soldOut ? null : (
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm font-semibold">
            {t("product.quantity")}
            <input type="number" name="quantity" min={1} max={variant.stock <= LOW_STOCK ? variant.stock : MAX_LINE_QUANTITY} defaultValue={1} className="field mt-1 w-24" />
          </label>
          <button type="submit" disabled={busy} className="btn bg-white text-sea-800 ring-1 ring-sea-700 hover:bg-sea-50 disabled:opacity-70">
            {t("product.addToCart")}
          </button>
          <button type="submit" name="buyNow" value="1" disabled={busy} className="btn bg-sea-700 text-white hover:bg-sea-800 disabled:opacity-70">
            {t("product.buyNow")}
          </button>
        </div>
      )}
      <div aria-live="polite" className="min-h-6 text-sm font-medium">
        {fetcher.state === "idle" && fetcher.data?.message ? (
          <p className={fetcher.data.ok ? "text-sea-700" : "text-clay-700"}>
            {t(fetcher.data.message, { count: fetcher.data.available })}{" "}
            {fetcher.data.ok ? (
              <ShopLink to="/cart" className="underline">
                {t("cart.viewCart")}
              </ShopLink>
            ) : null}
          </p>
        ) : null}
      </div>
    </fetcher.Form>
  );
}
