import type { deliveryMethod, orderStatus } from "~db/schema";

export type OrderStatus = (typeof orderStatus.enumValues)[number];
export type DeliveryMethod = (typeof deliveryMethod.enumValues)[number];

/**
 * The order's life (DESIGN.md). Unpaid orders expire; an order is cancelled only before it ships. A cancelled
 * order that had been paid becomes `refunded` once its money is back (decision 31).
 */
const next: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ["paid", "cancelled", "expired"],
  // "completed" straight from paid: an outlet sale is handed over at the counter as it is paid (decision 33).
  paid: ["processing", "shipped", "delivered", "completed", "cancelled", "refunded", "partially_refunded"],
  processing: ["shipped", "delivered", "cancelled", "refunded", "partially_refunded"],
  shipped: ["delivered", "refunded", "partially_refunded"],
  delivered: ["completed", "refunded", "partially_refunded"],
  completed: ["refunded", "partially_refunded"],
  partially_refunded: ["refunded", "partially_refunded", "cancelled"],
  cancelled: ["refunded"],
  expired: [],
  refunded: [],
};

export function orderMayMove(from: OrderStatus, to: OrderStatus): boolean {
  return next[from].includes(to);
}

/** Orders whose stock is held for the shopper: placed and not ended. */
export function holdsStock(status: OrderStatus): boolean {
  return status !== "cancelled" && status !== "expired";
}

/** `BNR-26-000123`: a prefix, the year's last two digits and a six-digit sequence, easy to read over the phone. */
export function formatOrderNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${String(year % 100).padStart(2, "0")}-${String(sequence).padStart(6, "0")}`;
}

/** A fulfilment step staff record. `picked_up` is the outlet's "delivered". */
export const fulfilmentSteps = ["packed", "shipped", "delivered", "picked_up"] as const;
export type FulfilmentStep = (typeof fulfilmentSteps)[number];

/** What a step looks at: the status, how the order travels, and which steps already happened. */
export interface FulfilmentState {
  status: OrderStatus;
  deliveryMethod: DeliveryMethod;
  packedAt: Date | string | null;
  shippedAt: Date | string | null;
  deliveredAt: Date | string | null;
}

export type StepRefusal = "not_paid" | "ended" | "already_done" | "not_shipped" | "wrong_delivery" | "already_shipped";

/** Paid and still being fulfilled (a partly refunded order still ships what is left). */
const fulfillable: readonly OrderStatus[] = ["paid", "processing", "shipped", "delivered", "partially_refunded"];

/**
 * Whether a step may be recorded now, and the status it leaves (the status a partial refund set stays: the
 * timestamps tell the rest). Each step happens once, in order: packed before shipped is optional, shipped needs
 * a courier or local delivery, delivered needs shipped, picked up is for outlet pickups.
 */
export function checkStep(order: FulfilmentState, step: FulfilmentStep): { ok: true; status: OrderStatus } | { ok: false; error: StepRefusal } {
  if (order.status === "pending_payment") return { ok: false, error: "not_paid" };
  if (!fulfillable.includes(order.status)) return { ok: false, error: "ended" };
  const keep = (status: OrderStatus) => ({ ok: true as const, status: order.status === "partially_refunded" ? order.status : status });
  switch (step) {
    case "packed":
      if (order.packedAt) return { ok: false, error: "already_done" };
      if (order.shippedAt || order.deliveredAt) return { ok: false, error: "already_shipped" };
      return keep("processing");
    case "shipped":
      if (order.deliveryMethod === "pickup") return { ok: false, error: "wrong_delivery" };
      if (order.shippedAt || order.deliveredAt) return { ok: false, error: "already_done" };
      return keep("shipped");
    case "delivered":
      if (order.deliveryMethod === "pickup") return { ok: false, error: "wrong_delivery" };
      if (order.deliveredAt) return { ok: false, error: "already_done" };
      if (!order.shippedAt) return { ok: false, error: "not_shipped" };
      return keep("delivered");
    case "picked_up":
      if (order.deliveryMethod !== "pickup") return { ok: false, error: "wrong_delivery" };
      if (order.deliveredAt) return { ok: false, error: "already_done" };
      return keep("delivered");
  }
}

/** Cancelling is for orders that have not left: unpaid, or paid and not yet shipped, delivered or picked up. */
export function checkCancel(order: FulfilmentState): { ok: true } | { ok: false; error: "already_shipped" | "ended" } {
  if (order.shippedAt || order.deliveredAt || ["shipped", "delivered", "completed"].includes(order.status)) return { ok: false, error: "already_shipped" };
  if (!["pending_payment", "paid", "processing", "partially_refunded"].includes(order.status)) return { ok: false, error: "ended" };
  return { ok: true };
}

/** Short (ordered but not brought) and damaged units of a received line; zero when nothing is missing. */
export function handoverShortfall(line: { quantity: number; receivedQuantity: number | null; damagedQuantity: number }): { short: number; damaged: number } {
  if (line.receivedQuantity === null) return { short: 0, damaged: 0 };
  return { short: line.quantity - line.receivedQuantity, damaged: line.damagedQuantity };
}
