import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { orderLines, returnRequestLines, returnRequests } from "~db/schema";
import type { RefundWithLines } from "./refunds.server";
import { returnRefunded, type ReturnableLine, type ReturnReason, type ReturnRequestView } from "./returns";

export type { ReturnRequestView };

/** An order's return requests with their lines, oldest first (never the photo's bytes). */
export async function returnRequestsOfOrder(db: Db, cooperativeId: string, orderId: string): Promise<ReturnRequestView[]> {
  const rows = await db
    .select({
      id: returnRequests.id,
      status: returnRequests.status,
      reasonCode: returnRequests.reasonCode,
      reason: returnRequests.reason,
      hasPhoto: sql<boolean>`${returnRequests.photo} is not null`,
      decisionNote: returnRequests.decisionNote,
      createdAt: returnRequests.createdAt,
      decidedAt: returnRequests.decidedAt,
    })
    .from(returnRequests)
    .where(and(eq(returnRequests.cooperativeId, cooperativeId), eq(returnRequests.orderId, orderId)))
    .orderBy(asc(returnRequests.createdAt));
  if (rows.length === 0) return [];
  const lines = await db
    .select({ returnRequestId: returnRequestLines.returnRequestId, orderLineId: returnRequestLines.orderLineId, quantity: returnRequestLines.quantity })
    .from(returnRequestLines)
    .where(and(eq(returnRequestLines.cooperativeId, cooperativeId), inArray(returnRequestLines.returnRequestId, rows.map((row) => row.id))));
  return rows.map((row) => ({
    ...row,
    lines: lines.filter((line) => line.returnRequestId === row.id).map(({ orderLineId, quantity }) => ({ orderLineId, quantity })),
  }));
}

/**
 * Each line of the order with what is no longer open to a return: refunded (refunds not failed), plus what requests
 * still ask for (waiting for staff, or accepted and not yet refunded). A declined request frees its quantities.
 */
export function returnableLines(
  lines: { id: string; quantity: number }[],
  refunds: RefundWithLines[],
  requests: ReturnRequestView[],
): ReturnableLine[] {
  const taken = new Map<string, number>();
  const add = (lineId: string, quantity: number) => taken.set(lineId, (taken.get(lineId) ?? 0) + quantity);
  for (const refund of refunds) if (refund.status !== "failed") for (const line of refund.lines) add(line.orderLineId, line.quantity);
  for (const request of requests) {
    if (request.status === "declined" || returnRefunded(request, refunds)) continue;
    for (const line of request.lines) add(line.orderLineId, line.quantity);
  }
  return lines.map((line) => ({ id: line.id, quantity: line.quantity, takenQuantity: Math.min(line.quantity, taken.get(line.id) ?? 0) }));
}

export async function insertReturnRequest(
  tx: Db,
  request: {
    cooperativeId: string;
    orderId: string;
    reasonCode: ReturnReason;
    reason: string;
    photo: { image: Buffer; mimeType: string } | null;
    lines: { orderLineId: string; quantity: number }[];
  },
): Promise<string> {
  const [row] = await tx
    .insert(returnRequests)
    .values({
      cooperativeId: request.cooperativeId,
      orderId: request.orderId,
      reasonCode: request.reasonCode,
      reason: request.reason,
      photo: request.photo?.image ?? null,
      mimeType: request.photo?.mimeType ?? null,
    })
    .returning({ id: returnRequests.id });
  await tx.insert(returnRequestLines).values(request.lines.map((line) => ({ ...line, cooperativeId: request.cooperativeId, returnRequestId: row!.id })));
  return row!.id;
}

/** Staff's decision on a request still waiting, once: the decided row, or undefined when it was decided meanwhile (or is not the order's). */
export async function decideReturnRow(
  tx: Db,
  where: { cooperativeId: string; orderId: string; returnId: string },
  decision: { status: "accepted" | "declined"; note: string; decidedBy: string },
): Promise<ReturnRequestView | undefined> {
  const [row] = await tx
    .update(returnRequests)
    .set({ status: decision.status, decisionNote: decision.note, decidedBy: decision.decidedBy, decidedAt: sql`now()` })
    .where(
      and(
        eq(returnRequests.cooperativeId, where.cooperativeId),
        eq(returnRequests.orderId, where.orderId),
        eq(returnRequests.id, where.returnId),
        eq(returnRequests.status, "requested"),
      ),
    )
    .returning({ id: returnRequests.id });
  if (!row) return undefined;
  return (await returnRequestsOfOrder(tx, where.cooperativeId, where.orderId)).find((request) => request.id === row.id);
}

/** A request's photo, only through the order it belongs to at this cooperative (a link to another order finds nothing). */
export async function returnPhotoOfOrder(db: Db, cooperativeId: string, orderId: string, returnId: string): Promise<{ photo: Buffer; mimeType: string } | undefined> {
  const [row] = await db
    .select({ photo: returnRequests.photo, mimeType: returnRequests.mimeType })
    .from(returnRequests)
    .where(and(eq(returnRequests.cooperativeId, cooperativeId), eq(returnRequests.orderId, orderId), eq(returnRequests.id, returnId)));
  return row?.photo && row.mimeType ? { photo: row.photo, mimeType: row.mimeType } : undefined;
}

/** The names of an order's lines, for e-mails about a return ("2 × Keripik Tempe"). */
export async function lineNames(db: Db, cooperativeId: string, orderId: string): Promise<Map<string, { nameId: string; nameEn: string; variantName: string }>> {
  const rows = await db
    .select({ id: orderLines.id, nameId: orderLines.nameId, nameEn: orderLines.nameEn, variantName: orderLines.variantName })
    .from(orderLines)
    .where(and(eq(orderLines.cooperativeId, cooperativeId), eq(orderLines.orderId, orderId)));
  return new Map(rows.map(({ id, ...names }) => [id, names]));
}
