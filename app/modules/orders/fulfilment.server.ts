import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { cooperatives, inboundEvents, members, orderEvents, orderLines, orders } from "~db/schema";
import type { FulfilmentStep, OrderStatus } from "./status";
import { escapeLike } from "~/lib/sql-like";

export type OrderEvent = typeof orderEvents.$inferSelect;

/** One line of an order's timeline, kept with the change it describes (same transaction). */
export async function addOrderEvent(
  tx: Db,
  event: { cooperativeId: string; orderId: string; kind: string; actorUserId?: string | null; data?: Record<string, string | number | null> },
): Promise<void> {
  await tx.insert(orderEvents).values({ ...event, actorUserId: event.actorUserId ?? null, data: event.data ?? {} });
}

export async function eventsOfOrder(db: Db, cooperativeId: string, orderId: string): Promise<OrderEvent[]> {
  return db
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.cooperativeId, cooperativeId), eq(orderEvents.orderId, orderId)))
    .orderBy(asc(orderEvents.createdAt));
}

const stepColumn = { packed: "packedAt", shipped: "shippedAt", delivered: "deliveredAt", picked_up: "deliveredAt" } as const;

/**
 * Records a step on a (locked) order, once: the step's time, the status it leaves and, for shipping, the courier
 * and tracking number. False when the step was already recorded meanwhile.
 */
export async function recordStep(
  tx: Db,
  cooperativeId: string,
  orderId: string,
  step: FulfilmentStep,
  status: OrderStatus,
  shipping?: { courier: string; trackingNumber: string },
): Promise<boolean> {
  const column = stepColumn[step];
  const updated = await tx
    .update(orders)
    .set({ [column]: sql`now()`, status, ...(shipping ?? {}), updatedAt: sql`now()` })
    .where(and(eq(orders.cooperativeId, cooperativeId), eq(orders.id, orderId), isNull(orders[column])))
    .returning({ id: orders.id });
  return updated.length === 1;
}

/**
 * Ends an order as cancelled and marks its stock released, once: the conditional update is what makes two
 * cancellations sent at the same moment release the stock only once. False when the order had shipped, ended
 * or its stock was already given back. The caller releases the stock in the same transaction when this answers true.
 */
export async function cancelOrderRow(tx: Db, cooperativeId: string, orderId: string): Promise<boolean> {
  const updated = await tx
    .update(orders)
    .set({ status: "cancelled", stockReleasedAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(orders.cooperativeId, cooperativeId),
        eq(orders.id, orderId),
        inArray(orders.status, ["pending_payment", "paid", "processing", "partially_refunded"]),
        isNull(orders.stockReleasedAt),
        isNull(orders.shippedAt),
        isNull(orders.deliveredAt),
      ),
    )
    .returning({ id: orders.id });
  return updated.length === 1;
}

export async function setOrderStatus(tx: Db, cooperativeId: string, orderId: string, status: OrderStatus): Promise<void> {
  await tx
    .update(orders)
    .set({ status, updatedAt: sql`now()` })
    .where(and(eq(orders.cooperativeId, cooperativeId), eq(orders.id, orderId)));
}

/** Hand-over: what staff counted of a line the member brought; short or damaged goods stay on record. */
export async function recordHandover(
  tx: Db,
  cooperativeId: string,
  lineId: string,
  received: { quantity: number; damaged: number; note: string; by: string },
): Promise<{ orderId: string; quantity: number } | undefined> {
  const [line] = await tx
    .update(orderLines)
    .set({ receivedQuantity: received.quantity, damagedQuantity: received.damaged, handoverNote: received.note, receivedAt: sql`now()`, receivedBy: received.by })
    .where(and(eq(orderLines.cooperativeId, cooperativeId), eq(orderLines.id, lineId), sql`${received.quantity} <= ${orderLines.quantity}`))
    .returning({ orderId: orderLines.orderId, quantity: orderLines.quantity });
  return line;
}

export async function getOrderLine(db: Db, cooperativeId: string, lineId: string) {
  const [line] = await db
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.cooperativeId, cooperativeId), eq(orderLines.id, lineId)));
  return line;
}

/** Orders with lines still to hand over: paid or being prepared. */
const handoverStatuses: OrderStatus[] = ["paid", "processing", "partially_refunded"];

export interface HandoverLine {
  lineId: string;
  orderId: string;
  orderNumber: string;
  memberId: string;
  businessName: string;
  nameId: string;
  nameEn: string;
  variantName: string;
  sku: string;
  quantity: number;
  receivedQuantity: number | null;
  damagedQuantity: number;
  handoverNote: string;
  dueAt: Date;
}

const dueAt = sql<Date>`${orders.paidAt} + make_interval(days => ${cooperatives.handoverDays})`.mapWith((value: string | Date) => new Date(value));

/** What each member business brings to the outlet: lines of paid orders not shipped yet, oldest due first. */
export async function handoverSheet(db: Db, cooperativeId: string, options: { pendingOnly: boolean }): Promise<HandoverLine[]> {
  return db
    .select({
      lineId: orderLines.id,
      orderId: orders.id,
      orderNumber: orders.number,
      memberId: orderLines.memberId,
      businessName: members.businessName,
      nameId: orderLines.nameId,
      nameEn: orderLines.nameEn,
      variantName: orderLines.variantName,
      sku: orderLines.sku,
      quantity: orderLines.quantity,
      receivedQuantity: orderLines.receivedQuantity,
      damagedQuantity: orderLines.damagedQuantity,
      handoverNote: orderLines.handoverNote,
      dueAt,
    })
    .from(orderLines)
    .innerJoin(orders, and(eq(orders.cooperativeId, orderLines.cooperativeId), eq(orders.id, orderLines.orderId)))
    .innerJoin(members, and(eq(members.cooperativeId, orderLines.cooperativeId), eq(members.id, orderLines.memberId)))
    .innerJoin(cooperatives, eq(cooperatives.id, orders.cooperativeId))
    .where(
      and(
        eq(orderLines.cooperativeId, cooperativeId),
        inArray(orders.status, handoverStatuses),
        isNull(orders.shippedAt),
        isNull(orders.deliveredAt),
        options.pendingOnly ? isNull(orderLines.receivedAt) : undefined,
      ),
    )
    .orderBy(asc(members.businessName), asc(orders.paidAt), asc(orderLines.nameId))
    .limit(500);
}

export interface MemberOrderLine {
  lineId: string;
  orderNumber: string;
  status: OrderStatus;
  nameId: string;
  nameEn: string;
  variantName: string;
  quantity: number;
  memberShare: number;
  receivedQuantity: number | null;
  damagedQuantity: number;
  dueAt: Date | null;
  placedAt: Date;
}

/**
 * A member's own lines (UU PDP: no shopper name, phone, e-mail or address, only what preparing needs): to prepare
 * (paid, not yet received at the outlet) or the history (everything else that was paid), newest first.
 */
export async function memberOrderLines(
  db: Db,
  cooperativeId: string,
  memberId: string,
  options: { view: "open" | "history"; page: number; pageSize: number },
): Promise<{ lines: MemberOrderLine[]; total: number }> {
  const open = and(inArray(orders.status, handoverStatuses), isNull(orderLines.receivedAt), isNull(orders.shippedAt), isNull(orders.deliveredAt));
  const where = and(
    eq(orderLines.cooperativeId, cooperativeId),
    eq(orderLines.memberId, memberId),
    isNotNull(orders.paidAt),
    options.view === "open" ? open : sql`not (${open})`,
  );
  const rows = await db
    .select({
      lineId: orderLines.id,
      orderNumber: orders.number,
      status: orders.status,
      nameId: orderLines.nameId,
      nameEn: orderLines.nameEn,
      variantName: orderLines.variantName,
      quantity: orderLines.quantity,
      memberShare: orderLines.memberShare,
      receivedQuantity: orderLines.receivedQuantity,
      damagedQuantity: orderLines.damagedQuantity,
      dueAt,
      placedAt: orders.createdAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(orderLines)
    .innerJoin(orders, and(eq(orders.cooperativeId, orderLines.cooperativeId), eq(orders.id, orderLines.orderId)))
    .innerJoin(cooperatives, eq(cooperatives.id, orders.cooperativeId))
    .where(where)
    .orderBy(options.view === "open" ? asc(orders.paidAt) : desc(orders.createdAt))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  return { lines: rows.map(({ total: _total, ...line }) => line), total: rows[0]?.total ?? 0 };
}

/** Delivered or picked-up orders whose cooperative's days to complete have passed, across cooperatives (the job). */
export async function ordersDueToComplete(db: Db, now: Date, limit: number): Promise<{ id: string; cooperativeId: string }[]> {
  return db
    .select({ id: orders.id, cooperativeId: orders.cooperativeId })
    .from(orders)
    .innerJoin(cooperatives, eq(cooperatives.id, orders.cooperativeId))
    .where(
      and(
        isNull(orders.completedAt),
        isNotNull(orders.deliveredAt),
        inArray(orders.status, ["delivered", "partially_refunded"]),
        sql`${orders.deliveredAt} + make_interval(days => ${cooperatives.completeAfterDays}) <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(orders.deliveredAt))
    .limit(limit);
}

/** Completes a delivered order once (a partly refunded one keeps its status and gets its completion time). */
export async function completeOrderRow(tx: Db, cooperativeId: string, orderId: string): Promise<boolean> {
  const updated = await tx
    .update(orders)
    .set({
      completedAt: sql`now()`,
      status: sql`case when ${orders.status} = 'delivered' then 'completed'::order_status else ${orders.status} end`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(orders.cooperativeId, cooperativeId),
        eq(orders.id, orderId),
        isNull(orders.completedAt),
        isNotNull(orders.deliveredAt),
        inArray(orders.status, ["delivered", "partially_refunded"]),
      ),
    )
    .returning({ id: orders.id });
  if (updated.length !== 1) return false;
  // The members' hold period starts from their lines' completion (decision 32).
  await tx
    .update(orderLines)
    .set({ completedAt: sql`now()` })
    .where(and(eq(orderLines.cooperativeId, cooperativeId), eq(orderLines.orderId, orderId), isNull(orderLines.completedAt)));
  return true;
}

/** Provider messages about the order's payment attempts, from the inbox (without bodies), for the staff timeline. */
export async function inboxEventsOfReferences(db: Db, cooperativeId: string, references: string[]) {
  if (references.length === 0) return [];
  const patterns = references.map((reference) => `%"${escapeLike(reference)}"%`);
  return db
    .select({ id: inboundEvents.id, provider: inboundEvents.provider, status: inboundEvents.status, outcome: inboundEvents.outcome, receivedAt: inboundEvents.receivedAt })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.cooperativeId, cooperativeId), sql`${inboundEvents.rawBody} like any (${sql.raw("array[")}${sql.join(patterns.map((p) => sql`${p}`), sql`, `)}${sql.raw("]")})`))
    .orderBy(asc(inboundEvents.receivedAt))
    .limit(100);
}

/** The cooperative's fulfilment days (settings): to hand over, to complete, to ask for a return. */
export async function fulfilmentDays(db: Db, cooperativeId: string): Promise<{ handoverDays: number; completeAfterDays: number; returnWindowDays: number }> {
  const [row] = await db
    .select({ handoverDays: cooperatives.handoverDays, completeAfterDays: cooperatives.completeAfterDays, returnWindowDays: cooperatives.returnWindowDays })
    .from(cooperatives)
    .where(eq(cooperatives.id, cooperativeId));
  return row ?? { handoverDays: 1, completeAfterDays: 3, returnWindowDays: 7 };
}
