import { expect } from "vitest";
import { applyPaymentObservation } from "~/flows/apply-payment.server";
import { addToCart } from "~/flows/cart.server";
import { placeOrder } from "~/flows/place-order.server";
import { newGuestToken } from "~/modules/checkout/cart.server";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import type { TestDatabase } from "./database";

/**
 * An order a guest placed at `at` for the variants given, delivered to a hotel in town (the cooperative's local
 * delivery fee), waiting for its Midtrans payment.
 */
export async function placeHotelOrder(database: TestDatabase, cooperativeId: string, items: [variantId: string, quantity: number][], at: Date) {
  const guestToken = newGuestToken();
  for (const [variantId, quantity] of items) expect((await addToCart(database.db, cooperativeId, { guestToken }, variantId, quantity)).ok).toBe(true);
  const placed = await placeOrder(database.db, {
    cooperativeId,
    cart: { guestToken },
    userId: null,
    locale: "id",
    contact: { name: "Jane Traveller", email: "jane@example.com", phone: "+6281234567890" },
    delivery: { method: "local", placeName: "Hotel Bromo", street: "Jl. Suroyo 1" },
    note: "",
    provider: "midtrans",
    providerOffered: async () => true,
    now: at,
  });
  if (!placed.ok) throw new Error(placed.error);
  const [payment] = await paymentsOfOrder(database.db, cooperativeId, placed.orderId);
  return { ...placed, payment: payment! };
}

/** Midtrans says the order's attempt was paid at `at` (with `amount`, the order's total unless given): the outcome. */
export async function payByMidtrans(database: TestDatabase, order: Awaited<ReturnType<typeof placeHotelOrder>>, at: Date, amount = order.total) {
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
