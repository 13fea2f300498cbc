import type { Db } from "~db/client";
import type { ErrorTable, Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { formatRupiah } from "~/lib/money";
import { postPaymentCaptured } from "~/modules/ledger/post.server";
import { lockOrder, markOrderPaid, type Order } from "~/modules/orders/orders.server";
import { completeOutletOrder } from "~/modules/outlet/sales.server";
import { decideProof, flagPayment, lockPayment, movePayment, paymentByReference, type Payment } from "~/modules/payments/payments.server";
import type { ProviderObservation } from "~/modules/payments/provider";
import { isPaymentStatus } from "~/modules/payments/status";
import { emailShopper } from "./order-emails.server";
import { settleRefundsFromObservation } from "./refund.server";

export interface AppliedPayment {
  /** The cooperative of the order the payment belongs to; null when the reference is not ours. */
  cooperativeId: string | null;
  /** A few words for staff: "payment captured", "ignored: already paid". */
  outcome: string;
}

/**
 * Applies what a provider said about a payment (after its signature and a status re-check), in one transaction
 * with the order locked: forward only, so a repeated or late notification never undoes a payment; an amount that
 * is not the order's is flagged, never counted; money for an order that already expired or was paid by another
 * attempt is kept and flagged for a refund, never lost.
 */
export async function applyPaymentObservation(db: Db, observation: ProviderObservation): Promise<AppliedPayment> {
  const found = await paymentByReference(db, observation.reference);
  if (!found) return { cooperativeId: null, outcome: "ignored: unknown payment reference" };
  const { cooperativeId } = found;
  const outcome = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, cooperativeId, found.orderId);
    const payment = await lockPayment(tx, cooperativeId, found.id);
    if (!order || !payment) return "ignored: order not found";
    if (!isPaymentStatus(observation.status)) {
      const settled = await settleRefundsFromObservation(tx, payment, observation);
      return `noted: ${observation.status}, ${settled} refund${settled === 1 ? "" : "s"} settled`;
    }
    if (observation.status !== "paid") {
      const moved = await movePayment(tx, payment, observation.status, observation);
      return moved ? `payment ${observation.status}` : `ignored: payment already ${payment.status}`;
    }
    if (observation.amount !== payment.amount) {
      await flagPayment(tx, payment, "amount_mismatch", observation);
      return `flagged: ${formatRupiah(observation.amount)} received for ${formatRupiah(payment.amount)}`;
    }
    return settle(tx, order, payment, { ...observation, paidAt: observation.occurredAt ?? new Date() });
  });
  return { cooperativeId, outcome };
}

/** Marks a (locked) payment paid and, when the order was waiting for it, the order too, and posts the capture to the ledger. */
async function settle(
  tx: Db,
  order: Order,
  payment: Payment,
  details: { providerTransactionId?: string | null; method?: string | null; paidAt: Date },
): Promise<string> {
  if (payment.status === "paid") return "ignored: already paid";
  const moved = await movePayment(tx, payment, "paid", details);
  if (!moved) {
    await flagPayment(tx, payment, "paid_after_expiry", details);
    return `flagged: paid after the attempt was ${payment.status}: refund`;
  }
  if (order.status !== "pending_payment") {
    const alert = order.status === "expired" || order.status === "cancelled" ? "paid_after_expiry" : "paid_twice";
    await flagPayment(tx, payment, alert, details);
    return `flagged: paid while the order was ${order.status}: refund`;
  }
  await markOrderPaid(tx, order.cooperativeId, order.id, details.paidAt);
  // The money moves in the ledger in the same transaction as the order becomes paid (decision 32).
  await postPaymentCaptured(tx, {
    cooperativeId: order.cooperativeId,
    paymentId: payment.id,
    orderId: order.id,
    provider: payment.provider,
    amount: payment.amount,
    paidAt: details.paidAt,
  });
  // A counter sale's QRIS: the buyer is at the counter, so the goods are handed over now and no e-mail goes out (decision 33).
  if (order.channel === "outlet" && (await completeOutletOrder(tx, order.cooperativeId, order.id))) return "payment captured: outlet sale handed over";
  await emailShopper(tx, order, "payment_received", { total: formatRupiah(order.total) });
  return "payment captured";
}

export const transferDecisionErrors = {
  not_found: { status: 404, message: "payments.error.gone" },
  already_decided: { status: 409, message: "payments.error.decided" },
} satisfies ErrorTable;

export type TransferDecision = { ok: true; outcome: string } | Refused<keyof typeof transferDecisionErrors>;

/**
 * The treasurer's decision on a proof of manual transfer, audited. Confirming counts the transfer as the
 * payment of the order, exactly as a provider's "paid" would; rejecting leaves the order waiting (the shopper
 * may upload another proof until it expires).
 */
export async function decideTransfer(
  db: Db,
  input: { cooperativeId: string; proofId: string; decision: "confirmed" | "rejected"; note: string; actorUserId: string; ipAddress?: string },
): Promise<TransferDecision> {
  return db.transaction(async (tx) => {
    const decided = await decideProof(tx, { ...input, decidedBy: input.actorUserId });
    if (!decided) return { ok: false as const, error: "already_decided" as const };
    const payment = await lockPayment(tx, input.cooperativeId, decided.paymentId);
    const order = payment && (await lockOrder(tx, input.cooperativeId, payment.orderId));
    if (!payment || !order) return { ok: false as const, error: "not_found" as const };
    const outcome =
      input.decision === "confirmed" ? await settle(tx, order, payment, { method: "bank_transfer", paidAt: new Date() }) : "transfer proof rejected";
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: input.decision === "confirmed" ? "payment.transfer_confirmed" : "payment.transfer_rejected",
      entityType: "payment",
      entityId: payment.id,
      before: { paymentStatus: payment.status, orderStatus: order.status },
      after: { decision: input.decision, note: input.note, outcome },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const, outcome };
  });
}

