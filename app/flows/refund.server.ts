import type { Db } from "~db/client";
import { formatRupiah } from "~/lib/money";
import { allOrNothing, type ErrorTable, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { addOrderEvent, setOrderStatus } from "~/modules/orders/fulfilment.server";
import { postRefund } from "~/modules/ledger/post.server";
import { lockOrder } from "~/modules/orders/orders.server";
import { planRefund, statusAfterRefunds, type RefundRequest } from "~/modules/orders/refund-plan";
import {
  getRefund,
  insertRefund,
  linesOfRefund,
  noteProviderRefundId,
  openRefundsOfPayment,
  refundableOf,
  refundedTotal,
  settleRefundRow,
  type Refund,
} from "~/modules/orders/refunds.server";
import { orderMayMove } from "~/modules/orders/status";
import { getPayment, paymentsOfOrder, type Payment } from "~/modules/payments/payments.server";
import type { ProviderObservation } from "~/modules/payments/provider";
import { sql } from "drizzle-orm";
import { emailShopper } from "./order-emails.server";
import type { PaymentGateway } from "./payment-gateway.server";

/**
 * Refunds (decision 31): the intent is recorded first, in the order's locked transaction, with its lines and
 * amounts checked against what was paid and what already went back; the provider is called outside any
 * transaction with the refund's own key (so a retry never refunds twice); its answer, or its notification, or a
 * treasurer's confirmation of a bank transfer settles the refund once.
 */

export const refundErrors = {
  not_found: { status: 404, message: "error.notFound.body" },
  not_paid: { status: 409, message: "order.refund.error.notPaid" },
  nothing_to_refund: { status: 422, message: "order.refund.error.nothing" },
  too_many: { status: 422, message: "order.refund.error.tooMany" },
  too_much_shipping: { status: 422, message: "order.refund.error.shipping", field: "shipping" },
  unknown_line: { status: 422, message: "order.refund.error.nothing" },
  more_than_paid: { status: 422, message: "order.refund.error.moreThanPaid" },
  already_settled: { status: 409, message: "order.refund.error.settled" },
} satisfies ErrorTable;
export type RefundError = keyof typeof refundErrors;

export interface RefundIntent extends RefundRequest {
  cooperativeId: string;
  orderId: string;
  reason: string;
  actorUserId: string | null;
  /** A bank transfer by the treasurer even where the provider could refund (the shopper asked for it, say). */
  byTransfer?: boolean;
  ipAddress?: string;
}

/** The paid attempt money goes back from. */
function paidPayment(payments: Payment[]): Payment | undefined {
  return payments.find((payment) => payment.status === "paid");
}

/** Records a refund's intent in the caller's transaction (the order locked): checked, audited, on the timeline. */
export async function recordRefundIntent(tx: Db, input: RefundIntent): Promise<{ ok: true; refund: Refund } | Refused<RefundError>> {
  const order = await lockOrder(tx, input.cooperativeId, input.orderId);
  if (!order) return { ok: false, error: "not_found" };
  const payment = paidPayment(await paymentsOfOrder(tx, input.cooperativeId, input.orderId));
  if (!payment || !order.paidAt) return { ok: false, error: "not_paid" };
  const { lines, already } = await refundableOf(tx, input.cooperativeId, input.orderId);
  const planned = planRefund(lines, already, { shipping: order.shipping, paid: payment.amount }, input);
  if (!planned.ok) return planned;
  const method = input.byTransfer || payment.provider === "manual" ? "manual" : payment.provider;
  const refund = await insertRefund(
    tx,
    { cooperativeId: input.cooperativeId, orderId: input.orderId, paymentId: payment.id, method, reason: input.reason, requestedBy: input.actorUserId },
    planned.plan,
  );
  await addOrderEvent(tx, {
    cooperativeId: input.cooperativeId,
    orderId: input.orderId,
    kind: "refund_requested",
    actorUserId: input.actorUserId,
    data: { amount: refund.amount, method, refundId: refund.id },
  });
  await recordAudit(tx, {
    cooperativeId: input.cooperativeId,
    actorUserId: input.actorUserId,
    action: "order.refund_requested",
    entityType: "order",
    entityId: input.orderId,
    after: { refundId: refund.id, method, amount: refund.amount, shipping: refund.shippingAmount, lines: planned.plan.lines, reason: input.reason },
    ipAddress: input.ipAddress,
  });
  return { ok: true, refund };
}

/** A refund asked for by staff: recorded, then sent to the provider. */
export async function requestRefund(db: Db, gateway: PaymentGateway, input: RefundIntent): Promise<{ ok: true; refund: Refund } | Refused<RefundError>> {
  const recorded = await allOrNothing(db, (tx) => recordRefundIntent(tx, input));
  if (!recorded.ok) return recorded;
  return { ok: true, refund: await sendRefund(db, gateway, recorded.refund) };
}

/**
 * Calls the provider for a recorded refund, outside any transaction, and settles it from the answer: done, still
 * pending (its notification settles it), or refused (the treasurer then refunds by bank transfer). A provider that
 * cannot be reached leaves it pending; sending it again is safe (same key).
 */
export async function sendRefund(db: Db, gateway: PaymentGateway, refund: Refund, log: (line: string) => void = () => {}): Promise<Refund> {
  if (refund.method === "manual" || refund.status !== "pending") return refund;
  const payment = await getPayment(db, refund.cooperativeId, refund.paymentId);
  if (!payment) return refund;
  let answer;
  try {
    answer = await gateway.refund(db, payment, { refundKey: refund.refundKey, amount: refund.amount, reason: refund.reason });
  } catch (error) {
    log(`Refund ${refund.id} could not reach ${refund.method}: ${error instanceof Error ? error.message : String(error)}`);
    return refund;
  }
  if (answer === null || answer.status === "failed") {
    await toBankTransfer(db, refund, answer?.message ?? `no ${refund.method} account`);
  } else if (answer.status === "succeeded") {
    await settleRefund(db, refund.cooperativeId, refund.id, { status: "succeeded", providerRefundId: answer.providerRefundId });
  } else if (answer.providerRefundId) {
    await noteProviderRefundId(db, refund.cooperativeId, refund.id, answer.providerRefundId);
  }
  return (await getRefund(db, refund.cooperativeId, refund.id)) ?? refund;
}

/** The provider refused: the refund stays owed and becomes a bank transfer for the treasurer, its reason kept. */
async function toBankTransfer(db: Db, refund: Refund, failure: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update refunds set method = 'manual', status = 'awaiting_treasurer', failure = ${failure.slice(0, 500)}
      where cooperative_id = ${refund.cooperativeId} and id = ${refund.id} and status = 'pending'`);
    await addOrderEvent(tx, { cooperativeId: refund.cooperativeId, orderId: refund.orderId, kind: "refund_to_transfer", data: { refundId: refund.id, amount: refund.amount } });
  });
}

/**
 * Called once per refund, in the transaction that settles it as succeeded: the ledger posts the reverse of the
 * capture, in proportion to the refunded lines, and the shipping given back, from the provider's clearing account
 * or, for a bank transfer, from the bank (DESIGN.md "Money", decision 32).
 */
export async function refundSettled(tx: Db, refund: Refund): Promise<void> {
  await postRefund(tx, {
    cooperativeId: refund.cooperativeId,
    refundId: refund.id,
    orderId: refund.orderId,
    paidBackFrom: refund.method === "manual" ? "bank" : refund.method,
    refundedAt: refund.settledAt ?? new Date(),
    lines: await linesOfRefund(tx, refund.cooperativeId, refund.id),
    shipping: refund.shippingAmount,
    createdBy: refund.confirmedBy,
  });
}

/**
 * Settles an open refund once, with the order locked: the seam for the ledger, the order's status (refunded or
 * partially refunded from what has gone back), the timeline, the shopper's e-mail and the audit record.
 * Undefined when the refund was already settled.
 */
export async function settleRefund(
  db: Db,
  cooperativeId: string,
  refundId: string,
  outcome: { status: "succeeded" | "failed"; providerRefundId?: string | null; failure?: string; confirmedBy?: string; transferReference?: string; ipAddress?: string },
): Promise<Refund | undefined> {
  return db.transaction(async (tx) => {
    const open = await getRefund(tx, cooperativeId, refundId);
    if (!open) return undefined;
    const order = await lockOrder(tx, cooperativeId, open.orderId);
    const settled = await settleRefundRow(tx, cooperativeId, refundId, outcome);
    if (!settled || !order) return undefined;
    if (settled.status === "succeeded") {
      await refundSettled(tx, settled);
      const payment = await getPayment(tx, cooperativeId, settled.paymentId);
      const next = statusAfterRefunds(payment?.amount ?? order.total, await refundedTotal(tx, cooperativeId, order.id));
      if (next && next !== order.status && orderMayMove(order.status, next)) await setOrderStatus(tx, cooperativeId, order.id, next);
      await emailShopper(tx, order, "order_refunded", { amount: formatRupiah(settled.amount) });
    }
    await addOrderEvent(tx, {
      cooperativeId,
      orderId: order.id,
      kind: settled.status === "succeeded" ? "refund_succeeded" : "refund_failed",
      actorUserId: outcome.confirmedBy ?? null,
      data: { amount: settled.amount, method: settled.method, refundId: settled.id },
    });
    await recordAudit(tx, {
      cooperativeId,
      actorUserId: outcome.confirmedBy ?? null,
      action: settled.status === "succeeded" ? "order.refund_settled" : "order.refund_failed",
      entityType: "refund",
      entityId: settled.id,
      before: { status: open.status },
      after: { status: settled.status, amount: settled.amount, method: settled.method, providerRefundId: settled.providerRefundId, transferReference: settled.transferReference },
      ipAddress: outcome.ipAddress,
    });
    return settled;
  });
}

/** A treasurer confirms the bank transfer of a refund the provider could not make (or a manual payment's). */
export async function confirmTransferRefund(
  db: Db,
  input: { cooperativeId: string; refundId: string; transferReference: string; actorUserId: string; ipAddress?: string },
): Promise<{ ok: true } | Refused<"not_found" | "already_settled">> {
  const refund = await getRefund(db, input.cooperativeId, input.refundId);
  if (!refund) return { ok: false, error: "not_found" };
  if (refund.status !== "awaiting_treasurer") return { ok: false, error: "already_settled" };
  const settled = await settleRefund(db, input.cooperativeId, input.refundId, {
    status: "succeeded",
    confirmedBy: input.actorUserId,
    transferReference: input.transferReference,
    ipAddress: input.ipAddress,
  });
  return settled ? { ok: true } : { ok: false, error: "already_settled" };
}

/**
 * A provider's notification that money went back (Midtrans `refund` / `partial_refund` with its refunds' keys,
 * Stripe `charge.refunded` with the total refunded): settles the payment's pending refunds it covers.
 */
export async function settleRefundsFromObservation(db: Db, payment: Payment, observation: ProviderObservation): Promise<number> {
  let settled = 0;
  let covered = observation.refundKeys ? 0 : observation.amount - (await refundedTotal(db, payment.cooperativeId, payment.orderId));
  for (const refund of await openRefundsOfPayment(db, payment.cooperativeId, payment.id)) {
    const done = observation.refundKeys ? observation.refundKeys.includes(refund.refundKey) : observation.status === "refunded" || refund.amount <= covered;
    if (!done) continue;
    covered -= refund.amount;
    if (await settleRefund(db, payment.cooperativeId, refund.id, { status: "succeeded" })) settled += 1;
  }
  return settled;
}
