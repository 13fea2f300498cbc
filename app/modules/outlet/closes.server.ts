import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { outletCloses, users } from "~db/schema";
import type { Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { cashTakenOn } from "./sales.server";

export type OutletClose = typeof outletCloses.$inferSelect;

/** Records a day's close once per staff member and day; `undefined` when that day was already closed. */
export async function insertClose(
  tx: Db,
  close: Pick<OutletClose, "cooperativeId" | "businessDate" | "staffUserId" | "cashSales" | "salesCount" | "counted" | "note">,
): Promise<OutletClose | undefined> {
  const [row] = await tx
    .insert(outletCloses)
    .values({ ...close, difference: close.counted - close.cashSales })
    .onConflictDoNothing({ target: [outletCloses.cooperativeId, outletCloses.staffUserId, outletCloses.businessDate] })
    .returning();
  return row;
}

export async function closeOfDay(db: Db, cooperativeId: string, staffUserId: string, businessDate: string): Promise<OutletClose | undefined> {
  const [row] = await db
    .select()
    .from(outletCloses)
    .where(and(eq(outletCloses.cooperativeId, cooperativeId), eq(outletCloses.staffUserId, staffUserId), eq(outletCloses.businessDate, businessDate)));
  return row;
}

/** Every close of the cooperative, newest day first, a page at a time. */
export async function listCloses(db: Db, cooperativeId: string, options: { page: number; pageSize: number }) {
  const where = eq(outletCloses.cooperativeId, cooperativeId);
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: outletCloses.id,
        businessDate: outletCloses.businessDate,
        staffName: users.name,
        cashSales: outletCloses.cashSales,
        salesCount: outletCloses.salesCount,
        counted: outletCloses.counted,
        difference: outletCloses.difference,
        note: outletCloses.note,
        createdAt: outletCloses.createdAt,
      })
      .from(outletCloses)
      .leftJoin(users, eq(users.id, outletCloses.staffUserId))
      .where(where)
      .orderBy(desc(outletCloses.businessDate), desc(outletCloses.createdAt))
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize),
    db.select({ total: count() }).from(outletCloses).where(where),
  ]);
  return { closes: rows, total: counted?.total ?? 0 };
}

export type CloseResult = { ok: true; close: OutletClose } | Refused<"already_closed">;

/**
 * A staff member's close of their day at the counter: the cash they took that day (the cooperative's calendar) is
 * summed from the sales themselves, set against what they counted, and recorded once with the difference, audited.
 */
export async function closeDay(
  db: Db,
  input: { cooperativeId: string; staffUserId: string; businessDate: string; counted: number; note: string; ipAddress?: string },
): Promise<CloseResult> {
  return db.transaction(async (tx) => {
    const day = await cashTakenOn(tx, input.cooperativeId, input.staffUserId, input.businessDate);
    const close = await insertClose(tx, {
      cooperativeId: input.cooperativeId,
      staffUserId: input.staffUserId,
      businessDate: input.businessDate,
      cashSales: day.cashSales,
      salesCount: day.salesCount,
      counted: input.counted,
      note: input.note,
    });
    if (!close) return { ok: false as const, error: "already_closed" as const };
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.staffUserId,
      action: "outlet.day_closed",
      entityType: "outlet_close",
      entityId: close.id,
      after: { businessDate: close.businessDate, cashSales: close.cashSales, counted: close.counted, difference: close.difference, note: close.note },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const, close };
  });
}
