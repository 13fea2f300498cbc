import type { Db } from "~db/client";
import { allOrNothing, type ErrorTable, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { returnToStock } from "~/modules/inventory/reservations.server";
import { addOrderEvent } from "~/modules/orders/fulfilment.server";
import { lockOrder } from "~/modules/orders/orders.server";
import { markRefundLineRestocked, orderOfRefund } from "~/modules/orders/refunds.server";

export const restockErrors = {
  not_found: { status: 404, message: "error.notFound.body" },
  already_restocked: { status: 409, message: "fulfil.error.restocked" },
  refund_failed: { status: 409, message: "fulfil.error.refundFailed" },
  stock_already_back: { status: 409, message: "fulfil.error.stockBack" },
} satisfies ErrorTable;
export type RestockError = keyof typeof restockErrors;

export interface RestockInput {
  cooperativeId: string;
  refundId: string;
  orderLineId: string;
  actorUserId: string;
  ipAddress?: string;
}

/**
 * Goods of a refunded line that came back sound go on sale again (decision 38), in the caller's transaction: the
 * order is locked, the refunded line marked restocked once (a second tap, a second person or a replay is refused
 * as already restocked), the variant's stock raised by the refunded quantity with a `returned` movement, on the
 * timeline and in the audit log. A cancelled order's stock already came back whole: refused.
 */
export async function restockRefundLineIn(tx: Db, input: RestockInput): Promise<{ ok: true; quantity: number } | Refused<RestockError>> {
  const orderId = await orderOfRefund(tx, input.cooperativeId, input.refundId);
  if (!orderId) return { ok: false, error: "not_found" };
  const order = await lockOrder(tx, input.cooperativeId, orderId);
  if (!order) return { ok: false, error: "not_found" };
  if (order.stockReleasedAt) return { ok: false, error: "stock_already_back" };
  const marked = await markRefundLineRestocked(tx, input.cooperativeId, input.refundId, input.orderLineId, input.actorUserId);
  if (!marked.ok) return marked;
  const stock = await returnToStock(tx, {
    cooperativeId: input.cooperativeId,
    orderId,
    variantId: marked.variantId,
    quantity: marked.quantity,
    actorUserId: input.actorUserId,
    note: order.number,
  });
  if (!stock) return { ok: false, error: "not_found" };
  const data = { refundId: input.refundId, orderLineId: input.orderLineId, quantity: marked.quantity };
  await addOrderEvent(tx, { cooperativeId: input.cooperativeId, orderId, kind: "restocked", actorUserId: input.actorUserId, data });
  await recordAudit(tx, {
    cooperativeId: input.cooperativeId,
    actorUserId: input.actorUserId,
    action: "order.restocked",
    entityType: "product_variant",
    entityId: marked.variantId,
    before: { stock: stock.before },
    after: { stock: stock.after, ...data, orderId },
    ipAddress: input.ipAddress,
  });
  return { ok: true, quantity: marked.quantity };
}

/** The same on its own (the refund list's "back to stock" button), all or nothing. */
export async function restockRefundLine(db: Db, input: RestockInput): Promise<{ ok: true; quantity: number } | Refused<RestockError>> {
  return allOrNothing(db, (tx) => restockRefundLineIn(tx, input));
}
