import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { orderLines, orders, outletSales, payments, users } from "~db/schema";

export type OutletMethod = (typeof outletSales.$inferInsert)["method"];
export type OutletSale = typeof outletSales.$inferSelect;

/** Who sold an order at the counter, on which day, and how it was paid; in the sale's transaction. */
export async function recordOutletSale(tx: Db, sale: typeof outletSales.$inferInsert): Promise<void> {
  await tx.insert(outletSales).values(sale);
}

/** An order of channel `outlet` that was paid moves to completed: it was handed over at the counter. */
export async function completeOutletOrder(tx: Db, cooperativeId: string, orderId: string): Promise<boolean> {
  const updated = await tx
    .update(orders)
    .set({ status: "completed", completedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(orders.cooperativeId, cooperativeId), eq(orders.id, orderId), eq(orders.channel, "outlet"), eq(orders.status, "paid")))
    .returning({ id: orders.id });
  if (updated.length !== 1) return false;
  // Handed over at the counter: the members' hold period starts now (decision 32).
  await tx.update(orderLines).set({ completedAt: sql`now()` }).where(and(eq(orderLines.cooperativeId, cooperativeId), eq(orderLines.orderId, orderId)));
  return true;
}

export interface CounterReceipt {
  order: Pick<typeof orders.$inferSelect, "id" | "number" | "status" | "total" | "createdAt" | "paidAt">;
  sale: Pick<OutletSale, "method" | "cashGiven" | "change" | "businessDate" | "qrString">;
  soldByName: string | null;
  lines: Pick<typeof orderLines.$inferSelect, "nameId" | "nameEn" | "variantName" | "sku" | "unitPrice" | "quantity" | "lineTotal">[];
}

/** A counter sale as its receipt shows it; only this cooperative's outlet orders (another's id is not found). */
export async function counterReceipt(db: Db, cooperativeId: string, orderId: string): Promise<CounterReceipt | undefined> {
  const [row] = await db
    .select({
      order: { id: orders.id, number: orders.number, status: orders.status, total: orders.total, createdAt: orders.createdAt, paidAt: orders.paidAt },
      sale: {
        method: outletSales.method,
        cashGiven: outletSales.cashGiven,
        change: outletSales.change,
        businessDate: outletSales.businessDate,
        qrString: outletSales.qrString,
      },
      soldByName: users.name,
    })
    .from(outletSales)
    .innerJoin(orders, and(eq(orders.cooperativeId, outletSales.cooperativeId), eq(orders.id, outletSales.orderId)))
    .leftJoin(users, eq(users.id, outletSales.soldBy))
    .where(and(eq(outletSales.cooperativeId, cooperativeId), eq(outletSales.orderId, orderId), eq(orders.channel, "outlet")));
  if (!row) return undefined;
  const lines = await db
    .select({
      nameId: orderLines.nameId,
      nameEn: orderLines.nameEn,
      variantName: orderLines.variantName,
      sku: orderLines.sku,
      unitPrice: orderLines.unitPrice,
      quantity: orderLines.quantity,
      lineTotal: orderLines.lineTotal,
    })
    .from(orderLines)
    .where(and(eq(orderLines.cooperativeId, cooperativeId), eq(orderLines.orderId, orderId)))
    .orderBy(asc(orderLines.nameId), asc(orderLines.sku));
  return { ...row, lines };
}

export interface CashDay {
  /** Cash taken for sales still standing (paid or completed), whole rupiah. */
  cashSales: number;
  salesCount: number;
}

/** Cash a staff member took at the counter on one day of the cooperative's calendar. */
export async function cashTakenOn(db: Db, cooperativeId: string, staffUserId: string, businessDate: string): Promise<CashDay> {
  const [row] = await db
    .select({ cashSales: sql<string>`coalesce(sum(${payments.amount}), 0)`, salesCount: sql<number>`count(*)::int` })
    .from(outletSales)
    .innerJoin(orders, and(eq(orders.cooperativeId, outletSales.cooperativeId), eq(orders.id, outletSales.orderId)))
    .innerJoin(payments, and(eq(payments.cooperativeId, orders.cooperativeId), eq(payments.orderId, orders.id), eq(payments.status, "paid")))
    .where(
      and(
        eq(outletSales.cooperativeId, cooperativeId),
        eq(outletSales.soldBy, staffUserId),
        eq(outletSales.businessDate, businessDate),
        eq(outletSales.method, "cash"),
        inArray(orders.status, ["paid", "completed"]),
      ),
    );
  return { cashSales: Number(row?.cashSales ?? 0), salesCount: row?.salesCount ?? 0 };
}

/** The latest counter sales of a day, for the close screen. */
export async function salesOfDay(db: Db, cooperativeId: string, staffUserId: string, businessDate: string) {
  return db
    .select({ orderId: orders.id, number: orders.number, total: orders.total, status: orders.status, method: outletSales.method, createdAt: orders.createdAt })
    .from(outletSales)
    .innerJoin(orders, and(eq(orders.cooperativeId, outletSales.cooperativeId), eq(orders.id, outletSales.orderId)))
    .where(and(eq(outletSales.cooperativeId, cooperativeId), eq(outletSales.soldBy, staffUserId), eq(outletSales.businessDate, businessDate)))
    .orderBy(desc(orders.createdAt))
    .limit(200);
}

/** What Midtrans gave for a counter sale's QRIS. */
export async function recordQrisCharge(tx: Db, cooperativeId: string, orderId: string, charge: { qrString: string; qrImageUrl: string | null }): Promise<void> {
  await tx
    .update(outletSales)
    .set({ qrString: charge.qrString, qrImageUrl: charge.qrImageUrl })
    .where(and(eq(outletSales.cooperativeId, cooperativeId), eq(outletSales.orderId, orderId)));
}
