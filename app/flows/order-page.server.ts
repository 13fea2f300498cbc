import type { Db } from "~db/client";
import { formatRupiah } from "~/lib/money";
import type { ErrorTable, Refused } from "~/lib/results";
import { staffWithRole } from "~/modules/identity/accounts.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { cooperativeName, publicOrigin } from "~/modules/tenancy/cooperative.server";
import { getOrder, orderIdForLink, orderOfUser, type Order, type OrderLine } from "~/modules/orders/orders.server";
import { addTransferProof, createPayment, paymentsOfOrder, proofsOfPayment, type Payment, type ProofSummary } from "~/modules/payments/payments.server";
import type { PaymentGateway } from "./payment-gateway.server";

export interface OrderPage {
  order: Order;
  lines: OrderLine[];
  /** The attempt that counts now: the paid one, else the latest. */
  payment: Payment | undefined;
  proofs: ProofSummary[];
}

/**
 * What a shopper's private order link shows. A shopper back from a provider's page sees the provider's own word:
 * a pending online payment is re-checked first (the notification may not have arrived yet).
 */
export async function orderForLink(db: Db, gateway: PaymentGateway, cooperativeId: string, token: string): Promise<OrderPage | undefined> {
  const orderId = await orderIdForLink(db, cooperativeId, token);
  return orderId ? orderPage(db, gateway, cooperativeId, orderId) : undefined;
}

/** The same page for a signed-in shopper, only for an order they placed at this cooperative (else undefined: a 404). */
export async function orderForAccount(db: Db, gateway: PaymentGateway, cooperativeId: string, userId: string, orderId: string): Promise<OrderPage | undefined> {
  return (await orderOfUser(db, cooperativeId, userId, orderId)) ? orderPage(db, gateway, cooperativeId, orderId) : undefined;
}

async function orderPage(db: Db, gateway: PaymentGateway, cooperativeId: string, orderId: string): Promise<OrderPage | undefined> {
  let payment = currentPayment(await paymentsOfOrder(db, cooperativeId, orderId));
  if (payment?.status === "pending" && payment.provider !== "manual" && payment.redirectUrl) {
    await gateway.refresh(db, payment);
    payment = currentPayment(await paymentsOfOrder(db, cooperativeId, orderId));
  }
  const found = await getOrder(db, cooperativeId, orderId);
  if (!found) return undefined;
  const proofs = payment?.provider === "manual" ? await proofsOfPayment(db, cooperativeId, payment.id) : [];
  return { ...found, payment, proofs };
}

function currentPayment(payments: Payment[]): Payment | undefined {
  return payments.find((payment) => payment.status === "paid") ?? payments.at(-1);
}

/**
 * The payment attempt a shopper can pay now: the pending one, or (after a failed or expired attempt at the
 * provider, while the order still waits) a new attempt with the same provider.
 */
export async function payableAttempt(db: Db, cooperativeId: string, page: OrderPage): Promise<Payment | undefined> {
  if (page.order.status !== "pending_payment" || !page.payment || page.payment.provider === "manual") return undefined;
  if (page.payment.status === "pending") return page.payment;
  if (page.payment.status !== "failed" && page.payment.status !== "expired") return undefined;
  return createPayment(db, {
    cooperativeId,
    orderId: page.order.id,
    orderNumber: page.order.number,
    provider: page.payment.provider,
    amount: page.order.total,
  });
}

/** Proofs a shopper may upload for one transfer before staff decide: enough for a retake, not a flood. */
export const MAX_PROOFS_PER_PAYMENT = 5;

export const proofErrors = {
  not_awaiting_transfer: { status: 409, message: "order.proof.error.notAwaiting" },
  too_many_proofs: { status: 429, message: "order.proof.error.tooMany" },
} satisfies ErrorTable;

export type ProofResult = { ok: true } | Refused<keyof typeof proofErrors>;

/** A shopper's proof of a manual transfer for an order still waiting for it; the cooperative's treasurers are told by e-mail. */
export async function submitTransferProof(
  db: Db,
  page: OrderPage,
  proof: { image: Buffer; mimeType: string; senderName: string; senderBank: string },
): Promise<ProofResult> {
  const { order, payment } = page;
  if (order.status !== "pending_payment" || payment?.provider !== "manual" || payment.status !== "pending") return { ok: false, error: "not_awaiting_transfer" };
  if (page.proofs.filter((existing) => existing.decision === null).length >= MAX_PROOFS_PER_PAYMENT) return { ok: false, error: "too_many_proofs" };
  await db.transaction(async (tx) => {
    await addTransferProof(tx, { cooperativeId: order.cooperativeId, paymentId: payment.id, ...proof });
    const shop = { name: await cooperativeName(tx, order.cooperativeId), origin: await publicOrigin(tx, order.cooperativeId) };
    for (const treasurer of await staffWithRole(tx, order.cooperativeId, "treasurer")) {
      await enqueueEmail(tx, {
        cooperativeId: order.cooperativeId,
        to: treasurer.email,
        locale: treasurer.locale === "en" ? "en" : "id",
        template: "transfer_proof_received",
        data: {
          name: treasurer.name,
          cooperativeName: shop.name,
          orderNumber: order.number,
          total: formatRupiah(payment.amount),
          senderName: proof.senderName,
          link: `${shop.origin}/admin/payments`,
        },
      });
    }
  });
  return { ok: true };
}
