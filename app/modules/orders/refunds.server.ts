import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { orderLines, refundLines, refunds } from "~db/schema";
import type { RefundableLine, RefundPlan } from "./refund-plan";

export type Refund = typeof refunds.$inferSelect;
export type RefundMethod = Refund["method"];
export type RefundStatus = Refund["status"];

/** The order's lines with what already went back of each (refunds not failed), and the shipping and total returned. */
export async function refundableOf(
  db: Db,
  cooperativeId: string,
  orderId: string,
): Promise<{ lines: RefundableLine[]; already: { shipping: number; total: number } }> {
  const [lines, [totals]] = await Promise.all([
    db
      .select({
        id: orderLines.id,
        unitPrice: orderLines.unitPrice,
        quantity: orderLines.quantity,
        refundedQuantity: sql<number>`coalesce((
          select sum(rl.quantity) from ${refundLines} rl join ${refunds} r on r.cooperative_id = rl.cooperative_id and r.id = rl.refund_id
          where rl.cooperative_id = order_lines.cooperative_id and rl.order_line_id = order_lines.id and r.status <> 'failed'), 0)`.mapWith(Number),
      })
      .from(orderLines)
      .where(and(eq(orderLines.cooperativeId, cooperativeId), eq(orderLines.orderId, orderId)))
      .orderBy(asc(orderLines.nameId), asc(orderLines.sku)),
    db
      .select({
        shipping: sql<number>`coalesce(sum(${refunds.shippingAmount}), 0)`.mapWith(Number),
        total: sql<number>`coalesce(sum(${refunds.amount}), 0)`.mapWith(Number),
      })
      .from(refunds)
      .where(and(eq(refunds.cooperativeId, cooperativeId), eq(refunds.orderId, orderId), ne(refunds.status, "failed"))),
  ]);
  return { lines, already: { shipping: totals?.shipping ?? 0, total: totals?.total ?? 0 } };
}

/** Records a refund and its lines (the intent, before any provider is called). */
export async function insertRefund(
  tx: Db,
  refund: { cooperativeId: string; orderId: string; paymentId: string; method: RefundMethod; reason: string; requestedBy: string | null },
  plan: RefundPlan,
): Promise<Refund> {
  const [created] = await tx
    .insert(refunds)
    .values({
      ...refund,
      status: refund.method === "manual" ? "awaiting_treasurer" : "pending",
      amount: plan.amount,
      shippingAmount: plan.shippingAmount,
      // Letters, digits and dashes only (Midtrans's refund_key rule), unique across the deployment.
      refundKey: `rf-${randomBytes(12).toString("hex")}`,
    })
    .returning();
  if (plan.lines.length > 0) {
    await tx.insert(refundLines).values(plan.lines.map((line) => ({ ...line, cooperativeId: refund.cooperativeId, refundId: created!.id })));
  }
  return created!;
}

export async function getRefund(db: Db, cooperativeId: string, refundId: string): Promise<Refund | undefined> {
  const [refund] = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.cooperativeId, cooperativeId), eq(refunds.id, refundId)));
  return refund;
}

/**
 * Settles an open refund once: `succeeded` or `failed`. Answers the settled row, or undefined when it was already
 * settled (a provider's answer and its notification both arriving, a treasurer's double click).
 */
export async function settleRefundRow(
  tx: Db,
  cooperativeId: string,
  refundId: string,
  outcome: { status: "succeeded" | "failed"; providerRefundId?: string | null; failure?: string | null; confirmedBy?: string | null; transferReference?: string },
): Promise<Refund | undefined> {
  const [settled] = await tx
    .update(refunds)
    .set({
      status: outcome.status,
      providerRefundId: outcome.providerRefundId ?? sql`${refunds.providerRefundId}`,
      failure: outcome.failure ?? null,
      confirmedBy: outcome.confirmedBy ?? null,
      transferReference: outcome.transferReference ?? "",
      settledAt: sql`now()`,
    })
    .where(and(eq(refunds.cooperativeId, cooperativeId), eq(refunds.id, refundId), inArray(refunds.status, ["pending", "awaiting_treasurer"])))
    .returning();
  return settled;
}

/** Notes the provider's id of a refund that is still waiting for its outcome. */
export async function noteProviderRefundId(db: Db, cooperativeId: string, refundId: string, providerRefundId: string): Promise<void> {
  await db
    .update(refunds)
    .set({ providerRefundId })
    .where(and(eq(refunds.cooperativeId, cooperativeId), eq(refunds.id, refundId)));
}

/** The money that has gone back from an order (refunds that succeeded). */
export async function refundedTotal(db: Db, cooperativeId: string, orderId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${refunds.amount}), 0)`.mapWith(Number) })
    .from(refunds)
    .where(and(eq(refunds.cooperativeId, cooperativeId), eq(refunds.orderId, orderId), eq(refunds.status, "succeeded")));
  return row?.total ?? 0;
}

export interface RefundWithLines extends Refund {
  lines: { orderLineId: string; quantity: number; amount: number; restockedAt: Date | null }[];
}

export async function refundsOfOrder(db: Db, cooperativeId: string, orderId: string): Promise<RefundWithLines[]> {
  const rows = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.cooperativeId, cooperativeId), eq(refunds.orderId, orderId)))
    .orderBy(asc(refunds.createdAt));
  if (rows.length === 0) return [];
  const lines = await db
    .select({ refundId: refundLines.refundId, orderLineId: refundLines.orderLineId, quantity: refundLines.quantity, amount: refundLines.amount, restockedAt: refundLines.restockedAt })
    .from(refundLines)
    .where(and(eq(refundLines.cooperativeId, cooperativeId), inArray(refundLines.refundId, rows.map((row) => row.id))));
  return rows.map((row) => ({ ...row, lines: lines.filter((line) => line.refundId === row.id) }));
}

/** What one refund gives back of each line. */
export async function linesOfRefund(db: Db, cooperativeId: string, refundId: string): Promise<{ orderLineId: string; amount: number }[]> {
  return db
    .select({ orderLineId: refundLines.orderLineId, amount: refundLines.amount })
    .from(refundLines)
    .where(and(eq(refundLines.cooperativeId, cooperativeId), eq(refundLines.refundId, refundId)));
}

/** Open refunds of a payment, oldest first (to settle from a provider's notification). */
export async function openRefundsOfPayment(db: Db, cooperativeId: string, paymentId: string): Promise<Refund[]> {
  return db
    .select()
    .from(refunds)
    .where(and(eq(refunds.cooperativeId, cooperativeId), eq(refunds.paymentId, paymentId), eq(refunds.status, "pending")))
    .orderBy(asc(refunds.createdAt));
}

/** Refunds a treasurer must still transfer and confirm, oldest first. */
export async function refundsAwaitingTreasurer(db: Db, cooperativeId: string): Promise<Refund[]> {
  return db
    .select()
    .from(refunds)
    .where(and(eq(refunds.cooperativeId, cooperativeId), eq(refunds.status, "awaiting_treasurer")))
    .orderBy(asc(refunds.createdAt))
    .limit(100);
}

/**
 * Marks a refunded line's goods as back on sale, once (decision 38): the conditional update on `restocked_at` is
 * what makes two taps, two staff or a replay return the stock only once. Answers the quantity and the variant to
 * give back, or why not. A failed refund's goods are not the shop's to restock.
 */
export async function markRefundLineRestocked(
  tx: Db,
  cooperativeId: string,
  refundId: string,
  orderLineId: string,
  by: string,
): Promise<{ ok: true; quantity: number; variantId: string; orderId: string } | { ok: false; error: "not_found" | "already_restocked" | "refund_failed" }> {
  const [updated] = await tx.execute<{ quantity: number; variant_id: string; order_id: string }>(sql`
    update refund_lines rl set restocked_at = now(), restocked_by = ${by}
    from refunds r, order_lines ol
    where rl.cooperative_id = ${cooperativeId} and rl.refund_id = ${refundId} and rl.order_line_id = ${orderLineId}
      and rl.restocked_at is null
      and r.cooperative_id = rl.cooperative_id and r.id = rl.refund_id and r.status <> 'failed'
      and ol.cooperative_id = rl.cooperative_id and ol.id = rl.order_line_id
    returning rl.quantity, ol.variant_id, ol.order_id`);
  if (updated) return { ok: true, quantity: Number(updated.quantity), variantId: updated.variant_id, orderId: updated.order_id };
  const [found] = await tx
    .select({ restockedAt: refundLines.restockedAt, status: refunds.status })
    .from(refundLines)
    .innerJoin(refunds, and(eq(refunds.cooperativeId, refundLines.cooperativeId), eq(refunds.id, refundLines.refundId)))
    .where(and(eq(refundLines.cooperativeId, cooperativeId), eq(refundLines.refundId, refundId), eq(refundLines.orderLineId, orderLineId)));
  if (!found) return { ok: false, error: "not_found" };
  return { ok: false, error: found.status === "failed" ? "refund_failed" : "already_restocked" };
}

/** The order a refund belongs to, within the cooperative. */
export async function orderOfRefund(db: Db, cooperativeId: string, refundId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ orderId: refunds.orderId })
    .from(refunds)
    .where(and(eq(refunds.cooperativeId, cooperativeId), eq(refunds.id, refundId)));
  return row?.orderId;
}

/** Units of each order line already put back on sale after a refund (a cancellation then releases only the rest). */
export async function restockedQuantities(db: Db, cooperativeId: string, orderId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ orderLineId: refundLines.orderLineId, quantity: sql<number>`sum(${refundLines.quantity})`.mapWith(Number) })
    .from(refundLines)
    .innerJoin(orderLines, and(eq(orderLines.cooperativeId, refundLines.cooperativeId), eq(orderLines.id, refundLines.orderLineId)))
    .where(and(eq(refundLines.cooperativeId, cooperativeId), eq(orderLines.orderId, orderId), isNotNull(refundLines.restockedAt)))
    .groupBy(refundLines.orderLineId);
  return new Map(rows.map((row) => [row.orderLineId, row.quantity]));
}
