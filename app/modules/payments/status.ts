import type { ObservedStatus, PaymentStatus } from "./provider";

/**
 * Payments move only forward (DESIGN.md): a late or repeated notification never takes a paid payment back.
 * `held` (a card payment the provider is reviewing) may still become paid or failed.
 */
const next: Record<PaymentStatus, readonly PaymentStatus[]> = {
  pending: ["held", "paid", "failed", "expired"],
  held: ["paid", "failed"],
  paid: [],
  failed: [],
  expired: [],
};

export function paymentMayMove(from: PaymentStatus, to: PaymentStatus): boolean {
  return next[from].includes(to);
}

/** Refund observations are their own records (the refunds issue); here they only count as "not a status change". */
export function isPaymentStatus(status: ObservedStatus): status is PaymentStatus {
  return status in next;
}
