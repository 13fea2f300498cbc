import { randomUUID } from "node:crypto";
import type { Db } from "~db/client";
import { splitLine } from "~/lib/fees";
import { formatRupiah } from "~/lib/money";
import { formatDateTime } from "~/lib/dates";
import type { Locale } from "~/lib/i18n/core";
import { allOrNothing, type ErrorTable, type Refused } from "~/lib/results";
import { resolveArea, type AreaCodes } from "~/lib/indonesia/areas.server";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { buyableVariants, type BuyableVariant } from "~/modules/catalog/shop/buyable.server";
import { MAX_LINE_QUANTITY, cartItemsOf, emptyCart, type CartOwner } from "~/modules/checkout/cart.server";
import { deliveryOptions } from "~/modules/checkout/options.server";
import { courierQuote, type Parcel } from "~/modules/checkout/shipping";
import { reserveStock, type StockLeft } from "~/modules/inventory/reservations.server";
import { sellThroughGate } from "~/modules/inventory/stock-gate.server";
import { enqueueEmail, SECRET_LINK } from "~/modules/notifications/outbox.server";
import { insertOrder, issueOrderLink, nextOrderNumber, type NewOrderLine } from "~/modules/orders/orders.server";
import { createPayment } from "~/modules/payments/payments.server";
import type { ProviderName } from "~/modules/payments/provider";
import { cooperativeName } from "~/modules/tenancy/cooperative.server";

export type Delivery =
  | ({ method: "courier"; postalCode: string; street: string } & AreaCodes)
  | { method: "local"; placeName: string; street: string }
  | { method: "pickup" };

export interface PlaceOrderInput {
  cooperativeId: string;
  cart: CartOwner;
  userId: string | null;
  locale: Locale;
  contact: { name: string; email: string; phone: string };
  delivery: Delivery;
  note: string;
  provider: ProviderName;
  /** Whether this cooperative offers `provider` now; asked once the cart is known to be buyable (a rush's refusals skip it). */
  providerOffered: (provider: ProviderName) => Promise<boolean>;
  /** The total the shopper was shown: if prices or shipping changed since, they see the new total first. */
  expectedTotal?: number;
  now?: Date;
}

/** How the shop answers an order it could not place, and where on the form it says so. */
export const placeOrderErrors = {
  empty_cart: { status: 409, message: "checkout.error.emptyCart" },
  sold_out: { status: 409, message: "checkout.error.soldOut" },
  price_changed: { status: 409, message: "checkout.error.priceChanged" },
  no_courier_to_area: { status: 422, message: "checkout.error.noCourier", field: "villageCode" },
  bad_area: { status: 422, message: "checkout.error.area", field: "villageCode" },
  delivery_unavailable: { status: 422, message: "checkout.error.delivery", field: "deliveryMethod" },
  provider_unavailable: { status: 422, message: "checkout.error.provider", field: "provider" },
} satisfies ErrorTable;

export type PlaceOrderError = keyof typeof placeOrderErrors;

export type PlaceOrderResult =
  | { ok: true; orderId: string; number: string; paymentId: string; total: number; token: string }
  | (Refused<PlaceOrderError> & { soldOut?: { variantId: string; available: number }[]; total?: number });

/**
 * Places an order from the shopper's cart, in one transaction: prices, fees and shipping are read again from the
 * database (never from the form), stock is reserved with conditional updates (so it never goes below zero however
 * many buy at once), the order, its lines (price, producer and fee rate as sold), its first payment attempt and its
 * "order received" e-mail are written, and the cart is emptied. Anything short rolls it all back.
 */
export async function placeOrder(db: Db, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  const { cooperativeId } = input;

  const items = (await cartItemsOf(db, cooperativeId, input.cart)).filter((item) => item.quantity > 0);
  if (items.length === 0) return { ok: false, error: "empty_cart" };
  const variants = await buyableVariants(
    db,
    cooperativeId,
    items.map((item) => item.variantId),
  );
  return sellThroughGate(
    items,
    { of: (variantId) => variants.get(variantId)?.stock ?? 0, limit: (variantId) => Math.min(variants.get(variantId)?.stock ?? 0, MAX_LINE_QUANTITY) },
    () => placeInTurn(db, input, items, variants),
  );
}

/** Each line as it is sold (decision 20): price, quantity, producer and fee rate, the fee rounded once, the member's share the rest. */
export function snapshotLines(items: readonly { variantId: string; quantity: number }[], variants: Map<string, BuyableVariant>, locale: Locale): NewOrderLine[] {
  return items.map((item) => {
    const variant = variants.get(item.variantId)!;
    const { lineTotal, fee, memberShare } = splitLine(variant.price, item.quantity, variant.feeRateBp);
    return {
      productId: variant.productId,
      variantId: variant.variantId,
      memberId: variant.memberId,
      nameId: variant.nameId,
      nameEn: variant.nameEn || variant.nameId,
      variantName: locale === "en" ? variant.variantNameEn || variant.variantNameId : variant.variantNameId,
      sku: variant.sku,
      unitPrice: variant.price,
      quantity: item.quantity,
      lineTotal,
      feeRateBp: variant.feeRateBp,
      fee,
      memberShare,
      weightGrams: variant.weightGrams,
    };
  });
}

async function placeInTurn(
  db: Db,
  input: PlaceOrderInput,
  items: { variantId: string; quantity: number }[],
  variants: Map<string, BuyableVariant>,
): Promise<(PlaceOrderResult & { ok: false }) | (PlaceOrderResult & { ok: true; left: StockLeft[] })> {
  const { cooperativeId } = input;
  const now = input.now ?? new Date();
  const lines = snapshotLines(items, variants, input.locale);
  const parcels: Parcel[] = items.map((item) => ({ ...variants.get(item.variantId)!, quantity: item.quantity }));

  if (!(await input.providerOffered(input.provider))) return { ok: false, error: "provider_unavailable" };
  const [options, shopName] = await Promise.all([deliveryOptions(db, cooperativeId), cooperativeName(db, cooperativeId)]);
  const delivery = await priceDelivery(input.delivery, options, parcels);
  if (!delivery.ok) return delivery;

  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const total = subtotal + delivery.shipping;
  if (input.expectedTotal !== undefined && input.expectedTotal !== total) return { ok: false, error: "price_changed", total };

  const orderId = randomUUID();
  const expiresAt = new Date(now.getTime() + options.orderExpiryHours * 3600_000);
  // From the stock reservation to the commit, other buyers of the same products wait on its row locks: what can be
  // read or worked out is done before, and the order's rows go in one pipelined round trip.
  return allOrNothing(db, async (tx) => {
    const reserved = await reserveStock(tx, cooperativeId, orderId, lines);
    if (!reserved.ok) return { ok: false as const, error: "sold_out" as const, soldOut: reserved.shortages };
    const number = await nextOrderNumber(tx, cooperativeId, now);
    const [, payment, , token] = await Promise.all([
      insertOrder(
        tx,
        {
          id: orderId,
          cooperativeId,
          number,
          userId: input.userId,
          locale: input.locale,
          contactName: input.contact.name,
          email: input.contact.email,
          phone: input.contact.phone,
          ...delivery.fields,
          note: input.note,
          subtotal,
          shipping: delivery.shipping,
          total,
          paymentProvider: input.provider,
          expiresAt,
        },
        lines,
      ),
      createPayment(tx, { cooperativeId, orderId, orderNumber: number, provider: input.provider, amount: total, firstAttempt: true }),
      emptyCart(tx, cooperativeId, input.cart),
      issueOrderLink(tx, cooperativeId, orderId),
      enqueueEmail(tx, {
        cooperativeId,
        to: input.contact.email,
        locale: input.locale,
        template: "order_received",
        data: {
          name: input.contact.name,
          cooperativeName: shopName,
          orderNumber: number,
          total: formatRupiah(total),
          manualTransfer: input.provider === "manual",
          payBy: formatDateTime(input.locale, expiresAt, timeZoneOfProvince(options.province)),
          link: SECRET_LINK,
        },
        secretLink: { purpose: "order", orderId },
      }),
    ]);
    return { ok: true as const, orderId, number, paymentId: payment.id, total, token, left: reserved.left };
  });
}

type PricedDelivery =
  | { ok: true; shipping: number; billableKg: number; fields: Partial<Parameters<typeof insertOrder>[1]> & { deliveryMethod: Delivery["method"] } }
  | { ok: false; error: "no_courier_to_area" | "bad_area" | "delivery_unavailable" };

async function priceDelivery(delivery: Delivery, options: Awaited<ReturnType<typeof deliveryOptions>>, parcels: Parcel[]): Promise<PricedDelivery> {
  switch (delivery.method) {
    case "pickup":
      if (!options.pickupEnabled) return { ok: false, error: "delivery_unavailable" };
      return { ok: true, shipping: 0, billableKg: 0, fields: { deliveryMethod: "pickup" } };
    case "local":
      if (options.localDeliveryFee === null) return { ok: false, error: "delivery_unavailable" };
      return {
        ok: true,
        shipping: options.localDeliveryFee,
        billableKg: 0,
        fields: { deliveryMethod: "local", placeName: delivery.placeName, street: delivery.street },
      };
    case "courier": {
      const areaNames = await resolveArea(delivery);
      if (!areaNames) return { ok: false, error: "bad_area" };
      const quote = courierQuote(options.rates, delivery, parcels);
      if (!quote) return { ok: false, error: "no_courier_to_area" };
      return {
        ok: true,
        shipping: quote.price,
        billableKg: quote.billableKg,
        fields: {
          deliveryMethod: "courier",
          provinceCode: delivery.provinceCode,
          regencyCode: delivery.regencyCode,
          districtCode: delivery.districtCode,
          villageCode: delivery.villageCode,
          areaNames,
          postalCode: delivery.postalCode,
          street: delivery.street,
          billableWeightKg: quote.billableKg,
        },
      };
    }
  }
}
