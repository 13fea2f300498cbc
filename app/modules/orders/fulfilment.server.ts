import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
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
  receivedAt: Date | null;
  dueAt: Date;
}

const dueAt = sql<Date>`${orders.paidAt} + make_interval(days => ${cooperatives.handoverDays})`.mapWith((value: string | Date) => new Date(value));

/**
 * The hand-over sheet of one day (decision 38): each line still to bring whose due date (`handover_days` after
 * payment) falls before the day ends, overdue ones included, and the lines received during the day or due that day,
 * so the printed sheet shows what came in short or damaged. Ordered by business, then oldest due first.
 */
export async function handoverSheet(db: Db, cooperativeId: string, day: { start: Date; end: Date }): Promise<HandoverLine[]> {
  const open = and(
    isNull(orderLines.receivedAt),
    inArray(orders.status, handoverStatuses),
    isNull(orders.shippedAt),
    isNull(orders.deliveredAt),
    sql`${dueAt} < ${day.end.toISOString()}::timestamptz`,
  );
  const startAt = sql`${day.start.toISOString()}::timestamptz`;
  // Received lines stay on the sheet of the day they came in and of the day they were due (brought early).
  const receivedThatDay = and(
    isNotNull(orderLines.receivedAt),
    or(and(gte(orderLines.receivedAt, day.start), lt(orderLines.receivedAt, day.end)), sql`${dueAt} >= ${startAt} and ${dueAt} < ${day.end.toISOString()}::timestamptz`),
  );
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
      receivedAt: orderLines.receivedAt,
      dueAt,
    })
    .from(orderLines)
    .innerJoin(orders, and(eq(orders.cooperativeId, orderLines.cooperativeId), eq(orders.id, orderLines.orderId)))
    .innerJoin(members, and(eq(members.cooperativeId, orderLines.cooperativeId), eq(members.id, orderLines.memberId)))
    .innerJoin(cooperatives, eq(cooperatives.id, orders.cooperativeId))
    .where(and(eq(orderLines.cooperativeId, cooperativeId), isNotNull(orders.paidAt), or(open, receivedThatDay)))
    .orderBy(asc(members.businessName), asc(orders.paidAt), asc(orderLines.nameId), asc(orderLines.id))
    .limit(1000);
}

export interface HandoverBusiness {
  memberId: string;
  businessName: string;
  /** Units still to bring. */
  toBring: number;
  lines: HandoverLine[];
}

/** The sheet's lines grouped per member business, in the order they came (by business name). */
export function groupByBusiness(lines: readonly HandoverLine[]): HandoverBusiness[] {
  const groups = new Map<string, HandoverBusiness>();
  for (const line of lines) {
    const group = groups.get(line.memberId) ?? { memberId: line.memberId, businessName: line.businessName, toBring: 0, lines: [] };
    group.lines.push(line);
    if (!line.receivedAt) group.toBring += line.quantity;
    groups.set(line.memberId, group);
  }
  return [...groups.values()];
}

/** Order numbers of the cooperative's orders among `ids` (others' ids are simply absent). */
export async function orderNumbersOf(db: Db, cooperativeId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: orders.id, number: orders.number })
    .from(orders)
    .where(and(eq(orders.cooperativeId, cooperativeId), inArray(orders.id, [...ids])));
  return new Map(rows.map((row) => [row.id, row.number]));
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
