import { expect } from "vitest";
import { applyPaymentObservation } from "~/flows/apply-payment.server";
import { addToCart } from "~/flows/cart.server";
import { placeOrder } from "~/flows/place-order.server";
import { newGuestToken } from "~/modules/checkout/cart.server";
import { getOrder } from "~/modules/orders/orders.server";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import type { TestDatabase } from "./database";

type PlaceOrderInput = Parameters<typeof placeOrder>[1];

/**
 * An order placed through the real flows (cart, then checkout) for the variants given, waiting for its payment:
 * by default a guest's, delivered to a hotel in town (the cooperative's local delivery fee), paid through Midtrans.
 */
export async function placeTestOrder(
  database: TestDatabase,
  cooperativeId: string,
  items: [variantId: string, quantity: number][],
  options: { at?: Date; userId?: string | null; locale?: "id" | "en"; contact?: PlaceOrderInput["contact"]; delivery?: PlaceOrderInput["delivery"]; provider?: PlaceOrderInput["provider"] } = {},
) {
  const guestToken = newGuestToken();
  for (const [variantId, quantity] of items) expect((await addToCart(database.db, cooperativeId, { guestToken }, variantId, quantity)).ok).toBe(true);
  const placed = await placeOrder(database.db, {
    cooperativeId,
    cart: { guestToken },
    userId: options.userId ?? null,
    locale: options.locale ?? "id",
    contact: options.contact ?? { name: "Jane Traveller", email: "jane@example.com", phone: "+6281234567890" },
    delivery: options.delivery ?? { method: "local", placeName: "Hotel Bromo", street: "Jl. Suroyo 1" },
    note: "",
    provider: options.provider ?? "midtrans",
    providerOffered: async () => true,
    ...(options.at ? { now: options.at } : {}),
  });
  if (!placed.ok) throw new Error(placed.error);
  const [payment] = await paymentsOfOrder(database.db, cooperativeId, placed.orderId);
  return { ...placed, payment: payment! };
}

export type TestOrder = Awaited<ReturnType<typeof placeTestOrder>>;

/** A guest's order delivered to a hotel in town, placed at `at`, waiting for its Midtrans payment. */
export function placeHotelOrder(database: TestDatabase, cooperativeId: string, items: [variantId: string, quantity: number][], at: Date) {
  return placeTestOrder(database, cooperativeId, items, { at });
}

/** Midtrans says the order's attempt was paid at `at` (with `amount`, the order's total unless given): the outcome. */
export async function payByMidtrans(database: TestDatabase, order: TestOrder, at: Date, amount = order.total) {
  const applied = await applyPaymentObservation(database.db, {
    reference: order.payment.reference,
    status: "paid",
    amount,
    providerTransactionId: `trx-${order.number}`,
    method: "qris",
    occurredAt: at,
  });
  return applied.outcome;
}

/**
 * Places an order for local delivery with the given variants and quantities and has Midtrans capture it at `paidAt`
 * (the order placed at the same instant): the ledger gets the capture as a real payment would post it.
 */
export async function paidOrder(database: TestDatabase, cooperativeId: string, items: [variantId: string, quantity: number][], paidAt = new Date()) {
  const placed = await placeHotelOrder(database, cooperativeId, items, paidAt);
  expect(await payByMidtrans(database, placed, paidAt)).toBe("payment captured");
  const order = (await getOrder(database.db, cooperativeId, placed.orderId))!;
  return { ...placed, lines: order.lines };
}

/**
 * A paid pickup order of the demo fixture's chips at a cooperative (by bank transfer the treasurer counted), placed by
 * a signed-in shopper or a guest: its id, number, private link's token and its one line.
 */
export async function placePaidOrder(
  database: TestDatabase,
  input: { cooperativeId: string; email: string; userId?: string | null; quantity?: number; locale?: "id" | "en" },
) {
  const [variant] = await database.sql<{ id: string }[]>`
    select v.id from product_variants v join products p on p.id = v.product_id where v.cooperative_id = ${input.cooperativeId} and p.slug = 'keripik-singkong-balado'`;
  await database.sql`update product_variants set stock = 50 where id = ${variant!.id}`;
  const placed = await placeTestOrder(database, input.cooperativeId, [[variant!.id, input.quantity ?? 1]], {
    userId: input.userId,
    locale: input.locale,
    contact: { name: "Wulan Sari", email: input.email, phone: "+6281299998888" },
    delivery: { method: "pickup" },
    provider: "manual",
  });
  const { payment } = placed;
  await applyPaymentObservation(database.db, { reference: payment.reference, status: "paid", amount: payment.amount, providerTransactionId: null, method: "bank_transfer", occurredAt: new Date() });
  const line = (await getOrder(database.db, input.cooperativeId, placed.orderId))!.lines[0]!;
  return { ...placed, lineId: line.id };
}
