import { expect } from "vitest";
import { getOrder } from "~/modules/orders/orders.server";
import type { TestDatabase } from "./database";
import { payByMidtrans, placeHotelOrder } from "./hotel-orders";

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
