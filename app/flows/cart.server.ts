import type { Db } from "~db/client";
import type { Locale } from "~/lib/i18n/core";
import type { ErrorTable, Refused } from "~/lib/results";
import { buyableVariants, describeVariant, type BuyableVariant } from "~/modules/catalog/shop/buyable.server";
import { MAX_LINE_QUANTITY, cartItemsOf, setCartQuantity, type CartOwner } from "~/modules/checkout/cart.server";
import type { Parcel } from "~/modules/checkout/shipping";
import type { ImageSources } from "~/modules/media/images";

/**
 * The cart joins what the shopper chose (checkout) with what can be bought now (catalog): prices and stock are
 * always today's, never what they were when the item was added.
 */

export interface CartLine {
  variantId: string;
  productSlug: string;
  name: string;
  variantName: string;
  producerName: string;
  image: ImageSources | null;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  /** How many can be bought now. */
  available: number;
  /** `unavailable`: no longer sold; `limited`: fewer left than the cart asks for. */
  problem: "unavailable" | "limited" | null;
}

export interface CartView {
  lines: CartLine[];
  /** Sum of the lines that can be bought as they are. */
  subtotal: number;
  itemCount: number;
  hasProblems: boolean;
  parcels: Parcel[];
}

/** How the shop answers a refused cart change. */
export const cartErrors = {
  unavailable: { status: 404, message: "cart.error.unavailable", field: "quantity" },
  sold_out: { status: 409, message: "cart.error.soldOut", field: "quantity" },
  limited: { status: 409, message: "cart.error.limited", field: "quantity" },
} satisfies ErrorTable;

/** `available`: how many can be bought now (for "only 3 left"). */
export type CartChange = { ok: true; quantity: number } | (Refused<keyof typeof cartErrors> & { available: number });

function purchasable(variant: BuyableVariant | undefined): number {
  return variant ? Math.min(variant.stock, MAX_LINE_QUANTITY) : 0;
}

export async function viewCart(db: Db, cooperativeId: string, owner: CartOwner, locale: Locale): Promise<CartView> {
  const items = await cartItemsOf(db, cooperativeId, owner);
  const variants = await buyableVariants(
    db,
    cooperativeId,
    items.map((item) => item.variantId),
  );
  const lines: CartLine[] = [];
  const parcels: Parcel[] = [];
  for (const item of items) {
    const variant = variants.get(item.variantId);
    const available = purchasable(variant);
    if (!variant) continue;
    const described = describeVariant(variant, cooperativeId, locale);
    const problem = available === 0 ? "unavailable" : item.quantity > available ? "limited" : null;
    lines.push({
      variantId: item.variantId,
      productSlug: variant.productSlug,
      name: described.name,
      variantName: described.variantName,
      producerName: variant.producerName,
      image: described.image,
      unitPrice: variant.price,
      quantity: item.quantity,
      lineTotal: variant.price * item.quantity,
      available,
      problem,
    });
    if (!problem) parcels.push({ ...variant, quantity: item.quantity });
  }
  return {
    lines,
    subtotal: lines.filter((line) => !line.problem).reduce((sum, line) => sum + line.lineTotal, 0),
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    hasProblems: lines.some((line) => line.problem),
    parcels,
  };
}

/** Sets a line to `quantity` (0 removes it), refusing more than can be bought now. */
export async function changeCartLine(db: Db, cooperativeId: string, owner: CartOwner, variantId: string, quantity: number): Promise<CartChange> {
  if (quantity > 0) {
    const variant = (await buyableVariants(db, cooperativeId, [variantId])).get(variantId);
    const available = purchasable(variant);
    if (!variant) return { ok: false, error: "unavailable", available: 0 };
    if (available === 0) return { ok: false, error: "sold_out", available };
    if (quantity > available) return { ok: false, error: "limited", available };
  }
  await setCartQuantity(db, cooperativeId, owner, variantId, quantity);
  return { ok: true, quantity };
}

/** Adds `quantity` to what the cart holds of a variant. */
export async function addToCart(db: Db, cooperativeId: string, owner: CartOwner, variantId: string, quantity: number): Promise<CartChange> {
  const current = (await cartItemsOf(db, cooperativeId, owner)).find((item) => item.variantId === variantId)?.quantity ?? 0;
  return changeCartLine(db, cooperativeId, owner, variantId, current + quantity);
}
