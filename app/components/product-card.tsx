import { html, type Html } from "~/lib/html";
import type { Translate } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import type { ProductCard as ProductCardData } from "~/modules/catalog/shop/listing.server";
import { LOW_STOCK } from "~/modules/catalog/shop/stock-shown";
import { srcSetOf, type ImageSources } from "~/modules/media/images";
import { priceText } from "./price";
import { imageSizes, imageWidest, upTo } from "./responsive-image";
import { useLinksWithin } from "./shop-link";

type CardLayout = "productCard" | "productCardBesideFilters";

/**
 * A grid of product cards. The cards are markup written by `productCardsMarkup`, not React elements (decision 48):
 * a card is the same few elements on every catalog page, and React's work for them was a sixth of a listing's CPU.
 * Their links are followed within the app and prefetched on intent by the grid itself (`useLinksWithin`).
 * `besideFilters`: the listing's grid, narrower from 64rem where the filter column stands beside it.
 */
export function ProductGrid(props: { products: ProductCardData[]; priorityCount?: number; label?: string; besideFilters?: boolean }) {
  const { t } = useI18n();
  const links = useLinksWithin();
  const layout = props.besideFilters ? "productCardBesideFilters" : "productCard";
  const cards = productCardsMarkup(props.products, { layout, priorityCount: props.priorityCount ?? 0 }, t);
  return (
    <ul
      className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4"
      aria-label={props.label}
      {...links}
      dangerouslySetInnerHTML={{ __html: cards.markup }}
    />
  );
}

/**
 * Each product as a list item: its photo (the first `priorityCount` fetched first, never lazily), a badge when it is
 * sold out or low, its name as the link to its page (stretched over the whole card), producer, village and price.
 */
export function productCardsMarkup(products: readonly ProductCardData[], options: { layout: CardLayout; priorityCount: number }, t: Translate): Html {
  return html`${products.map((product, index) => card(product, options.layout, index < options.priorityCount, t))}`;
}

function card(product: ProductCardData, layout: CardLayout, priority: boolean, t: Translate): Html {
  const photoBox = html`<div class="relative aspect-square overflow-hidden bg-sand-100">${
    product.image ? photo(product.image, layout, priority) : null
  }${stockBadge(product.stock, t)}</div>`;
  const name = html`<h3 class="line-clamp-2 text-sm font-semibold leading-snug sm:text-base">${
    html`<a class="after:absolute after:inset-0" href="/p/${product.slug}" data-discover="true">${product.name}</a>`
  }</h3>`;
  const producer = html`<p class="line-clamp-1 text-xs text-muted">${product.producer.name} · ${product.producer.village}</p>`;
  const details = html`<div class="flex flex-1 flex-col gap-1 p-3">${name}${producer}${
    html`<span class="mt-auto pt-1 font-bold text-clay-700">${priceText(product.priceMin, product.priceMax, t)}</span>`
  }</div>`;
  const article = html`<article class="group relative flex w-full flex-col overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-sand-200 transition hover:shadow-md">${
    photoBox
  }${details}</article>`;
  return html`<li class="render-when-near-[18rem] lg:render-when-near-[22rem] flex">${article}</li>`;
}

/** As ResponsiveImage writes it: only the widths the layout can use, its intrinsic size, a colour while it loads. */
function photo(sources: ImageSources, layout: CardLayout, priority: boolean): Html {
  const image = upTo(sources, imageWidest[layout]);
  const placeholder = /^#[0-9a-f]{3,8}$/i.test(image.placeholder) ? html` style="background-color:${image.placeholder}"` : null;
  return html`<img src="${image.src}" srcset="${srcSetOf(image)}" sizes="${imageSizes[layout]}" width="${image.width}" height="${image.height}" alt="" ${
    priority ? html`loading="eager" decoding="sync" fetchpriority="high"` : html`loading="lazy" decoding="async"`
  } class="h-full w-full object-cover transition duration-300 group-hover:scale-[1.03]"${placeholder}/>`;
}

function stockBadge(stock: number, t: Translate): Html | null {
  const badge = (colour: string, text: string) =>
    html`<span class="absolute left-2 top-2 rounded-full ${colour} px-2.5 py-1 text-xs font-semibold text-white">${text}</span>`;
  if (stock === 0) return badge("bg-ink/80", t("stock.out"));
  if (stock <= LOW_STOCK) return badge("bg-clay-600", t("stock.low", { count: stock }));
  return null;
}
