import type { Db } from "~db/client";
import { allOrNothing, type ErrorTable, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { postFlaggedPayment } from "~/modules/ledger/post.server";
import { lockPayment, resolvePaymentAlert } from "~/modules/payments/payments.server";

export const flaggedPaymentErrors = {
  not_found: { status: 404, message: "error.notFound.body" },
  not_flagged: { status: 409, message: "reports.flagged.error.notFlagged" },
  already_resolved: { status: 409, message: "reports.flagged.error.resolved" },
  amount_needed: { status: 422, message: "reports.flagged.error.amount", field: "amount" },
} satisfies ErrorTable;
export type FlaggedPaymentError = keyof typeof flaggedPaymentErrors;

export interface FlaggedResolution {
  cooperativeId: string;
  paymentId: string;
  /** `refunded`: the treasurer sent the money back by bank transfer; `income`: the cooperative keeps it. */
  resolution: "refunded" | "income";
  reason: string;
  /** What actually arrived: required for an amount mismatch (the payment row keeps the order's amount), else the payment's. */
  amount?: number | null;
  actorUserId: string;
  ipAddress?: string;
  now?: Date;
}

/**
 * Settles a flagged payment (paid twice, after expiry, or of another amount), which decision 32 left out of the
 * ledger: the payment is locked, marked resolved once, the entry that settles it is posted (once per payment) and the
 * treasurer's decision audited, all in one transaction. A second try answers `already_resolved` and writes nothing.
 */
export async function resolveFlaggedPayment(db: Db, input: FlaggedResolution): Promise<{ ok: true; entryId: string } | Refused<FlaggedPaymentError>> {
  return allOrNothing(db, async (tx) => {
    const payment = await lockPayment(tx, input.cooperativeId, input.paymentId);
    if (!payment) return { ok: false as const, error: "not_found" as const };
    if (!payment.alert) return { ok: false as const, error: "not_flagged" as const };
    if (payment.alertResolvedAt) return { ok: false as const, error: "already_resolved" as const };
    const amount = payment.alert === "amount_mismatch" ? input.amount : (input.amount ?? payment.amount);
    if (!amount || !Number.isSafeInteger(amount) || amount <= 0) return { ok: false as const, error: "amount_needed" as const };
    const now = input.now ?? new Date();
    if (!(await resolvePaymentAlert(tx, input.cooperativeId, payment.id, now))) return { ok: false as const, error: "already_resolved" as const };
    const posted = await postFlaggedPayment(tx, {
      cooperativeId: input.cooperativeId,
      paymentId: payment.id,
      orderId: payment.orderId,
      provider: payment.provider,
      settledTo: input.resolution === "refunded" ? "bank" : "other_income",
      amount,
      memo: input.reason,
      createdBy: input.actorUserId,
      postedAt: now,
    });
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "payment.flag_resolved",
      entityType: "payment",
      entityId: payment.id,
      before: { alert: payment.alert, status: payment.status, amount: payment.amount },
      after: { resolution: input.resolution, amount, reason: input.reason, entryId: posted.entryId },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const, entryId: posted.entryId };
  });
}
