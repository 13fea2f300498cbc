import type { Db } from "~db/client";
import { allOrNothing, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { staffWithRole } from "~/modules/identity/accounts.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { addOrderEvent, fulfilmentDays } from "~/modules/orders/fulfilment.server";
import { getOrder, lockOrder, type Order } from "~/modules/orders/orders.server";
import { refundsOfOrder } from "~/modules/orders/refunds.server";
import { checkReturnWindow, planReturn, RETURN_NOTE_MAX, type ReturnError, type ReturnReason } from "~/modules/orders/returns";
import { decideReturnRow, insertReturnRequest, lineNames, returnableLines, returnRequestsOfOrder } from "~/modules/orders/returns.server";
import { cooperativeContact, publicOrigin } from "~/modules/tenancy/cooperative.server";
import { emailShopper } from "./order-emails.server";

export interface ReturnInput {
  cooperativeId: string;
  orderId: string;
  /** Quantity asked for per order line id (0 or absent: not returned). */
  lines: Record<string, number>;
  reasonCode: ReturnReason;
  reason: string;
  /** Already checked and re-encoded for private keeping (`privateImage`). */
  photo: { image: Buffer; mimeType: string } | null;
  now?: Date;
}

/** What the order page needs to offer a return: until when, and what is left of each line. */
export async function returnOffer(db: Db, order: Order, now = new Date()) {
  const [days, found, refunds, requests] = await Promise.all([
    fulfilmentDays(db, order.cooperativeId),
    getOrder(db, order.cooperativeId, order.id),
    refundsOfOrder(db, order.cooperativeId, order.id),
    returnRequestsOfOrder(db, order.cooperativeId, order.id),
  ]);
  const window = checkReturnWindow(order, days.returnWindowDays, now);
  const lines = returnableLines(found?.lines ?? [], refunds, requests);
  return { window, days: days.returnWindowDays, lines, requests, refunds };
}

/**
 * A shopper's return request from the order page (decision 37): within the cooperative's return window after
 * delivery or pickup, for quantities not yet refunded or asked for, with a reason and an optional photo. In one
 * transaction with the order locked: the request and its lines, the timeline's event, an e-mail to the
 * cooperative's contact address and a confirmation to the shopper. A refusal writes nothing.
 */
export async function requestReturn(db: Db, input: ReturnInput): Promise<{ ok: true; returnId: string } | Refused<ReturnError>> {
  return allOrNothing(db, async (tx): Promise<{ ok: true; returnId: string } | Refused<ReturnError>> => {
    const order = await lockOrder(tx, input.cooperativeId, input.orderId);
    if (!order) return { ok: false, error: "not_found" };
    const reason = input.reason.trim().slice(0, RETURN_NOTE_MAX);
    if (input.reasonCode === "other" && reason.length < 3) return { ok: false, error: "reason_required" };
    const offer = await returnOffer(tx, order, input.now);
    if (!offer.window.ok) return offer.window;
    const plan = planReturn(offer.lines, input.lines);
    if (!plan.ok) return plan;
    const returnId = await insertReturnRequest(tx, { cooperativeId: order.cooperativeId, orderId: order.id, reasonCode: input.reasonCode, reason, photo: input.photo, lines: plan.lines });
    const quantity = plan.lines.reduce((sum, line) => sum + line.quantity, 0);
    await addOrderEvent(tx, { cooperativeId: order.cooperativeId, orderId: order.id, kind: "return_requested", data: { reason: input.reasonCode, quantity, photo: input.photo ? 1 : 0 } });
    const names = await lineNames(tx, order.cooperativeId, order.id);
    const described = (locale: "id" | "en") =>
      plan.lines.map((line) => {
        const name = names.get(line.orderLineId);
        return `${line.quantity} × ${(locale === "en" ? name?.nameEn : name?.nameId) ?? ""}${name?.variantName ? ` (${name.variantName})` : ""}`;
      });
    // Staff hear of it at the cooperative's contact address, or (none set) through its managers.
    const contact = await cooperativeContact(tx, order.cooperativeId);
    const staff = contact.email ? [contact.email] : (await staffWithRole(tx, order.cooperativeId, "manager")).map((manager) => manager.email);
    const link = `${await publicOrigin(tx, order.cooperativeId)}/admin/orders/${order.id}`;
    for (const to of staff) {
      await enqueueEmail(tx, {
        cooperativeId: order.cooperativeId,
        to,
        locale: "id",
        template: "return_requested",
        data: {
          cooperativeName: contact.name,
          orderNumber: order.number,
          lines: described("id"),
          reason: reason ? `${reasonWords[input.reasonCode]}: ${reason}` : reasonWords[input.reasonCode],
          link,
        },
      });
    }
    await emailShopper(tx, order, "return_received", { lines: described(order.locale === "en" ? "en" : "id") });
    return { ok: true, returnId };
  });
}

/** The reason's words in the staff e-mail (the cooperative's staff read Indonesian). */
const reasonWords: Record<ReturnReason, string> = {
  damaged: "Barang rusak",
  wrong_item: "Barang tidak sesuai pesanan",
  not_as_described: "Tidak sesuai deskripsi",
  missing_items: "Ada barang yang kurang",
  other: "Lainnya",
};

/**
 * Staff's decision on a return request, once, audited, on the timeline, e-mailed to the shopper. Accepting leads
 * to the refund form with the request's lines; declining needs words for the shopper.
 */
export async function decideReturn(
  db: Db,
  input: { cooperativeId: string; orderId: string; returnId: string; decision: "accepted" | "declined"; note: string; actorUserId: string; ipAddress?: string },
): Promise<{ ok: true } | Refused<ReturnError>> {
  return allOrNothing(db, async (tx): Promise<{ ok: true } | Refused<ReturnError>> => {
    const order = await lockOrder(tx, input.cooperativeId, input.orderId);
    if (!order) return { ok: false, error: "not_found" };
    const note = input.note.trim().slice(0, RETURN_NOTE_MAX);
    if (input.decision === "declined" && note.length < 3) return { ok: false, error: "note_required" };
    const existing = (await returnRequestsOfOrder(tx, input.cooperativeId, input.orderId)).find((request) => request.id === input.returnId);
    if (!existing) return { ok: false, error: "not_found" };
    const decided = await decideReturnRow(tx, input, { status: input.decision, note, decidedBy: input.actorUserId });
    if (!decided) return { ok: false, error: "already_decided" };
    await addOrderEvent(tx, { cooperativeId: input.cooperativeId, orderId: input.orderId, kind: `return_${input.decision}`, actorUserId: input.actorUserId, data: { note } });
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: `order.return_${input.decision}`,
      entityType: "return_request",
      entityId: input.returnId,
      before: { status: existing.status },
      after: { status: input.decision, note, lines: decided.lines.map((line) => `${line.orderLineId}:${line.quantity}`).join(",") },
      ipAddress: input.ipAddress,
    });
    await emailShopper(tx, order, "return_decided", { accepted: input.decision === "accepted", note });
    return { ok: true };
  });
}
