import type { Db } from "~db/client";
import { allOrNothing, type ErrorTable, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { releaseStock } from "~/modules/inventory/reservations.server";
import { addOrderEvent, cancelOrderRow } from "~/modules/orders/fulfilment.server";
import { getOrder, lockOrder } from "~/modules/orders/orders.server";
import { wholeRefund } from "~/modules/orders/refund-plan";
import { refundableOf, restockedQuantities, type Refund } from "~/modules/orders/refunds.server";
import { checkCancel } from "~/modules/orders/status";
import { lockPayment, movePayment, paymentsOfOrder } from "~/modules/payments/payments.server";
import type { PaymentGateway } from "./payment-gateway.server";
import { recordRefundIntent, sendRefund } from "./refund.server";

export const cancelErrors = {
  not_found: { status: 404, message: "error.notFound.body" },
  already_shipped: { status: 409, message: "order.cancel.error.shipped" },
  ended: { status: 409, message: "order.cancel.error.ended" },
  needs_treasurer: { status: 403, message: "fulfil.error.needsTreasurer" },
} satisfies ErrorTable;
export type CancelError = keyof typeof cancelErrors;

/**
 * Cancels an order before it ships, in one transaction with the order locked: the order is marked cancelled and
 * its stock released once (two cancellations at the same moment: the second finds it cancelled), pending payment
 * attempts end, and a paid order gets a refund of everything not yet given back, recorded here and sent to the
 * provider after the commit. After shipping it is refused: that is a return and a refund.
 */
export async function cancelOrder(
  db: Db,
  gateway: PaymentGateway,
  input: {
    cooperativeId: string;
    orderId: string;
    reason: string;
    actorUserId: string | null;
    /**
     * Whether the person may give money back (`orders.refund`, decision 38). Without it only an unpaid order is
     * cancelled: checked with the order locked, so a payment that lands while the page is open is not refunded by
     * someone who may not refund.
     */
    mayRefund: boolean;
    ipAddress?: string;
  },
): Promise<{ ok: true; refund: Refund | null } | Refused<CancelError>> {
  const done = await allOrNothing(db, async (tx): Promise<{ ok: true; refund: Refund | null } | Refused<CancelError>> => {
    const order = await lockOrder(tx, input.cooperativeId, input.orderId);
    if (!order) return { ok: false, error: "not_found" };
    const allowed = checkCancel(order);
    if (!allowed.ok) return allowed;
    if (order.paidAt && !input.mayRefund) return { ok: false, error: "needs_treasurer" };
    if (!(await cancelOrderRow(tx, input.cooperativeId, input.orderId))) return { ok: false, error: "ended" };
    const found = await getOrder(tx, input.cooperativeId, input.orderId);
    // Units a refund already put back on sale are not released a second time (decision 38).
    const restocked = await restockedQuantities(tx, input.cooperativeId, input.orderId);
    const toRelease = found!.lines
      .map((line) => ({ variantId: line.variantId, quantity: line.quantity - (restocked.get(line.id) ?? 0) }))
      .filter((line) => line.quantity > 0);
    await releaseStock(tx, input.cooperativeId, input.orderId, toRelease);
    for (const payment of await paymentsOfOrder(tx, input.cooperativeId, input.orderId)) {
      const locked = payment.status === "pending" ? await lockPayment(tx, input.cooperativeId, payment.id) : undefined;
      if (locked) await movePayment(tx, locked, "expired");
    }
    await addOrderEvent(tx, { cooperativeId: input.cooperativeId, orderId: input.orderId, kind: "cancelled", actorUserId: input.actorUserId, data: { reason: input.reason } });
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "order.cancelled",
      entityType: "order",
      entityId: input.orderId,
      before: { status: order.status },
      after: { status: "cancelled", reason: input.reason, stockReleased: toRelease },
      ipAddress: input.ipAddress,
    });
    if (!order.paidAt) return { ok: true, refund: null };
    const { lines, already } = await refundableOf(tx, input.cooperativeId, input.orderId);
    const request = wholeRefund(lines, already, order);
    const recorded = await recordRefundIntent(tx, { ...input, ...request, reason: input.reason || "cancelled" });
    // Nothing left to give back (already refunded in full) is not a reason to keep the order open.
    if (!recorded.ok) return recorded.error === "nothing_to_refund" || recorded.error === "more_than_paid" ? { ok: true, refund: null } : { ok: false, error: "ended" };
    return { ok: true, refund: recorded.refund };
  });
  if (!done.ok || !done.refund) return done;
  return { ok: true, refund: await sendRefund(db, gateway, done.refund) };
}
