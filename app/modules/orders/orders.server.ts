import { and, asc, count, desc, eq, exists, gte, ilike, inArray, isNotNull, isNull, like, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { cooperatives, orderCounters, orderLinks, orderLines, orders } from "~db/schema";
import { hashToken, newToken } from "~/lib/tokens.server";
import { formatOrderNumber, type OrderStatus } from "./status";
import { escapeLike } from "~/lib/sql-like";
import { uuidPattern } from "~/lib/ids";

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
export type NewOrder = Omit<typeof orders.$inferInsert, "number" | "status" | "createdAt" | "updatedAt">;
export type NewOrderLine = Omit<typeof orderLines.$inferInsert, "id" | "cooperativeId" | "orderId">;

/**
 * The next order number of the cooperative's year, in one statement. Takes the year's counter row lock until the
 * transaction ends, so call it after stock is reserved: buyers who find nothing left never wait on it, and the
 * numbers have no gaps from rolled-back orders.
 */
export async function nextOrderNumber(tx: Db, cooperativeId: string, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const [counter] = await tx
    .insert(orderCounters)
    .values({ cooperativeId, year, last: 1 })
    .onConflictDoUpdate({ target: [orderCounters.cooperativeId, orderCounters.year], set: { last: sql`${orderCounters.last} + 1` } })
    .returning({ last: orderCounters.last, prefix: sql<string>`(select ${cooperatives.orderPrefix} from ${cooperatives} where ${cooperatives.id} = ${cooperativeId})` });
  return formatOrderNumber(counter!.prefix, year, counter!.last);
}

/** The order and its lines, sent together (pipelined: one round trip inside the order's transaction). */
export async function insertOrder(tx: Db, order: NewOrder & { id: string; number: string }, lines: NewOrderLine[]): Promise<void> {
  await Promise.all([
    tx.insert(orders).values(order),
    tx.insert(orderLines).values(lines.map((line) => ({ ...line, cooperativeId: order.cooperativeId, orderId: order.id }))),
  ]);
}

/** A new private link to the order's page; only its hash is kept. */
export async function issueOrderLink(db: Db, cooperativeId: string, orderId: string): Promise<string> {
  const { token, hash } = newToken();
  await db.insert(orderLinks).values({ tokenHash: hash, cooperativeId, orderId });
  return token;
}

/** The order a private link opens, at this cooperative's shop only. */
export async function orderIdForLink(db: Db, cooperativeId: string, token: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [link] = await db
    .select({ orderId: orderLinks.orderId })
    .from(orderLinks)
    .where(and(eq(orderLinks.tokenHash, hashToken(token)), eq(orderLinks.cooperativeId, cooperativeId)));
  return link?.orderId;
}

export async function getOrder(db: Db, cooperativeId: string, orderId: string): Promise<{ order: Order; lines: OrderLine[] } | undefined> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.cooperativeId, cooperativeId), eq(orders.id, orderId)));
  if (!order) return undefined;
  const lines = await db
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.cooperativeId, cooperativeId), eq(orderLines.orderId, orderId)))
    .orderBy(asc(orderLines.nameId), asc(orderLines.sku));
  return { order, lines };
}

/** Locks the order's row for the rest of the transaction, so two appliers never decide about it at once. */
export async function lockOrder(tx: Db, cooperativeId: string, orderId: string): Promise<Order | undefined> {
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.cooperativeId, cooperativeId), eq(orders.id, orderId)))
    .for("update");
  return order;
}

/** Moves an unpaid order to paid; false when it was no longer waiting for payment. */
export async function markOrderPaid(tx: Db, cooperativeId: string, orderId: string, paidAt: Date): Promise<boolean> {
  const updated = await tx
    .update(orders)
    .set({ status: "paid", paidAt, updatedAt: sql`now()` })
    .where(and(eq(orders.cooperativeId, cooperativeId), eq(orders.id, orderId), eq(orders.status, "pending_payment")))
    .returning({ id: orders.id });
  return updated.length === 1;
}

/**
 * Ends an unpaid order (`expired` or `cancelled`) and marks its stock released, once: false when the order was
 * not waiting for payment or its stock was already given back. The caller releases the stock in the same
 * transaction when this answers true.
 */
export async function endUnpaidOrder(tx: Db, cooperativeId: string, orderId: string, status: Extract<OrderStatus, "expired" | "cancelled">): Promise<boolean> {
  const updated = await tx
    .update(orders)
    .set({ status, stockReleasedAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(eq(orders.cooperativeId, cooperativeId), eq(orders.id, orderId), eq(orders.status, "pending_payment"), isNull(orders.stockReleasedAt)),
    )
    .returning({ id: orders.id });
  return updated.length === 1;
}

/** Unpaid orders whose time to pay has passed, oldest first, across cooperatives (for the expiry job). */
export async function ordersDueToExpire(db: Db, now: Date, limit: number): Promise<Pick<Order, "id" | "cooperativeId" | "paymentProvider">[]> {
  return db
    .select({ id: orders.id, cooperativeId: orders.cooperativeId, paymentProvider: orders.paymentProvider })
    .from(orders)
    .where(and(eq(orders.status, "pending_payment"), lte(orders.expiresAt, now)))
    .orderBy(asc(orders.expiresAt))
    .limit(limit);
}

export interface OrderListPage {
  orders: (Pick<Order, "id" | "number" | "status" | "contactName" | "total" | "paymentProvider" | "deliveryMethod" | "createdAt"> & {
    paid: boolean;
    shipped: boolean;
  })[];
  total: number;
}

export interface OrderListFilter {
  statuses?: OrderStatus[];
  /** Part of the number, the name, the phone (digits) or the e-mail. */
  search?: string;
  /** `paid`: a payment counted; `unpaid`: none yet. */
  payment?: "paid" | "unpaid";
  provider?: "midtrans" | "stripe" | "manual";
  delivery?: "courier" | "local" | "pickup";
  /** Placed on or after / before (UTC instants: the route turns the cooperative's dates into them). */
  from?: Date;
  to?: Date;
  /** A member business with a line in the order. */
  memberId?: string;
  page: number;
  pageSize: number;
}

function likePattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

export async function listOrders(db: Db, cooperativeId: string, filter: OrderListFilter): Promise<OrderListPage> {
  const search = filter.search?.trim();
  const digits = search?.replace(/\D/g, "") ?? "";
  const where = and(
    eq(orders.cooperativeId, cooperativeId),
    filter.statuses?.length ? inArray(orders.status, filter.statuses) : undefined,
    search
      ? or(
          ilike(orders.number, likePattern(search)),
          ilike(orders.contactName, likePattern(search)),
          ilike(orders.email, likePattern(search)),
          // Phones are stored +62...: "0812 345" finds "+62812345...".
          digits.length >= 4 ? like(orders.phone, likePattern(digits.replace(/^0/, ""))) : undefined,
        )
      : undefined,
    filter.payment === "paid" ? isNotNull(orders.paidAt) : filter.payment === "unpaid" ? isNull(orders.paidAt) : undefined,
    filter.provider ? eq(orders.paymentProvider, filter.provider) : undefined,
    filter.delivery ? eq(orders.deliveryMethod, filter.delivery) : undefined,
    filter.from ? gte(orders.createdAt, filter.from) : undefined,
    filter.to ? lt(orders.createdAt, filter.to) : undefined,
    filter.memberId
      ? exists(
          db
            .select({ one: sql`1` })
            .from(orderLines)
            .where(and(eq(orderLines.cooperativeId, orders.cooperativeId), eq(orderLines.orderId, orders.id), eq(orderLines.memberId, filter.memberId))),
        )
      : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        contactName: orders.contactName,
        total: orders.total,
        paymentProvider: orders.paymentProvider,
        deliveryMethod: orders.deliveryMethod,
        createdAt: orders.createdAt,
        paid: sql<boolean>`${orders.paidAt} is not null`,
        shipped: sql<boolean>`${orders.shippedAt} is not null or ${orders.deliveredAt} is not null`,
      })
      .from(orders)
      .where(where)
      .orderBy(desc(orders.createdAt))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ total: count() }).from(orders).where(where),
  ]);
  return { orders: rows, total: counted?.total ?? 0 };
}

/** Whether the order was placed by this signed-in shopper at this cooperative (an id alone opens nothing). */
export async function orderOfUser(db: Db, cooperativeId: string, userId: string, orderId: string): Promise<boolean> {
  if (!uuidPattern.test(orderId)) return false;
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.cooperativeId, cooperativeId), eq(orders.userId, userId), eq(orders.id, orderId)));
  return Boolean(row);
}

export interface ShopperOrderList {
  orders: Pick<Order, "id" | "number" | "status" | "total" | "createdAt">[];
  total: number;
}

/** A signed-in shopper's own orders at this cooperative, newest first, a page at a time. */
export async function ordersOfUser(db: Db, cooperativeId: string, userId: string, page: { page: number; pageSize: number }): Promise<ShopperOrderList> {
  const where = and(eq(orders.cooperativeId, cooperativeId), eq(orders.userId, userId));
  const [rows, [counted]] = await Promise.all([
    db
      .select({ id: orders.id, number: orders.number, status: orders.status, total: orders.total, createdAt: orders.createdAt })
      .from(orders)
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(orders).where(where),
  ]);
  return { orders: rows, total: counted?.total ?? 0 };
}
