import type { ProductDetail } from "./product.server";

/** schema.org `Product` with its offers, for search engines and link previews. */
export function productJsonLd(product: ProductDetail, url: string, origin: string, sellerName: string) {
  const availability = (stock: number) =>
    stock > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock";
  const offers = product.variants.map((variant) => ({
    "@type": "Offer",
    sku: variant.sku,
    name: variant.name || product.name,
    price: variant.price,
    priceCurrency: "IDR",
    availability: availability(variant.stock),
    url,
    seller: { "@type": "Organization", name: sellerName },
  }));
  const prices = product.variants.map((variant) => variant.price);
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    description: product.description,
    image: product.images.map((image) => `${origin}${image.src}`),
    sku: product.variants[0]?.sku,
    category: product.category.name,
    brand: { "@type": "Brand", name: product.producer.name },
    ...(product.label.netQuantity ? { weight: product.label.netQuantity } : {}),
    offers:
      offers.length === 1
        ? offers[0]
        : {
            "@type": "AggregateOffer",
            priceCurrency: "IDR",
            lowPrice: Math.min(...prices),
            highPrice: Math.max(...prices),
            offerCount: offers.length,
            offers,
          },
  };
}
