import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { stockMovements } from "~db/schema";
import { uuidArray } from "~/lib/sql-arrays.server";

export interface StockLine {
  variantId: string;
  quantity: number;
}

export interface StockLeft {
  variantId: string;
  /** Stock after the reservation (a short line: what there was). */
  available: number;
}

export type ReserveResult = { ok: true; left: StockLeft[] } | { ok: false; error: "sold_out"; shortages: StockLeft[] };

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
 *
 * The updates and the movements go to Postgres in one pipelined round trip (in variant order, so locks are still
 * taken in that order): the first update takes a row lock every other buyer of that variant waits on, so the fewer
 * round trips the order's transaction makes after it, the shorter a rush's queue.
 */
export async function reserveStock(tx: Db, cooperativeId: string, orderId: string, lines: readonly StockLine[]): Promise<ReserveResult> {
  const wanted = combined(lines);
  const [taken] = await Promise.all([
    Promise.all(
      wanted.map((line) =>
        tx.execute<{ stock: number }>(sql`
          update product_variants set stock = stock - ${line.quantity}
          where cooperative_id = ${cooperativeId} and id = ${line.variantId} and stock >= ${line.quantity}
          returning stock`),
      ),
    ),
    tx.insert(stockMovements).values(wanted.map((line) => ({ cooperativeId, variantId: line.variantId, orderId, delta: -line.quantity, reason: "reserved" as const }))),
  ]);
  const short = wanted.filter((_, index) => taken[index]!.length === 0);
  if (short.length === 0) return { ok: true, left: wanted.map((line, index) => ({ variantId: line.variantId, available: taken[index]![0]!.stock })) };
  const rows = await tx.execute<{ id: string; stock: number }>(sql`
    select id, stock from product_variants where cooperative_id = ${cooperativeId} and id = any(${uuidArray(short.map((line) => line.variantId))})`);
  const left = new Map(rows.map((row) => [row.id, row.stock]));
  return { ok: false, error: "sold_out", shortages: short.map((line) => ({ variantId: line.variantId, available: left.get(line.variantId) ?? 0 })) };
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

/**
 * Puts goods that came back sound on sale again (a refunded line restocked, decision 38), with a `returned`
 * movement. The caller makes sure this happens once, by marking the refunded line in the same transaction.
 */
export async function returnToStock(
  tx: Db,
  input: { cooperativeId: string; orderId: string; variantId: string; quantity: number; actorUserId: string; note: string },
): Promise<{ before: number; after: number } | undefined> {
  const [updated] = await tx.execute<{ stock: number }>(sql`
    update product_variants set stock = stock + ${input.quantity}
    where cooperative_id = ${input.cooperativeId} and id = ${input.variantId}
    returning stock`);
  if (!updated) return undefined;
  await tx.insert(stockMovements).values({
    cooperativeId: input.cooperativeId,
    variantId: input.variantId,
    orderId: input.orderId,
    delta: input.quantity,
    reason: "returned",
    note: input.note,
    actorUserId: input.actorUserId,
  });
  return { before: Number(updated.stock) - input.quantity, after: Number(updated.stock) };
}
