import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { orders, paymentProofs, payments } from "~db/schema";
import type { PaymentStatus, ProviderName } from "./provider";
import { paymentMayMove } from "./status";

export type Payment = typeof payments.$inferSelect;
export type PaymentAlert = "amount_mismatch" | "paid_after_expiry" | "paid_twice";

/** `BNR-26-000123-1`: what the provider knows the attempt by (unique across the deployment, at most 50 characters). */
export function paymentReference(orderNumber: string, attempt: number): string {
  return `${orderNumber}-${attempt}`;
}

/**
 * A new payment attempt for the order. `firstAttempt`: the order was just written in this transaction and has
 * none yet, so the attempts need not be counted.
 */
export async function createPayment(
  tx: Db,
  payment: { cooperativeId: string; orderId: string; orderNumber: string; provider: ProviderName; amount: number; firstAttempt?: boolean },
): Promise<Payment> {
  const attempt = payment.firstAttempt ? 1 : (await countAttempts(tx, payment.cooperativeId, payment.orderId)) + 1;
  const [created] = await tx
    .insert(payments)
    .values({
      cooperativeId: payment.cooperativeId,
      orderId: payment.orderId,
      provider: payment.provider,
      amount: payment.amount,
      reference: paymentReference(payment.orderNumber, attempt),
    })
    .returning();
  return created!;
}

async function countAttempts(db: Db, cooperativeId: string, orderId: string): Promise<number> {
  const [attempts] = await db
    .select({ n: count() })
    .from(payments)
    .where(and(eq(payments.cooperativeId, cooperativeId), eq(payments.orderId, orderId)));
  return attempts?.n ?? 0;
}

/** A payment by the reference a provider sends back: across cooperatives, since that is all a notification carries. */
export async function paymentByReference(db: Db, reference: string): Promise<Payment | undefined> {
  if (reference.length > 60) return undefined;
  const [payment] = await db.select().from(payments).where(eq(payments.reference, reference));
  return payment;
}

export async function paymentsOfOrder(db: Db, cooperativeId: string, orderId: string): Promise<Payment[]> {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.cooperativeId, cooperativeId), eq(payments.orderId, orderId)))
    .orderBy(asc(payments.createdAt));
}

export async function getPayment(db: Db, cooperativeId: string, paymentId: string): Promise<Payment | undefined> {
  const [payment] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.cooperativeId, cooperativeId), eq(payments.id, paymentId)));
  return payment;
}

export async function lockPayment(tx: Db, cooperativeId: string, paymentId: string): Promise<Payment | undefined> {
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.cooperativeId, cooperativeId), eq(payments.id, paymentId)))
    .for("update");
  return payment;
}

export async function recordStartedPayment(db: Db, cooperativeId: string, paymentId: string, started: { providerPaymentId: string | null; redirectUrl: string }) {
  await db
    .update(payments)
    .set({ providerPaymentId: started.providerPaymentId, redirectUrl: started.redirectUrl, updatedAt: sql`now()` })
    .where(and(eq(payments.cooperativeId, cooperativeId), eq(payments.id, paymentId)));
}

/** Moves a (locked) payment forward; false when the move would go backwards or sideways. */
export async function movePayment(
  tx: Db,
  payment: Payment,
  to: PaymentStatus,
  details: { providerTransactionId?: string | null; method?: string | null; paidAt?: Date | null } = {},
): Promise<boolean> {
  if (!paymentMayMove(payment.status, to)) return false;
  await tx
    .update(payments)
    .set({
      status: to,
      providerTransactionId: details.providerTransactionId ?? payment.providerTransactionId,
      method: details.method ?? payment.method,
      paidAt: to === "paid" ? (details.paidAt ?? new Date()) : payment.paidAt,
      updatedAt: sql`now()`,
    })
    .where(and(eq(payments.cooperativeId, payment.cooperativeId), eq(payments.id, payment.id)));
  return true;
}

/** Money that arrived but cannot count as the order's payment: staff see it and refund or resolve it. */
export async function flagPayment(tx: Db, payment: Payment, alert: PaymentAlert, details: { providerTransactionId?: string | null; method?: string | null } = {}) {
  await tx
    .update(payments)
    .set({
      alert,
      providerTransactionId: details.providerTransactionId ?? payment.providerTransactionId,
      method: details.method ?? payment.method,
      updatedAt: sql`now()`,
    })
    .where(and(eq(payments.cooperativeId, payment.cooperativeId), eq(payments.id, payment.id)));
}

export async function addTransferProof(
  db: Db,
  proof: { cooperativeId: string; paymentId: string; image: Buffer; mimeType: string; senderName: string; senderBank: string },
): Promise<string> {
  const [row] = await db.insert(paymentProofs).values(proof).returning({ id: paymentProofs.id });
  return row!.id;
}

export interface ProofSummary {
  id: string;
  paymentId: string;
  orderId: string;
  orderNumber: string;
  amount: number;
  contactName: string;
  senderName: string;
  senderBank: string;
  uploadedAt: Date;
  decision: "confirmed" | "rejected" | null;
}

const proofColumns = {
  id: paymentProofs.id,
  paymentId: paymentProofs.paymentId,
  orderId: payments.orderId,
  orderNumber: orders.number,
  amount: payments.amount,
  contactName: orders.contactName,
  senderName: paymentProofs.senderName,
  senderBank: paymentProofs.senderBank,
  uploadedAt: paymentProofs.uploadedAt,
  decision: paymentProofs.decision,
};

function proofsQuery(db: Db) {
  return db
    .select(proofColumns)
    .from(paymentProofs)
    .innerJoin(payments, and(eq(payments.cooperativeId, paymentProofs.cooperativeId), eq(payments.id, paymentProofs.paymentId)))
    .innerJoin(orders, and(eq(orders.cooperativeId, payments.cooperativeId), eq(orders.id, payments.orderId)));
}

/** Transfers waiting for the treasurer, oldest first. */
export async function undecidedProofs(db: Db, cooperativeId: string): Promise<ProofSummary[]> {
  return proofsQuery(db)
    .where(and(eq(paymentProofs.cooperativeId, cooperativeId), isNull(paymentProofs.decision)))
    .orderBy(asc(paymentProofs.uploadedAt))
    .limit(100);
}

export async function proofsOfPayment(db: Db, cooperativeId: string, paymentId: string): Promise<ProofSummary[]> {
  return proofsQuery(db)
    .where(and(eq(paymentProofs.cooperativeId, cooperativeId), eq(paymentProofs.paymentId, paymentId)))
    .orderBy(desc(paymentProofs.uploadedAt));
}

export async function proofImage(db: Db, cooperativeId: string, proofId: string): Promise<{ image: Buffer; mimeType: string } | undefined> {
  const [proof] = await db
    .select({ image: paymentProofs.image, mimeType: paymentProofs.mimeType })
    .from(paymentProofs)
    .where(and(eq(paymentProofs.cooperativeId, cooperativeId), eq(paymentProofs.id, proofId)));
  return proof;
}

/** Records the treasurer's decision on a proof not yet decided; the proof's payment, or undefined when already decided. */
export async function decideProof(
  tx: Db,
  decision: { cooperativeId: string; proofId: string; decision: "confirmed" | "rejected"; note: string; decidedBy: string },
): Promise<{ paymentId: string } | undefined> {
  const [row] = await tx
    .update(paymentProofs)
    .set({ decision: decision.decision, decisionNote: decision.note, decidedBy: decision.decidedBy, decidedAt: sql`now()` })
    .where(and(eq(paymentProofs.cooperativeId, decision.cooperativeId), eq(paymentProofs.id, decision.proofId), isNull(paymentProofs.decision)))
    .returning({ paymentId: paymentProofs.paymentId });
  return row;
}

export async function openPaymentAlerts(db: Db, cooperativeId: string) {
  return db
    .select({ id: payments.id, reference: payments.reference, alert: payments.alert, amount: payments.amount, orderNumber: orders.number, orderId: orders.id })
    .from(payments)
    .innerJoin(orders, and(eq(orders.cooperativeId, payments.cooperativeId), eq(orders.id, payments.orderId)))
    .where(and(eq(payments.cooperativeId, cooperativeId), sql`${payments.alert} is not null`, isNull(payments.alertResolvedAt)))
    .orderBy(desc(payments.updatedAt));
}

/** Marks a flagged payment resolved, once: false when it was not flagged or was resolved already. */
export async function resolvePaymentAlert(tx: Db, cooperativeId: string, paymentId: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(payments)
    .set({ alertResolvedAt: at, updatedAt: sql`now()` })
    .where(and(eq(payments.cooperativeId, cooperativeId), eq(payments.id, paymentId), sql`${payments.alert} is not null`, isNull(payments.alertResolvedAt)))
    .returning({ id: payments.id });
  return rows.length > 0;
}
