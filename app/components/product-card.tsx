import { LOW_STOCK } from "~/modules/catalog/shop/stock-shown";
import type { ProductCard as ProductCardData } from "~/modules/catalog/shop/listing.server";
import { useI18n } from "~/lib/i18n/react";
import { Price } from "./price";
import { ShopLink } from "./shop-link";
import { imageSizes, imageWidest, ResponsiveImage } from "./responsive-image";

export function ProductCard(props: { product: ProductCardData; layout: "productCard" | "productCardBesideFilters"; priority?: boolean }) {
  const { product } = props;
  const { t } = useI18n();
  return (
    <article className="group relative flex w-full flex-col overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-sand-200 transition hover:shadow-md">
      <div className="relative aspect-square overflow-hidden bg-sand-100">
        {product.image ? (
          <ResponsiveImage
            image={product.image}
            alt=""
            sizes={imageSizes[props.layout]}
            widest={imageWidest[props.layout]}
            priority={props.priority}
            className="h-full w-full object-cover transition duration-300 group-hover:scale-[1.03]"
          />
        ) : null}
        {product.stock === 0 ? (
          <span className="absolute left-2 top-2 rounded-full bg-ink/80 px-2.5 py-1 text-xs font-semibold text-white">
            {t("stock.out")}
          </span>
        ) : product.stock <= LOW_STOCK ? (
          <span className="absolute left-2 top-2 rounded-full bg-clay-600 px-2.5 py-1 text-xs font-semibold text-white">
            {t("stock.low", { count: product.stock })}
          </span>
        ) : null}
      </div>
      <div className="flex flex-1 flex-col gap-1 p-3">
        <h3 className="line-clamp-2 text-sm font-semibold leading-snug sm:text-base">
          <ShopLink to={`/p/${product.slug}`} prefetch="intent" className="after:absolute after:inset-0">
            {product.name}
          </ShopLink>
        </h3>
        <p className="line-clamp-1 text-xs text-muted">
          {`${product.producer.name} · ${product.producer.village}`}
        </p>
        <Price min={product.priceMin} max={product.priceMax} className="mt-auto pt-1 font-bold text-clay-700" />
      </div>
    </article>
  );
}

/** `besideFilters`: the listing's grid, narrower from 64rem where the filter column stands beside it. */
export function ProductGrid(props: { products: ProductCardData[]; priorityCount?: number; label?: string; besideFilters?: boolean }) {
  const layout = props.besideFilters ? "productCardBesideFilters" : "productCard";
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4" aria-label={props.label}>
      {props.products.map((product, index) => (
        <li key={product.slug} className="render-when-near-[18rem] lg:render-when-near-[22rem] flex">
          <ProductCard product={product} layout={layout} priority={index < (props.priorityCount ?? 0)} />
        </li>
      ))}
    </ul>
  );
}
