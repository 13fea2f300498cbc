/**
 * One interface for the ways a shopper can pay online (docs/decisions/0020). Each adapter speaks its provider's
 * wire format through the provider's own SDK and answers in these terms, so the flows that place orders and
 * apply payments never see a provider's field names.
 */

export type OnlineProvider = "midtrans" | "stripe";
export type ProviderName = OnlineProvider | "manual";

/** Where a payment attempt stands. Moves only forward: pending -> held | paid | failed | expired; held -> paid | failed. */
export type PaymentStatus = "pending" | "held" | "paid" | "failed" | "expired";

/** What a provider can say about a payment: a status, or that money went back. */
export type ObservedStatus = PaymentStatus | "refunded" | "partially_refunded";

export interface PaymentItem {
  /** Stable id of the line (a SKU, or "shipping"). */
  id: string;
  /** Shown on the provider's page; adapters shorten it to what the provider accepts. */
  name: string;
  /** Whole rupiah. */
  unitPrice: number;
  quantity: number;
}

export interface StartPaymentInput {
  /** Our reference for this payment attempt: unique per attempt, at most 50 characters (e.g. `BNR-26-000123-1`). */
  reference: string;
  /** The order number the shopper sees. */
  orderNumber: string;
  /** Whole rupiah; always equal to the sum of `items` (shipping is an item). */
  amount: number;
  items: PaymentItem[];
  customer: { name: string; email: string; phone: string };
  /** When the attempt should stop accepting payment. */
  expiresAt: Date;
  /** Where the shopper comes back to after paying (or giving up). */
  finishUrl: string;
  cancelUrl: string;
  locale: "id" | "en";
}

export interface StartedPayment {
  /** The provider's page the shopper is sent to. */
  redirectUrl: string;
  /** The provider's id for the attempt (a Snap token, a Checkout Session id). */
  providerPaymentId: string | null;
}

/** What a provider says about one attempt, after its signature was verified and its status re-checked. */
export interface ProviderObservation {
  /** Our `StartPaymentInput.reference`. */
  reference: string;
  status: ObservedStatus;
  /** Whole rupiah, as the provider reports it (never trusted to equal the order's until compared). */
  amount: number;
  providerTransactionId: string | null;
  /** How the shopper paid: `qris`, `bank_transfer`, `gopay`, `card`... */
  method: string | null;
  occurredAt: Date | null;
  /** For `refunded` / `partially_refunded`: the refund keys the provider says it made (Midtrans lists them). */
  refundKeys?: string[];
}

/** Money to give back from a paid attempt, through the provider that took it. */
export interface RefundInput {
  /** Our reference of the paid attempt (Midtrans's order id). */
  reference: string;
  /** The provider's id of what was paid (Stripe's PaymentIntent). */
  providerTransactionId: string | null;
  /** Unique per refund: sent as Midtrans's `refund_key` and Stripe's idempotency key, so a retry never refunds twice. */
  refundKey: string;
  /** Whole rupiah. */
  amount: number;
  reason: string;
}

/**
 * What the provider answered: done, accepted but not final yet (settled later by its notification), or refused
 * (`message` in the provider's words, for staff; the refund is then made by bank transfer).
 */
export interface RefundAnswer {
  status: "succeeded" | "pending" | "failed";
  providerRefundId: string | null;
  message?: string;
}
