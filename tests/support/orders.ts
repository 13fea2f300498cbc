import { applyPaymentObservation } from "~/flows/apply-payment.server";
import { addToCart } from "~/flows/cart.server";
import { placeOrder } from "~/flows/place-order.server";
import { newGuestToken } from "~/modules/checkout/cart.server";
import { getOrder } from "~/modules/orders/orders.server";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import type { TestDatabase } from "./database";

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
  const guestToken = newGuestToken();
  await addToCart(database.db, input.cooperativeId, { guestToken }, variant!.id, input.quantity ?? 1);
  const placed = await placeOrder(database.db, {
    cooperativeId: input.cooperativeId,
    cart: { guestToken },
    userId: input.userId ?? null,
    locale: input.locale ?? "id",
    contact: { name: "Wulan Sari", email: input.email, phone: "+6281299998888" },
    delivery: { method: "pickup" },
    note: "",
    provider: "manual",
    providerOffered: async () => true,
  });
  if (!placed.ok) throw new Error(placed.error);
  const [payment] = await paymentsOfOrder(database.db, input.cooperativeId, placed.orderId);
  await applyPaymentObservation(database.db, { reference: payment!.reference, status: "paid", amount: payment!.amount, providerTransactionId: null, method: "bank_transfer", occurredAt: new Date() });
  const line = (await getOrder(database.db, input.cooperativeId, placed.orderId))!.lines[0]!;
  return { ...placed, lineId: line.id };
}
