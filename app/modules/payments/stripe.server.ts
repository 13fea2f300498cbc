import Stripe from "stripe";
import type { ObservedStatus, ProviderObservation, RefundAnswer, RefundInput, StartedPayment, StartPaymentInput } from "./provider";

/**
 * The Stripe adapter: a hosted Checkout Session per payment attempt, and what Stripe's signed events say about it,
 * in the terms of ./provider. Amounts cross the boundary here: we hold whole rupiah, Stripe treats IDR as a
 * two-decimal currency (rupiah x 100).
 */

export const STRIPE_CURRENCY = "idr";
/** Stripe's minor units per rupiah. */
export const IDR_MINOR_UNITS = 100;
/** How old a signed event may be, as Stripe's own default (5 minutes). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
/**
 * Stripe documents no IDR figure: its minimum is "$0.50 US or equivalent", judged in the account's settlement
 * currency (USD 0.50, EUR 0.50, SGD 0.50, GBP 0.30...). At 2025-26 rates the highest of those is about Rp 9.000,
 * so Rp 10.000 leaves a margin; a cooperative can set its own with `minimumAmount`.
 */
export const DEFAULT_MINIMUM_AMOUNT = 10_000;
/** Stripe accepts at most 100 line items in payment mode. */
export const MAX_LINE_ITEMS = 100;

const MINUTE = 60;
/** Checkout's window for `expires_at`: 30 minutes to 24 hours after the session is created. */
const EARLIEST_EXPIRY_SECONDS = 30 * MINUTE;
const LATEST_EXPIRY_SECONDS = 24 * 60 * MINUTE;
/**
 * Stripe measures the window from its own clock when the request arrives, not ours when it leaves: a minute inside
 * each edge absorbs latency, SDK retries and clock skew.
 */
const EXPIRY_MARGIN_SECONDS = MINUTE;

/** Where the SDK sends API requests; unset, it talks to api.stripe.com. */
export interface StripeApiLocation {
  host: string;
  port: number;
  protocol: "http" | "https";
}

/** Reads a base URL such as `STRIPE_API_URL=http://127.0.0.1:12111` (tests, stripe-mock) into an SDK location. */
export function parseStripeApiUrl(url: string): StripeApiLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Invalid Stripe API URL: ${url}`);
  }
  const protocol = parsed.protocol.slice(0, -1);
  if ((protocol !== "http" && protocol !== "https") || (parsed.pathname !== "/" && parsed.pathname !== "") || parsed.search) {
    throw new Error(`Invalid Stripe API URL (expected http(s)://host[:port]): ${url}`);
  }
  const port = parsed.port ? Number(parsed.port) : protocol === "https" ? 443 : 80;
  return { host: parsed.hostname, port, protocol };
}

export interface StripeKeys {
  /** `sk_live_...`, `sk_test_...` or a restricted `rk_...` key allowed to write Checkout Sessions. */
  secretKey: string;
  /** `whsec_...`: the signing secret of the webhook endpoint. */
  webhookSecret: string;
}

export interface StripeProviderOptions {
  api?: StripeApiLocation;
  /** Whole rupiah; attempts below are refused before reaching Stripe. */
  minimumAmount?: number;
}

export type WebhookVerification =
  | { ok: true; event: Stripe.Event }
  | { ok: false; error: "unsigned" | "bad_signature" };

export interface StripeProvider {
  readonly name: "stripe";
  startPayment(input: StartPaymentInput): Promise<StartedPayment>;
  /** Checks `Stripe-Signature` against the raw body, exactly as received (read it with `request.text()`). */
  verifyWebhook(rawBody: string, signatureHeader: string | null): WebhookVerification;
  eventId(event: Stripe.Event): string;
  observe(event: Stripe.Event): ProviderObservation | null;
  /** Where a Checkout Session stands now, for re-checks; null when Stripe does not know it or it is not ours. */
  status(sessionId: string): Promise<ProviderObservation | null>;
  /** `POST /v1/refunds` on the attempt's PaymentIntent, in IDR minor units, with the refund key as idempotency key. */
  refund(input: RefundInput): Promise<RefundAnswer>;
}

/** A payment attempt Stripe should never see: the amounts do not add up, or fall outside what Stripe accepts. */
export class StripePaymentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StripePaymentInputError";
  }
}

export function stripeProvider(keys: StripeKeys, options: StripeProviderOptions = {}): StripeProvider {
  const stripe = new Stripe(keys.secretKey, {
    ...(options.api ?? {}),
    // The SDK retries connection failures, 409s and 5xxs with the same idempotency key, so a retry never
    // opens a second session.
    maxNetworkRetries: 2,
    timeout: 20_000,
  });
  const minimumAmount = options.minimumAmount ?? DEFAULT_MINIMUM_AMOUNT;

  return {
    name: "stripe",

    async startPayment(input) {
      const params = checkoutSessionParams(input, { now: new Date(), minimumAmount });
      // Stripe refuses a key reused with other parameters (idempotency_error); a new attempt needs a new reference.
      const session = await stripe.checkout.sessions.create(params, { idempotencyKey: input.reference });
      if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL`);
      return { redirectUrl: session.url, providerPaymentId: session.id };
    },

    verifyWebhook(rawBody, signatureHeader) {
      if (!signatureHeader) return { ok: false, error: "unsigned" };
      try {
        const event = stripe.webhooks.constructEvent(rawBody, signatureHeader, keys.webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
        return { ok: true, event };
      } catch {
        // A forged, re-signed, stale or malformed delivery: nothing in it can be used.
        return { ok: false, error: "bad_signature" };
      }
    },

    eventId: (event) => event.id,

    observe: observeStripeEvent,

    async status(sessionId) {
      let session: Stripe.Checkout.Session;
      try {
        session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ["payment_intent.latest_charge"] });
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
        throw error;
      }
      return observeCheckoutSession(session, { status: sessionStatus(session), occurredAt: null });
    },

    async refund(input) {
      if (!input.providerTransactionId) return { status: "failed", providerRefundId: null, message: "No PaymentIntent recorded for this payment" };
      let refund: Stripe.Refund;
      try {
        refund = await stripe.refunds.create(
          {
            payment_intent: input.providerTransactionId,
            amount: toStripeAmount(input.amount),
            reason: "requested_by_customer",
            metadata: { reference: input.reference, refundKey: input.refundKey, note: input.reason.slice(0, 500) },
          },
          { idempotencyKey: input.refundKey },
        );
      } catch (error) {
        // Stripe said no (more than is left, a disputed charge): final. Connection failures and 5xx are thrown.
        if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError) {
          return { status: "failed", providerRefundId: null, message: error.message };
        }
        throw error;
      }
      const status = refund.status === "succeeded" ? "succeeded" : refund.status === "failed" || refund.status === "canceled" ? "failed" : "pending";
      return { status, providerRefundId: refund.id, ...(refund.failure_reason ? { message: refund.failure_reason } : {}) };
    },
  };
}

/** Whole rupiah to Stripe's IDR minor units. */
export function toStripeAmount(rupiah: number): number {
  if (!Number.isSafeInteger(rupiah) || !Number.isSafeInteger(rupiah * IDR_MINOR_UNITS)) {
    throw new RangeError(`Not a whole rupiah amount Stripe can carry: ${rupiah}`);
  }
  return rupiah * IDR_MINOR_UNITS;
}

/** Stripe's IDR minor units to whole rupiah; a fraction of a rupiah is refused, never rounded. */
export function fromStripeAmount(minorUnits: number): number {
  if (!Number.isSafeInteger(minorUnits) || minorUnits % IDR_MINOR_UNITS !== 0) {
    throw new RangeError(`Stripe amount ${minorUnits} is not a whole number of rupiah`);
  }
  return minorUnits / IDR_MINOR_UNITS;
}

/**
 * `expires_at` for a Checkout Session (Unix seconds): the attempt's own expiry, moved into Stripe's window of
 * 30 minutes to 24 hours from now. A session can thus outlive an attempt that expires sooner than 30 minutes.
 */
export function checkoutExpiresAt(expiresAt: Date, now: Date): number {
  const wanted = Math.floor(expiresAt.getTime() / 1000);
  const nowSeconds = now.getTime() / 1000;
  if (!Number.isFinite(wanted) || !Number.isFinite(nowSeconds)) throw new RangeError("Invalid expiry date");
  const earliest = Math.ceil(nowSeconds + EARLIEST_EXPIRY_SECONDS + EXPIRY_MARGIN_SECONDS);
  const latest = Math.floor(nowSeconds + LATEST_EXPIRY_SECONDS - EXPIRY_MARGIN_SECONDS);
  return Math.min(Math.max(wanted, earliest), latest);
}

/** Stripe replaces `{CHECKOUT_SESSION_ID}` in the success URL with the session's id. */
export function successUrlWithSessionId(finishUrl: string): string {
  if (finishUrl.includes("{CHECKOUT_SESSION_ID}")) return finishUrl;
  const hashAt = finishUrl.indexOf("#");
  const [base, hash] = hashAt === -1 ? [finishUrl, ""] : [finishUrl.slice(0, hashAt), finishUrl.slice(hashAt)];
  const separator = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return `${base}${separator}session_id={CHECKOUT_SESSION_ID}${hash}`;
}

/** The Checkout Session an attempt asks for; throws `StripePaymentInputError` for one Stripe must not see. */
export function checkoutSessionParams(
  input: StartPaymentInput,
  context: { now: Date; minimumAmount: number },
): Stripe.Checkout.SessionCreateParams {
  if (input.items.length === 0) throw new StripePaymentInputError("A payment needs at least one item");
  if (input.items.length > MAX_LINE_ITEMS) {
    throw new StripePaymentInputError(`Stripe Checkout takes at most ${MAX_LINE_ITEMS} items, got ${input.items.length}`);
  }
  let total = 0;
  for (const item of input.items) {
    if (!Number.isSafeInteger(item.unitPrice) || item.unitPrice < 0) {
      throw new StripePaymentInputError(`Item ${item.id}: the price must be a whole, non-negative rupiah amount`);
    }
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1) {
      throw new StripePaymentInputError(`Item ${item.id}: the quantity must be a positive whole number`);
    }
    total += item.unitPrice * item.quantity;
  }
  if (!Number.isSafeInteger(total) || total !== input.amount) {
    throw new StripePaymentInputError(`The items add up to ${total} rupiah, not the amount of ${input.amount}`);
  }
  if (input.amount < context.minimumAmount) {
    throw new StripePaymentInputError(`Stripe cannot charge ${input.amount} rupiah: the minimum is ${context.minimumAmount}`);
  }
  // Both land on the session; the PaymentIntent's copy is what its charge (and so charge.refunded) carries.
  const metadata = { reference: input.reference, orderNumber: input.orderNumber };
  return {
    mode: "payment",
    currency: STRIPE_CURRENCY,
    line_items: input.items.map((item) => ({
      quantity: item.quantity,
      price_data: {
        currency: STRIPE_CURRENCY,
        unit_amount: toStripeAmount(item.unitPrice),
        product_data: { name: item.name.trim() || item.id, metadata: { id: item.id } },
      },
    })),
    client_reference_id: input.reference,
    metadata,
    payment_intent_data: { metadata, description: input.orderNumber },
    ...(input.customer.email ? { customer_email: input.customer.email } : {}),
    success_url: successUrlWithSessionId(input.finishUrl),
    cancel_url: input.cancelUrl,
    expires_at: checkoutExpiresAt(input.expiresAt, context.now),
    locale: input.locale,
  };
}

/**
 * What a verified Stripe event says about one of our payments; null for events that are not about one (other types,
 * sessions or charges without our reference). Throws when an event about ours cannot be trusted as money: another
 * currency, a fraction of a rupiah, or references that disagree.
 */
export function observeStripeEvent(event: Stripe.Event): ProviderObservation | null {
  const occurredAt = new Date(event.created * 1000);
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object;
      const status = session.payment_status === "paid" ? "paid" : "pending";
      return observeCheckoutSession(session, { status, occurredAt });
    }
    case "checkout.session.async_payment_succeeded":
      return observeCheckoutSession(event.data.object, { status: "paid", occurredAt });
    case "checkout.session.async_payment_failed":
      return observeCheckoutSession(event.data.object, { status: "failed", occurredAt });
    case "checkout.session.expired":
      return observeCheckoutSession(event.data.object, { status: "expired", occurredAt });
    case "charge.refunded":
      return observeRefundedCharge(event.data.object, occurredAt);
    default:
      return null;
  }
}

/** A Checkout Session's state as a payment status, for re-checks (the PaymentIntent expanded tells a failure apart). */
export function sessionStatus(session: Stripe.Checkout.Session): ObservedStatus {
  if (session.status === "expired") return "expired";
  if (session.status !== "complete") return "pending";
  if (session.payment_status === "paid") return "paid";
  // Complete but unpaid: an asynchronous method (a bank debit) still processing, or failed, which only the
  // PaymentIntent shows.
  const intent = session.payment_intent;
  if (intent && typeof intent === "object" && (intent.status === "requires_payment_method" || intent.status === "canceled")) {
    return "failed";
  }
  return "pending";
}

/** One of our Checkout Sessions in the provider's terms, with the status the caller read from the event or re-check. */
export function observeCheckoutSession(
  session: Stripe.Checkout.Session,
  observed: { status: ObservedStatus; occurredAt: Date | null },
): ProviderObservation | null {
  if (session.mode !== "payment") return null;
  const reference = ourReference(session.id, session.client_reference_id, session.metadata);
  if (!reference) return null;
  if (session.amount_total === null) throw new Error(`Checkout Session ${session.id} has no amount_total`);
  return {
    reference,
    status: observed.status,
    amount: rupiahOf(session.amount_total, session.currency, session.id),
    providerTransactionId: idOf(session.payment_intent),
    method: sessionMethod(session),
    occurredAt: observed.occurredAt,
  };
}

function observeRefundedCharge(charge: Stripe.Charge, occurredAt: Date): ProviderObservation | null {
  // A charge has no client_reference_id: the reference comes from payment_intent_data.metadata, copied onto it.
  const reference = ourReference(charge.id, null, charge.metadata);
  if (!reference) return null;
  if (charge.amount_refunded <= 0) return null;
  return {
    reference,
    status: charge.amount_refunded >= charge.amount ? "refunded" : "partially_refunded",
    // What has gone back so far, in total (a later partial refund reports the sum, not the step).
    amount: rupiahOf(charge.amount_refunded, charge.currency, charge.id),
    providerTransactionId: idOf(charge.payment_intent) ?? charge.id,
    method: charge.payment_method_details?.type ?? null,
    occurredAt,
  };
}

function ourReference(objectId: string, clientReferenceId: string | null, metadata: Stripe.Metadata | null): string | null {
  const fromMetadata = metadata?.reference || null;
  if (clientReferenceId && fromMetadata && clientReferenceId !== fromMetadata) {
    throw new Error(`${objectId}: client_reference_id ${clientReferenceId} differs from metadata.reference ${fromMetadata}`);
  }
  return clientReferenceId || fromMetadata;
}

function rupiahOf(minorUnits: number, currency: string | null, objectId: string): number {
  if (currency !== STRIPE_CURRENCY) throw new Error(`${objectId} is in ${currency ?? "no currency"}, not ${STRIPE_CURRENCY}`);
  return fromStripeAmount(minorUnits);
}

function idOf(value: string | { id: string } | null): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

/** How the shopper paid, when the session says: the charge's method once expanded, or the only method offered. */
function sessionMethod(session: Stripe.Checkout.Session): string | null {
  const intent = session.payment_intent;
  if (intent && typeof intent === "object") {
    const charge = intent.latest_charge;
    if (charge && typeof charge === "object" && charge.payment_method_details) return charge.payment_method_details.type;
  }
  const offered = session.payment_method_types ?? [];
  return offered.length === 1 ? offered[0]! : null;
}
