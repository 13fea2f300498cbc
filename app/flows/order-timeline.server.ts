import type { Db } from "~db/client";
import { eventsOfOrder, inboxEventsOfReferences } from "~/modules/orders/fulfilment.server";
import { returnRequestsOfOrder } from "~/modules/orders/returns.server";
import type { Order } from "~/modules/orders/orders.server";
import { refundsOfOrder } from "~/modules/orders/refunds.server";
import { paymentsOfOrder, proofsOfPayment } from "~/modules/payments/payments.server";

export interface TimelineEntry {
  at: string;
  /** `placed`, `paid`, `proof_uploaded`, `proof_confirmed`, `provider_message`, `packed`, `shipped`, `handover`, `refund_succeeded`... */
  kind: string;
  data: Record<string, string | number | null>;
}

/** Kinds a shopper sees on their own page: what happened to their order, not the cooperative's inner work. */
const shopperKinds = new Set(["placed", "paid", "packed", "shipped", "delivered", "picked_up", "completed", "cancelled", "refund_succeeded", "return_requested", "return_accepted", "return_declined"]);

/**
 * Every event of an order, oldest first: placed, payments (and, for staff, proofs and the providers' messages from
 * the inbox), fulfilment steps, hand-over, cancellation, refunds, return requests.
 */
export async function orderTimeline(db: Db, order: Order, audience: "staff" | "shopper"): Promise<TimelineEntry[]> {
  const [payments, events] = await Promise.all([paymentsOfOrder(db, order.cooperativeId, order.id), eventsOfOrder(db, order.cooperativeId, order.id)]);
  const entries: TimelineEntry[] = [{ at: order.createdAt.toISOString(), kind: "placed", data: {} }];
  for (const payment of payments) {
    if (payment.paidAt && !payment.alert) entries.push({ at: payment.paidAt.toISOString(), kind: "paid", data: { provider: payment.provider, method: payment.method } });
  }
  for (const event of events) entries.push({ at: event.createdAt.toISOString(), kind: event.kind, data: event.data });
  if (audience === "staff") {
    const [inbox, proofs] = await Promise.all([
      inboxEventsOfReferences(db, order.cooperativeId, payments.map((payment) => payment.reference)),
      Promise.all(payments.filter((payment) => payment.provider === "manual").map((payment) => proofsOfPayment(db, order.cooperativeId, payment.id))),
    ]);
    for (const message of inbox) {
      entries.push({ at: message.receivedAt.toISOString(), kind: "provider_message", data: { provider: message.provider, outcome: message.outcome ?? message.status } });
    }
    for (const proof of proofs.flat()) {
      entries.push({ at: proof.uploadedAt.toISOString(), kind: "proof_uploaded", data: { senderName: proof.senderName } });
    }
  }
  const visible = audience === "staff" ? entries : entries.filter((entry) => shopperKinds.has(entry.kind));
  return visible.sort((x, y) => x.at.localeCompare(y.at));
}

/** What the admin order page shows beside the order: refunds with their lines, return requests, the timeline. */
export async function orderDesk(db: Db, order: Order) {
  const [refunds, returns, timeline] = await Promise.all([
    refundsOfOrder(db, order.cooperativeId, order.id),
    returnRequestsOfOrder(db, order.cooperativeId, order.id),
    orderTimeline(db, order, "staff"),
  ]);
  return { refunds, returns, timeline };
}
