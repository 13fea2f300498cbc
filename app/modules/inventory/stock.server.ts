import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { productVariants, products, stockMovements } from "~db/schema";
import type { ErrorTable, Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";

export type StockReason = (typeof stockMovements.$inferInsert)["reason"];

export const inventoryErrors = {
  not_found: { status: 404, message: "stock.error.variant", field: "delta" },
  insufficient: { status: 409, message: "stock.error.belowZero", field: "delta" },
  zero: { status: 422, message: "stock.error.delta", field: "delta" },
} satisfies ErrorTable;

export type StockError = keyof typeof inventoryErrors;
export type StockResult = { ok: true; stock: number } | Refused<StockError>;

/**
 * Changes a variant's stock by `delta` and records the movement, in one transaction. The update only
 * happens when the result stays at or above zero (and `stock >= 0` is also a table check), so
 * concurrent sales or corrections can never oversell. `memberId` limits the change to that member's
 * own products; staff changes are audited.
 */
export async function adjustStock(
  db: Db,
  input: {
    cooperativeId: string;
    variantId: string;
    delta: number;
    reason: StockReason;
    note?: string;
    actorUserId?: string | null;
    memberId?: string;
    staff?: boolean;
    ipAddress?: string;
  },
): Promise<StockResult> {
  if (!Number.isSafeInteger(input.delta) || input.delta === 0) return { ok: false, error: "zero" };
  return db.transaction(async (tx) => {
    const ownership = input.memberId
      ? sql`and exists (select 1 from products p where p.cooperative_id = ${productVariants.cooperativeId}
          and p.id = ${productVariants.productId} and p.member_id = ${input.memberId})`
      : sql``;
    const [updated] = await tx.execute<{ stock: number; before: number }>(sql`
      update product_variants set stock = stock + ${input.delta}
      where cooperative_id = ${input.cooperativeId} and id = ${input.variantId}
        and stock + ${input.delta} >= 0 ${ownership}
      returning stock, stock - ${input.delta} as before`);
    if (!updated) {
      const [exists] = await tx
        .select({ id: productVariants.id })
        .from(productVariants)
        .innerJoin(products, and(eq(products.cooperativeId, productVariants.cooperativeId), eq(products.id, productVariants.productId)))
        .where(
          and(
            eq(productVariants.cooperativeId, input.cooperativeId),
            eq(productVariants.id, input.variantId),
            input.memberId ? eq(products.memberId, input.memberId) : undefined,
          ),
        );
      return { ok: false as const, error: exists ? ("insufficient" as const) : ("not_found" as const) };
    }
    await tx.insert(stockMovements).values({
      cooperativeId: input.cooperativeId,
      variantId: input.variantId,
      delta: input.delta,
      reason: input.reason,
      note: input.note ?? "",
      actorUserId: input.actorUserId ?? null,
    });
    if (input.staff) {
      await recordAudit(tx, {
        cooperativeId: input.cooperativeId,
        actorUserId: input.actorUserId ?? null,
        action: "stock.adjusted",
        entityType: "product_variant",
        entityId: input.variantId,
        before: { stock: updated.before },
        after: { stock: updated.stock, reason: input.reason, note: input.note ?? "" },
        ipAddress: input.ipAddress,
      });
    }
    return { ok: true as const, stock: updated.stock };
  });
}

export async function stockHistory(db: Db, cooperativeId: string, variantId: string, limit = 50) {
  return db
    .select()
    .from(stockMovements)
    .where(and(eq(stockMovements.cooperativeId, cooperativeId), eq(stockMovements.variantId, variantId)))
    .orderBy(desc(stockMovements.createdAt))
    .limit(limit);
}
