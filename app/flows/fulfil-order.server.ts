import type { Db } from "~db/client";
import { allOrNothing, type ErrorTable, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { addOrderEvent, completeOrderRow, fulfilmentDays, getOrderLine, orderNumbersOf, ordersDueToComplete, recordHandover, recordStep } from "~/modules/orders/fulfilment.server";
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
  already_received: { status: 409, message: "fulfil.error.alreadyReceived" },
  tracking_required: { status: 422, message: "fulfil.error.tracking", field: "trackingNumber" },
  too_many_received: { status: 422, message: "fulfil.error.received", field: "received" },
} satisfies ErrorTable;
export type FulfilError = Exclude<keyof typeof fulfilErrors, "already_received">;

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

export interface BulkMove {
  orderId: string;
  courier?: string;
  trackingNumber?: string;
}

export type BulkOutcome = { orderId: string; number: string | null } & ({ ok: true } | { ok: false; error: FulfilError });

/**
 * The same step for many orders (the day's bulk action, decision 38), in the caller's transaction (the form's
 * sent-once answer is kept in it): each order in its own savepoint, so a refused order (not paid, already shipped,
 * another cooperative's id: not found) leaves nothing behind while the others move. Orders are locked in id order,
 * so two bulk actions over the same orders never deadlock. Answers each order's outcome in the order asked.
 */
export async function advanceOrders(
  tx: Db,
  input: Omit<StepInput, "orderId" | "courier" | "trackingNumber"> & { moves: BulkMove[] },
): Promise<BulkOutcome[]> {
  const unique = [...new Map(input.moves.map((move) => [move.orderId, move])).values()];
  const numbers = await orderNumbersOf(tx, input.cooperativeId, unique.map((move) => move.orderId));
  const outcomes = new Map<string, BulkOutcome>();
  for (const move of [...unique].sort((x, y) => (x.orderId < y.orderId ? -1 : 1))) {
    const number = numbers.get(move.orderId) ?? null;
    const advanced = number === null ? ({ ok: false, error: "not_found" } as const) : await advanceOrder(tx, { ...input, ...move });
    outcomes.set(move.orderId, { orderId: move.orderId, number, ...advanced });
  }
  return unique.map((move) => outcomes.get(move.orderId)!);
}

export interface ReceivedCount {
  lineId: string;
  received: number;
  damaged: number;
  note: string;
}

export type ReceiveError = FulfilError | "already_received";

/** One line's count, in the caller's transaction, with its order locked; `memberId` limits it to that business's lines. */
async function receiveLineIn(
  tx: Db,
  input: ReceivedCount & { cooperativeId: string; actorUserId: string; ipAddress?: string; memberId?: string },
): Promise<{ ok: true } | Refused<ReceiveError>> {
  const line = await getOrderLine(tx, input.cooperativeId, input.lineId);
  if (!line || (input.memberId && line.memberId !== input.memberId)) return { ok: false, error: "not_found" };
  const order = await lockOrder(tx, input.cooperativeId, line.orderId);
  if (!order) return { ok: false, error: "not_found" };
  if (!order.paidAt) return { ok: false, error: "not_paid" };
  if (!["paid", "processing", "partially_refunded"].includes(order.status)) return { ok: false, error: "ended" };
  if (order.shippedAt || order.deliveredAt) return { ok: false, error: "already_shipped" };
  if (input.memberId && line.receivedAt) return { ok: false, error: "already_received" };
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
}

/** Hand-over: staff count what a member brought for one line; short and damaged goods are recorded as such. */
export async function receiveLine(
  db: Db,
  input: ReceivedCount & { cooperativeId: string; actorUserId: string; ipAddress?: string },
): Promise<{ ok: true } | Refused<ReceiveError>> {
  return allOrNothing(db, (tx) => receiveLineIn(tx, input));
}

/**
 * A producer's whole delivery from the hand-over sheet (decision 38): every counted line of one member business,
 * all or nothing (a refused line names itself and nothing is written), each line once (a line already received
 * is refused, so a replayed sheet changes nothing), lines of another business or cooperative not found.
 */
export async function receiveDelivery(
  db: Db,
  input: { cooperativeId: string; memberId: string; counts: ReceivedCount[]; actorUserId: string; ipAddress?: string },
): Promise<{ ok: true; received: number } | (Refused<ReceiveError> & { lineId: string | null })> {
  if (input.counts.length === 0) return { ok: false, error: "not_found", lineId: null };
  // Lines counted in a fixed order, so two staff sending the same sheet lock its orders in the same order.
  const counts = [...input.counts].sort((x, y) => (x.lineId < y.lineId ? -1 : 1));
  return allOrNothing(db, async (tx): Promise<{ ok: true; received: number } | (Refused<ReceiveError> & { lineId: string | null })> => {
    for (const count of counts) {
      const done = await receiveLineIn(tx, { ...count, cooperativeId: input.cooperativeId, memberId: input.memberId, actorUserId: input.actorUserId, ipAddress: input.ipAddress });
      if (!done.ok) return { ...done, lineId: count.lineId };
    }
    return { ok: true, received: counts.length };
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
