import type { returnReason, returnStatus } from "~db/schema";
import type { ErrorTable, Refused } from "~/lib/results";

export type ReturnStatus = (typeof returnStatus.enumValues)[number];
export type ReturnReason = (typeof returnReason.enumValues)[number];

/** A return request as pages show it (never the photo's bytes). */
export interface ReturnRequestView {
  id: string;
  status: ReturnStatus;
  reasonCode: ReturnReason;
  reason: string;
  hasPhoto: boolean;
  decisionNote: string;
  createdAt: Date;
  decidedAt: Date | null;
  lines: { orderLineId: string; quantity: number }[];
}

/** The reasons a shopper picks from, in the form's order; "other" asks for their own words. */
export const returnReasons = ["damaged", "wrong_item", "not_as_described", "missing_items", "other"] as const satisfies readonly ReturnReason[];

/** The most a shopper may write about a return, and the least when the reason is "other". */
export const RETURN_NOTE_MAX = 1000;

export const returnErrors = {
  not_found: { status: 404, message: "error.notFound.body" },
  not_delivered: { status: 409, message: "order.return.error.notDelivered" },
  window_closed: { status: 409, message: "order.return.error.windowClosed" },
  ended: { status: 409, message: "order.return.error.ended" },
  nothing_chosen: { status: 422, message: "order.return.error.nothingChosen", field: "lines" },
  too_many: { status: 422, message: "order.return.error.tooMany", field: "lines" },
  reason_required: { status: 422, message: "order.return.error.reason", field: "reason" },
  already_decided: { status: 409, message: "order.return.error.decided" },
  note_required: { status: 422, message: "order.return.error.note", field: "note" },
} satisfies ErrorTable;
export type ReturnError = keyof typeof returnErrors;

/** What the window rule looks at. */
export interface ReturnableOrder {
  status: string;
  deliveredAt: Date | string | null;
}

/** The last moment a return may be asked for: `days` after delivery or pickup (none before delivery). */
export function returnDeadline(order: ReturnableOrder, days: number): Date | null {
  if (!order.deliveredAt) return null;
  return new Date(new Date(order.deliveredAt).getTime() + days * 86_400_000);
}

/** Whether the order is in its return window now: delivered or picked up, not ended, and within the cooperative's days. */
export function checkReturnWindow(order: ReturnableOrder, days: number, now: Date): { ok: true; until: Date } | Refused<"not_delivered" | "window_closed" | "ended"> {
  if (["cancelled", "expired", "refunded"].includes(order.status)) return { ok: false, error: "ended" };
  const until = returnDeadline(order, days);
  if (!until) return { ok: false, error: "not_delivered" };
  if (days <= 0 || now.getTime() > until.getTime()) return { ok: false, error: "window_closed" };
  return { ok: true, until };
}

/** A line of the order with what is still open to a return: sold, less refunded, less asked for in requests not declined. */
export interface ReturnableLine {
  id: string;
  quantity: number;
  /** Refunded (refunds not failed) or asked for in a return request that was not declined. */
  takenQuantity: number;
}

/**
 * The lines a shopper asked to return, checked against what is left of each: at least one, whole numbers, never
 * more than left, only lines of this order.
 */
export function planReturn(lines: ReturnableLine[], asked: Record<string, number>): { ok: true; lines: { orderLineId: string; quantity: number }[] } | Refused<"nothing_chosen" | "too_many"> {
  const chosen: { orderLineId: string; quantity: number }[] = [];
  for (const [lineId, quantity] of Object.entries(asked)) {
    if (quantity === 0) continue;
    const line = lines.find((candidate) => candidate.id === lineId);
    if (!line || !Number.isInteger(quantity) || quantity < 0 || quantity > line.quantity - line.takenQuantity) return { ok: false, error: "too_many" };
    chosen.push({ orderLineId: lineId, quantity });
  }
  return chosen.length === 0 ? { ok: false, error: "nothing_chosen" } : { ok: true, lines: chosen };
}

/**
 * Whether an accepted request has been refunded: a refund (not failed) recorded after the acceptance gives back one
 * of its lines. The refund form staff reach from the request is the usual one, so the link is by time and line.
 */
export function returnRefunded(request: { status: ReturnStatus; decidedAt: Date | string | null; lines: { orderLineId: string }[] },
  refunds: { status: string; createdAt: Date | string; lines: { orderLineId: string }[] }[],
): boolean {
  if (request.status !== "accepted" || !request.decidedAt) return false;
  const decidedAt = new Date(request.decidedAt).getTime();
  return refunds.some(
    (refund) =>
      refund.status !== "failed" &&
      new Date(refund.createdAt).getTime() >= decidedAt &&
      refund.lines.some((line) => request.lines.some((asked) => asked.orderLineId === line.orderLineId)),
  );
}

