import { eq } from "drizzle-orm";
import type { Db } from "~db/client";
import type { ProviderAccount } from "~/modules/payments/accounts.server";
import { cooperatives } from "~db/schema";
import { receiveEvent, type Appliers, type EventApplier } from "~/modules/inbox/inbox.server";
import { getOrder } from "~/modules/orders/orders.server";
import { midtransProvider, type MidtransProvider } from "~/modules/payments/midtrans.server";
import { getPayment, paymentByReference, recordStartedPayment, type Payment } from "~/modules/payments/payments.server";
import type { OnlineProvider, PaymentItem, ProviderName, RefundAnswer, RefundInput } from "~/modules/payments/provider";
import { stripeProvider, type StripeApiLocation, type StripeProvider } from "~/modules/payments/stripe.server";
import { applyPaymentObservation } from "./apply-payment.server";
import type { PaymentStatusCheck } from "./expire-orders.server";

export type { ProviderAccount };

/** Where accounts come from: the cooperative's settings, or the environment of a single-cooperative deployment. */
export interface AccountSource {
  account(db: Db, cooperativeId: string, provider: OnlineProvider): Promise<ProviderAccount | null>;
}

export type StartResult = { ok: true; redirectUrl: string } | { ok: false; error: "provider_unavailable" | "provider_failed" | "not_payable" };
export type NotificationAnswer = { status: 200 | 400 | 401 | 404; outcome: string };

/**
 * Payments as the shop sees them, whichever provider: which ways to pay a cooperative offers, starting a payment
 * at the provider, re-checking one, and taking in notifications (verified at once, stored in the inbox, applied
 * once by a job). The cooperative of a notification always comes from the payment it names, never the request.
 */
export class PaymentGateway {
  constructor(
    private readonly accounts: AccountSource,
    private readonly options: { stripeApi?: StripeApiLocation; log?: (line: string) => void } = {},
  ) {}

  async offeredProviders(db: Db, cooperativeId: string): Promise<ProviderName[]> {
    const offered: ProviderName[] = [];
    for (const provider of ["midtrans", "stripe", "manual"] as const) if (await this.offers(db, cooperativeId, provider)) offered.push(provider);
    return offered;
  }

  /** Whether the cooperative takes this way of paying now: an account for an online provider, bank details for a transfer. */
  async offers(db: Db, cooperativeId: string, provider: ProviderName): Promise<boolean> {
    if (provider !== "manual") return (await this.accounts.account(db, cooperativeId, provider)) !== null;
    const [cooperative] = await db.select({ bankAccountNumber: cooperatives.bankAccountNumber }).from(cooperatives).where(eq(cooperatives.id, cooperativeId));
    return Boolean(cooperative?.bankAccountNumber);
  }

  async midtrans(db: Db, cooperativeId: string): Promise<MidtransProvider | null> {
    const account = await this.accounts.account(db, cooperativeId, "midtrans");
    return account?.provider === "midtrans" ? midtransProvider(account) : null;
  }

  async stripe(db: Db, cooperativeId: string): Promise<StripeProvider | null> {
    const account = await this.accounts.account(db, cooperativeId, "stripe");
    return account?.provider === "stripe" ? stripeProvider(account, { api: this.options.stripeApi }) : null;
  }

  /**
   * Sends the shopper to the provider for a pending online payment: the page it already has, or a new one.
   * `orderPageUrl` is where they come back to.
   */
  async start(db: Db, input: { cooperativeId: string; paymentId: string; orderPageUrl: string; locale: "id" | "en" }): Promise<StartResult> {
    const payment = await getPayment(db, input.cooperativeId, input.paymentId);
    if (!payment || payment.provider === "manual" || payment.status !== "pending") return { ok: false, error: "not_payable" };
    if (payment.redirectUrl) return { ok: true, redirectUrl: payment.redirectUrl };
    const adapter = payment.provider === "midtrans" ? await this.midtrans(db, input.cooperativeId) : await this.stripe(db, input.cooperativeId);
    if (!adapter) return { ok: false, error: "provider_unavailable" };
    const found = await getOrder(db, input.cooperativeId, payment.orderId);
    if (!found || found.order.status !== "pending_payment") return { ok: false, error: "not_payable" };
    const { order, lines } = found;
    const items: PaymentItem[] = lines.map((line) => ({
      id: line.sku,
      name: input.locale === "en" ? line.nameEn : line.nameId,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
    }));
    if (order.shipping > 0) items.push({ id: "shipping", name: input.locale === "en" ? "Shipping" : "Ongkos kirim", unitPrice: order.shipping, quantity: 1 });
    try {
      const started = await adapter.startPayment({
        reference: payment.reference,
        orderNumber: order.number,
        amount: payment.amount,
        items,
        customer: { name: order.contactName, email: order.email, phone: order.phone },
        expiresAt: order.expiresAt,
        finishUrl: input.orderPageUrl,
        cancelUrl: input.orderPageUrl,
        locale: input.locale,
      });
      await recordStartedPayment(db, input.cooperativeId, payment.id, started);
      return { ok: true, redirectUrl: started.redirectUrl };
    } catch (error) {
      this.options.log?.(`Payment ${payment.reference} could not start at ${payment.provider}: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, error: "provider_failed" };
    }
  }

  /** Asks the provider where a payment stands (for the expiry job and the page shoppers come back to). */
  statusCheck(db: Db): PaymentStatusCheck {
    return async (payment: Payment) => {
      if (payment.provider === "midtrans") return (await this.midtrans(db, payment.cooperativeId))?.status(payment.reference) ?? null;
      if (payment.provider === "stripe" && payment.providerPaymentId) {
        return (await this.stripe(db, payment.cooperativeId))?.status(payment.providerPaymentId) ?? null;
      }
      return null;
    };
  }

  /**
   * Asks the provider that took a payment to give money back; `null` when the cooperative has no account with it
   * any more (the refund is then made by bank transfer). Throws when the provider could not be reached: the refund
   * stays pending, to be settled by its notification or tried again.
   */
  async refund(db: Db, payment: Payment, input: Omit<RefundInput, "reference" | "providerTransactionId">): Promise<RefundAnswer | null> {
    if (payment.provider === "manual") return null;
    const adapter = payment.provider === "midtrans" ? await this.midtrans(db, payment.cooperativeId) : await this.stripe(db, payment.cooperativeId);
    if (!adapter) return null;
    return adapter.refund({ ...input, reference: payment.reference, providerTransactionId: payment.providerTransactionId });
  }

  /** Re-checks a pending online payment and applies what the provider says (a shopper back from paying). */
  async refresh(db: Db, payment: Payment): Promise<void> {
    if (payment.status !== "pending" || payment.provider === "manual") return;
    const observation = await this.statusCheck(db)(payment).catch(() => null);
    if (observation) await applyPaymentObservation(db, observation);
  }

  /**
   * A Midtrans notification: the signature is checked with the key of the cooperative whose payment it names,
   * before anything is stored; a forged, unsigned or unknown one is refused at once and changes nothing.
   */
  async receiveMidtrans(db: Db, rawBody: string, headers: Headers): Promise<NotificationAnswer> {
    const body = parseJson(rawBody);
    const reference = typeof body?.order_id === "string" ? body.order_id : null;
    const payment = reference ? await paymentByReference(db, reference) : undefined;
    if (!payment || payment.provider !== "midtrans") return { status: 404, outcome: "unknown order" };
    const midtrans = await this.midtrans(db, payment.cooperativeId);
    if (!midtrans) return { status: 404, outcome: "midtrans is not set up for this shop" };
    const verified = midtrans.verifyNotification(body);
    if (!verified.ok) {
      this.options.log?.(`Refused a Midtrans notification for ${payment.reference}: ${verified.error}.`);
      return { status: verified.error === "bad_signature" ? 401 : 400, outcome: verified.error };
    }
    await receiveEvent(db, { provider: "midtrans", eventId: midtrans.eventId(verified.notification), headers, rawBody, endpointCooperativeId: payment.cooperativeId });
    return { status: 200, outcome: "received" };
  }

  /** A Stripe webhook: verified on the raw body with the signing secret of the cooperative whose payment it names. */
  async receiveStripe(db: Db, rawBody: string, headers: Headers): Promise<NotificationAnswer> {
    const reference = stripeReference(parseJson(rawBody));
    const payment = reference ? await paymentByReference(db, reference) : undefined;
    if (!payment || payment.provider !== "stripe") {
      // Events about nothing of ours (other products on the same Stripe account) are acknowledged and dropped.
      return reference ? { status: 404, outcome: "unknown payment" } : { status: 200, outcome: "ignored" };
    }
    const stripe = await this.stripe(db, payment.cooperativeId);
    if (!stripe) return { status: 404, outcome: "stripe is not set up for this shop" };
    const verified = stripe.verifyWebhook(rawBody, headers.get("stripe-signature"));
    if (!verified.ok) {
      this.options.log?.(`Refused a Stripe event for ${payment.reference}: ${verified.error}.`);
      return { status: 400, outcome: verified.error };
    }
    await receiveEvent(db, { provider: "stripe", eventId: stripe.eventId(verified.event), headers, rawBody, endpointCooperativeId: payment.cooperativeId });
    return { status: 200, outcome: "received" };
  }

  /** How stored notifications are applied (by the inbox job, each once). */
  appliers(): Appliers {
    const midtrans: EventApplier = async (tx, event) => {
      const body = parseJson(event.rawBody);
      const payment = typeof body?.order_id === "string" ? await paymentByReference(tx, body.order_id) : undefined;
      const adapter = payment && (await this.midtrans(tx, payment.cooperativeId));
      if (!payment || !adapter) return { cooperativeId: payment?.cooperativeId ?? null, outcome: "ignored: no such payment or account" };
      const verified = adapter.verifyNotification(body);
      if (!verified.ok) return { cooperativeId: payment.cooperativeId, outcome: `ignored: ${verified.error}` };
      // The signature does not cover the status: apply what the status API answers, never the body's.
      const confirmed = await adapter.confirm(verified.notification);
      if (!confirmed.ok) return { cooperativeId: payment.cooperativeId, outcome: `ignored: ${confirmed.error}` };
      const applied = await applyPaymentObservation(tx, confirmed.observation);
      return { cooperativeId: applied.cooperativeId, outcome: applied.outcome };
    };
    const stripe: EventApplier = async (tx, event) => {
      // Verified when received (Stripe's signatures expire after five minutes, so a retry cannot verify again).
      const parsed = parseJson(event.rawBody);
      const payment = await paymentByReference(tx, stripeReference(parsed) ?? "");
      const adapter = payment && (await this.stripe(tx, payment.cooperativeId));
      if (!payment || !adapter) return { cooperativeId: payment?.cooperativeId ?? null, outcome: "ignored: no such payment or account" };
      const observation = adapter.observe(parsed as never);
      if (!observation) return { cooperativeId: payment.cooperativeId, outcome: "ignored: not a payment event" };
      const applied = await applyPaymentObservation(tx, observation);
      return { cooperativeId: applied.cooperativeId, outcome: applied.outcome };
    };
    return { midtrans, stripe };
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Our reference in a Stripe event: the session's client_reference_id, or the metadata a charge inherits. */
function stripeReference(event: Record<string, unknown> | null): string | null {
  const object = (event?.data as { object?: Record<string, unknown> } | undefined)?.object;
  if (!object) return null;
  const metadata = object.metadata as Record<string, unknown> | undefined;
  const reference = object.client_reference_id ?? metadata?.reference;
  return typeof reference === "string" && reference.length <= 60 ? reference : null;
}
