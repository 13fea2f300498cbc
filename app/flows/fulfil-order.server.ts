import type { Db } from "~db/client";
import { allOrNothing, type ErrorTable, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { addOrderEvent, completeOrderRow, fulfilmentDays, getOrderLine, ordersDueToComplete, recordHandover, recordStep } from "~/modules/orders/fulfilment.server";
import { lockOrder } from "~/modules/orders/orders.server";
import { checkStep, type FulfilmentStep } from "~/modules/orders/status";
import { emailShopper } from "./order-emails.server";

export const fulfilErrors = {
  not_found: { status: 404, message: "error.notFound.body" },
  not_paid: { status: 409, message: "fulfil.error.notPaid" },
  ended: { status: 409, message: "fulfil.error.ended" },
  already_done: { status: 409, message: "fulfil.error.alreadyDone" },
  not_shipped: { status: 409, message: "fulfil.error.notShipped" },
  wrong_delivery: { status: 409, message: "fulfil.error.wrongDelivery" },
  already_shipped: { status: 409, message: "fulfil.error.alreadyShipped" },
  tracking_required: { status: 422, message: "fulfil.error.tracking", field: "trackingNumber" },
  too_many_received: { status: 422, message: "fulfil.error.received", field: "received" },
} satisfies ErrorTable;
export type FulfilError = keyof typeof fulfilErrors;

export interface StepInput {
  cooperativeId: string;
  orderId: string;
  step: FulfilmentStep;
  courier?: string;
  trackingNumber?: string;
  actorUserId: string;
  ipAddress?: string;
}

/**
 * Records a fulfilment step (packed, shipped with courier and tracking, delivered, picked up) once, with the order
 * locked, on the timeline and in the audit log; the shopper is e-mailed when it ships and when it arrives.
 */
export async function advanceOrder(db: Db, input: StepInput): Promise<{ ok: true } | Refused<FulfilError>> {
  return allOrNothing(db, async (tx): Promise<{ ok: true } | Refused<FulfilError>> => {
    const order = await lockOrder(tx, input.cooperativeId, input.orderId);
    if (!order) return { ok: false, error: "not_found" };
    const checked = checkStep(order, input.step);
    if (!checked.ok) return checked;
    const courier = (input.courier ?? "").trim();
    const trackingNumber = (input.trackingNumber ?? "").trim();
    if (input.step === "shipped" && order.deliveryMethod === "courier" && (!courier || !trackingNumber)) return { ok: false, error: "tracking_required" };
    const shipping = input.step === "shipped" ? { courier, trackingNumber } : undefined;
    if (!(await recordStep(tx, input.cooperativeId, input.orderId, input.step, checked.status, shipping))) return { ok: false, error: "already_done" };
    await addOrderEvent(tx, { cooperativeId: input.cooperativeId, orderId: input.orderId, kind: input.step, actorUserId: input.actorUserId, data: shipping ?? {} });
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: `order.${input.step}`,
      entityType: "order",
      entityId: input.orderId,
      before: { status: order.status },
      after: { status: checked.status, ...shipping },
      ipAddress: input.ipAddress,
    });
    if (input.step === "shipped") await emailShopper(tx, order, "order_shipped", { courier, trackingNumber });
    if (input.step === "delivered" || input.step === "picked_up") {
      const days = await fulfilmentDays(tx, input.cooperativeId);
      await emailShopper(tx, order, "order_delivered", { pickedUp: input.step === "picked_up", returnDays: days.returnWindowDays });
    }
    return { ok: true };
  });
}

/** The same step for many orders (the day's bulk action): each in its own transaction, refusals counted, not fatal. */
export async function advanceOrders(db: Db, input: Omit<StepInput, "orderId"> & { orderIds: string[] }): Promise<{ done: number; refused: number }> {
  const result = { done: 0, refused: 0 };
  for (const orderId of input.orderIds) {
    const advanced = await advanceOrder(db, { ...input, orderId });
    result[advanced.ok ? "done" : "refused"] += 1;
  }
  return result;
}

/** Hand-over: staff count what a member brought for one line; short and damaged goods are recorded as such. */
export async function receiveLine(
  db: Db,
  input: { cooperativeId: string; lineId: string; received: number; damaged: number; note: string; actorUserId: string; ipAddress?: string },
): Promise<{ ok: true } | Refused<FulfilError>> {
  return allOrNothing(db, async (tx): Promise<{ ok: true } | Refused<FulfilError>> => {
    const line = await getOrderLine(tx, input.cooperativeId, input.lineId);
    if (!line) return { ok: false, error: "not_found" };
    const order = await lockOrder(tx, input.cooperativeId, line.orderId);
    if (!order) return { ok: false, error: "not_found" };
    if (!order.paidAt) return { ok: false, error: "not_paid" };
    if (!["paid", "processing", "partially_refunded"].includes(order.status)) return { ok: false, error: "ended" };
    if (order.shippedAt || order.deliveredAt) return { ok: false, error: "already_shipped" };
    if (input.received > line.quantity || input.damaged > input.received) return { ok: false, error: "too_many_received" };
    const recorded = await recordHandover(tx, input.cooperativeId, input.lineId, { quantity: input.received, damaged: input.damaged, note: input.note, by: input.actorUserId });
    if (!recorded) return { ok: false, error: "too_many_received" };
    const data = { sku: line.sku, name: line.nameId, ordered: line.quantity, received: input.received, damaged: input.damaged, note: input.note };
    await addOrderEvent(tx, { cooperativeId: input.cooperativeId, orderId: order.id, kind: "handover", actorUserId: input.actorUserId, data });
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "order.handover",
      entityType: "order_line",
      entityId: input.lineId,
      before: { receivedQuantity: line.receivedQuantity, damagedQuantity: line.damagedQuantity },
      after: data,
      ipAddress: input.ipAddress,
    });
    return { ok: true };
  });
}

/**
 * Completes delivered and picked-up orders once the cooperative's days to complete have passed (the job): the
 * member's payout hold counts from here.
 */
export async function completeDueOrders(db: Db, options: { now?: Date; limit?: number } = {}): Promise<number> {
  let completed = 0;
  for (const due of await ordersDueToComplete(db, options.now ?? new Date(), options.limit ?? 200)) {
    const done = await db.transaction(async (tx) => {
      if (!(await completeOrderRow(tx, due.cooperativeId, due.id))) return false;
      await addOrderEvent(tx, { cooperativeId: due.cooperativeId, orderId: due.id, kind: "completed" });
      return true;
    });
    if (done) completed += 1;
  }
  return completed;
}
