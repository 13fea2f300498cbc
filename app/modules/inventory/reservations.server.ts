import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { stockMovements } from "~db/schema";

export interface StockLine {
  variantId: string;
  quantity: number;
}

export type ReserveResult = { ok: true } | { ok: false; error: "sold_out"; shortages: { variantId: string; available: number }[] };

/** One line per variant, in a fixed order: concurrent orders then take row locks in the same order and never deadlock. */
function combined(lines: readonly StockLine[]): StockLine[] {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.variantId, (totals.get(line.variantId) ?? 0) + line.quantity);
  return [...totals].map(([variantId, quantity]) => ({ variantId, quantity })).sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
}

/**
 * Takes an order's stock, inside the order's transaction: each variant's stock goes down only where enough is
 * left (a conditional update; `stock >= 0` is also a table check), so however many shoppers buy at once, stock
 * never goes below zero. When anything is short, nothing is taken in the caller's eyes: the caller rolls the
 * transaction back, and the answer says what is left of each short variant.
 */
export async function reserveStock(tx: Db, cooperativeId: string, orderId: string, lines: readonly StockLine[]): Promise<ReserveResult> {
  const shortages: { variantId: string; available: number }[] = [];
  for (const line of combined(lines)) {
    const [taken] = await tx.execute<{ id: string }>(sql`
      update product_variants set stock = stock - ${line.quantity}
      where cooperative_id = ${cooperativeId} and id = ${line.variantId} and stock >= ${line.quantity}
      returning id`);
    if (!taken) {
      const [row] = await tx.execute<{ stock: number }>(sql`
        select stock from product_variants where cooperative_id = ${cooperativeId} and id = ${line.variantId}`);
      shortages.push({ variantId: line.variantId, available: row?.stock ?? 0 });
    }
  }
  if (shortages.length > 0) return { ok: false, error: "sold_out", shortages };
  await tx.insert(stockMovements).values(
    combined(lines).map((line) => ({ cooperativeId, variantId: line.variantId, orderId, delta: -line.quantity, reason: "reserved" as const })),
  );
  return { ok: true };
}

/**
 * Gives an order's stock back (expiry, cancellation). The caller makes sure this happens once per order, by
 * marking the order in the same transaction.
 */
export async function releaseStock(tx: Db, cooperativeId: string, orderId: string, lines: readonly StockLine[]): Promise<void> {
  for (const line of combined(lines)) {
    await tx.execute(sql`
      update product_variants set stock = stock + ${line.quantity}
      where cooperative_id = ${cooperativeId} and id = ${line.variantId}`);
  }
  if (lines.length === 0) return;
  await tx.insert(stockMovements).values(
    combined(lines).map((line) => ({ cooperativeId, variantId: line.variantId, orderId, delta: line.quantity, reason: "released" as const })),
  );
}
