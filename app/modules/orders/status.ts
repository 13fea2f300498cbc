import type { orderStatus } from "~db/schema";

export type OrderStatus = (typeof orderStatus.enumValues)[number];

/** The order's life (DESIGN.md). Unpaid orders expire; an order is cancelled only before it ships. */
const next: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ["paid", "cancelled", "expired"],
  // "completed" straight from paid: an outlet sale is handed over at the counter as it is paid (decision 33).
  paid: ["processing", "completed", "cancelled", "refunded", "partially_refunded"],
  processing: ["shipped", "cancelled", "refunded", "partially_refunded"],
  shipped: ["delivered", "refunded", "partially_refunded"],
  delivered: ["completed", "refunded", "partially_refunded"],
  completed: ["refunded", "partially_refunded"],
  partially_refunded: ["refunded", "partially_refunded"],
  cancelled: [],
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
