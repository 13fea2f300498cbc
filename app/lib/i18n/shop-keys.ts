import type { MessageKey } from "./core";
import type { DictionaryPart } from "./dictionaries";

/**
 * Which part of the dictionary a message belongs to. `shop`: what a shopper's browsing pages use (home,
 * listings, product, producers, the cart, the header and footer, error pages), which every page loads.
 * `buy`: what checkout and the order page add (`handle = buyPage`). `rest`: the back office and accounts,
 * which a page loads as well when one of its routes is neither. tests/unit/shop-dictionary.test.ts fails
 * when a shop or buy page uses a key its parts do not have.
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
  "cart",
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
];

/**
 * Keys of shop namespaces that only the back office uses (a member's stock adjustments, listing statuses, the
 * save button of settings forms): every shopper's page would otherwise load them. A key is here when it starts with
 * one of these; tests/unit/shop-dictionary.test.ts fails when a shop page uses one.
 */
const backOfficePrefixes = [
  "listing.status.",
  "stock.adjust",
  "stock.reason",
  "stock.error.",
  "stock.amount",
  "stock.note",
  "stock.saved",
  "form.save",
] as const;

/** What checkout and the order page add to the shop's messages. */
const buyNamespaces = ["checkout", "order", "upload"] as const;

const buyKeys: readonly MessageKey[] = [
  // The cart page's own words; the product page keeps the cart's errors and its "view cart".
  "cart.title",
  "cart.checkout",
  "cart.empty.title",
  "cart.empty.body",
  "cart.empty.action",
  "cart.fixProblems",
  "cart.quantity",
  "cart.quantityOf",
  "cart.remove",
  "cart.removeItem",
  "cart.shippingLater",
  "cart.subtotal",
  "cart.update",
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

const partsByNamespace = new Map<string, DictionaryPart>([
  ...shopNamespaces.map((namespace) => [namespace, "shop"] as const),
  ...buyNamespaces.map((namespace) => [namespace, "buy"] as const),
]);
const partsByKey = new Map<string, DictionaryPart>([...shopKeys.map((key) => [key, "shop"] as const), ...buyKeys.map((key) => [key, "buy"] as const)]);

/** The part a key, or a plural form of one ("listing.count_one"), belongs to: a form goes wherever its key goes. */
export function dictionaryPartOf(key: string): DictionaryPart {
  const base = key.replace(/_(?:zero|one|two|few|many|other)$/, "");
  if (backOfficePrefixes.some((prefix) => base.startsWith(prefix))) return "rest";
  return partsByKey.get(base) ?? partsByNamespace.get(base.slice(0, base.indexOf("."))) ?? "rest";
}

export function isShopKey(key: string): boolean {
  return dictionaryPartOf(key) === "shop";
}
