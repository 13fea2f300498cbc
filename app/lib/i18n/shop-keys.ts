import type { MessageKey } from "./core";

/**
 * The shop dictionary: the messages a shopper's pages use (home, listings, product, producers, cart,
 * checkout, the order page, the header and footer, error pages). A shopper's browser loads only these;
 * a page of the back office or of an account (whose route has no `handle = shopPage`) loads the rest
 * as well. tests/unit/shop-dictionary.test.ts fails when a shop page uses a key not listed here.
 */
const shopNamespaces = [
  "nav",
  "footer",
  "search",
  "home",
  "listing",
  "filter",
  "sort",
  "pagination",
  "price",
  "stock",
  "breadcrumb",
  "imageRole",
  "label",
  "producer",
  "producers",
  "error",
  "form",
  "upload",
  "cart",
  "checkout",
  "order",
  "returns",
  "shopPage",
  "gallery",
] as const;

/** Single keys from namespaces that are mostly the back office's. */
const shopKeys: readonly MessageKey[] = [
  "product.photos",
  "product.thumbnails",
  "product.photoN",
  "product.chooseVariant",
  "product.madeBy",
  "product.seeProducer",
  "product.moreFrom",
  "product.addToCart",
  "product.buyNow",
  "product.quantity",
  // The delivery address's area selects (shared with the membership form).
  "apply.field.province",
  "apply.field.regency",
  "apply.field.district",
  "apply.field.village",
  "apply.placeholder.province",
  "apply.placeholder.regency",
  "apply.placeholder.district",
  "apply.placeholder.village",
  // The order page's payment proof goes through the same flow as a treasurer's decision.
  "payments.error.gone",
  "payments.error.decided",
];

const namespaces = new Set<string>(shopNamespaces);
const keys = new Set<string>(shopKeys);

/** A key, or a plural form of one ("listing.count_one"): a form goes wherever its key goes. */
export function isShopKey(key: string): boolean {
  const base = key.replace(/_(?:zero|one|two|few|many|other)$/, "");
  return keys.has(base) || namespaces.has(base.slice(0, base.indexOf(".")));
}
