import { expect } from "vitest";
import { applyPaymentObservation } from "~/flows/apply-payment.server";
import { addToCart } from "~/flows/cart.server";
import { placeOrder } from "~/flows/place-order.server";
import { newGuestToken } from "~/modules/checkout/cart.server";
import { getOrder } from "~/modules/orders/orders.server";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import type { TestDatabase } from "./database";

/**
 * Places an order of the given variants (a local delivery to a hotel) and has Midtrans report it paid at `paidAt`:
 * the capture is posted to the ledger as in production, through `place-order` and `apply-payment`.
 */
export async function placePaidOrder(database: TestDatabase, cooperativeId: string, items: [variantId: string, quantity: number][], paidAt = new Date()) {
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
    now: paidAt,
  });
  if (!placed.ok) throw new Error(placed.error);
  const [payment] = await paymentsOfOrder(database.db, cooperativeId, placed.orderId);
  const applied = await applyPaymentObservation(database.db, {
    reference: payment!.reference,
    status: "paid",
    amount: placed.total,
    providerTransactionId: `trx-${placed.number}`,
    method: "qris",
    occurredAt: paidAt,
  });
  expect(applied.outcome).toBe("payment captured");
  const order = (await getOrder(database.db, cooperativeId, placed.orderId))!;
  return { ...placed, payment: payment!, lines: order.lines };
}
