import { rupiah, sumRupiah, type Rupiah } from "~/lib/money";

/** A line as a refund sees it: what was sold, and how much of it has already gone back (refunds not failed). */
export interface RefundableLine {
  id: string;
  unitPrice: number;
  quantity: number;
  refundedQuantity: number;
}

export interface RefundRequest {
  /** Quantities per order line id; lines left out or at 0 are not refunded. */
  lines: Record<string, number>;
  shipping: number;
}

export interface RefundPlan {
  lines: { orderLineId: string; quantity: number; amount: Rupiah }[];
  shippingAmount: Rupiah;
  amount: Rupiah;
}

export type RefundPlanRefusal = "nothing_to_refund" | "too_many" | "too_much_shipping" | "unknown_line" | "more_than_paid";

/**
 * What a refund gives back, at the price each line was sold for, or why not: never more of a line than was sold
 * less what went back already, never more shipping than was charged less what went back, never more in all than
 * was paid less what went back. Pure, so it is tested on its own and used inside the order's locked transaction.
 */
export function planRefund(
  lines: readonly RefundableLine[],
  already: { shipping: number; total: number },
  order: { shipping: number; paid: number },
  request: RefundRequest,
): { ok: true; plan: RefundPlan } | { ok: false; error: RefundPlanRefusal } {
  const byId = new Map(lines.map((line) => [line.id, line]));
  const planned: RefundPlan["lines"] = [];
  for (const [lineId, quantity] of Object.entries(request.lines)) {
    if (!Number.isSafeInteger(quantity) || quantity < 0) return { ok: false, error: "too_many" };
    if (quantity === 0) continue;
    const line = byId.get(lineId);
    if (!line) return { ok: false, error: "unknown_line" };
    if (quantity > line.quantity - line.refundedQuantity) return { ok: false, error: "too_many" };
    planned.push({ orderLineId: lineId, quantity, amount: rupiah(line.unitPrice * quantity) });
  }
  if (!Number.isSafeInteger(request.shipping) || request.shipping < 0) return { ok: false, error: "too_much_shipping" };
  if (request.shipping > order.shipping - already.shipping) return { ok: false, error: "too_much_shipping" };
  const shippingAmount = rupiah(request.shipping);
  const amount = sumRupiah([...planned.map((line) => line.amount), shippingAmount]);
  if (amount <= 0) return { ok: false, error: "nothing_to_refund" };
  if (amount > order.paid - already.total) return { ok: false, error: "more_than_paid" };
  return { ok: true, plan: { lines: planned, shippingAmount, amount } };
}

/** Everything still refundable: every line's remaining quantity and the remaining shipping (a cancellation, a whole refund). */
export function wholeRefund(lines: readonly RefundableLine[], already: { shipping: number }, order: { shipping: number }): RefundRequest {
  return {
    lines: Object.fromEntries(lines.map((line) => [line.id, line.quantity - line.refundedQuantity])),
    shipping: order.shipping - already.shipping,
  };
}

/** Where an order stands once its refunds settled: all its paid money back, or some. */
export function statusAfterRefunds(paid: number, refundedSucceeded: number): "refunded" | "partially_refunded" | null {
  if (refundedSucceeded <= 0) return null;
  return refundedSucceeded >= paid ? "refunded" : "partially_refunded";
}
