import type { Db } from "~db/client";
import { releaseStock } from "~/modules/inventory/reservations.server";
import { endUnpaidOrder, getOrder, lockOrder, ordersDueToExpire } from "~/modules/orders/orders.server";
import { lockPayment, movePayment, paymentsOfOrder, type Payment } from "~/modules/payments/payments.server";
import type { ProviderObservation } from "~/modules/payments/provider";
import { applyPaymentObservation } from "./apply-payment.server";

/** Asks the payment's provider where it stands (null: the provider does not know it, or it is a manual transfer). */
export type PaymentStatusCheck = (payment: Payment) => Promise<ProviderObservation | null>;

export interface ExpiryResult {
  expired: number;
  /** Orders the provider turned out to have been paid for (a notification that never arrived). */
  paid: number;
}

/**
 * Ends unpaid orders whose time to pay has passed and gives their stock back, once each. An online payment is
 * re-checked with its provider first, so a payment whose notification was lost counts instead of expiring.
 * A payment that still arrives after this is flagged for a refund by the payment flow, never lost.
 */
export async function expireDueOrders(db: Db, checkStatus: PaymentStatusCheck, options: { now?: Date; limit?: number } = {}): Promise<ExpiryResult> {
  const now = options.now ?? new Date();
  const due = await ordersDueToExpire(db, now, options.limit ?? 100);
  const result: ExpiryResult = { expired: 0, paid: 0 };
  for (const order of due) {
    if (await paidMeanwhile(db, order.cooperativeId, order.id, checkStatus)) {
      result.paid += 1;
      continue;
    }
    if (await expireOrder(db, order.cooperativeId, order.id)) result.expired += 1;
  }
  return result;
}

async function paidMeanwhile(db: Db, cooperativeId: string, orderId: string, checkStatus: PaymentStatusCheck): Promise<boolean> {
  for (const payment of await paymentsOfOrder(db, cooperativeId, orderId)) {
    if (payment.provider === "manual" || payment.status !== "pending") continue;
    const observation = await checkStatus(payment).catch(() => null);
    if (!observation) continue;
    await applyPaymentObservation(db, observation);
    if (observation.status === "paid" && observation.amount === payment.amount) return true;
  }
  return false;
}

/** Expires one unpaid order and releases its stock in one transaction; false when it was no longer unpaid. */
export async function expireOrder(db: Db, cooperativeId: string, orderId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockOrder(tx, cooperativeId, orderId);
    if (!(await endUnpaidOrder(tx, cooperativeId, orderId, "expired"))) return false;
    const found = await getOrder(tx, cooperativeId, orderId);
    await releaseStock(tx, cooperativeId, orderId, found!.lines);
    for (const payment of await paymentsOfOrder(tx, cooperativeId, orderId)) {
      const locked = await lockPayment(tx, cooperativeId, payment.id);
      if (locked) await movePayment(tx, locked, "expired");
    }
    return true;
  });
}
