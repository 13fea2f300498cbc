import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { closeNow, listenLocally } from "./local-server";

export interface FakeStripeAccount {
  secretKey: string;
  webhookSecret: string;
  /** Where events for this account are posted, signed with `webhookSecret`; unset, they are only recorded. */
  webhookUrl?: string;
}

/** A form value as Stripe reads `a[b][0][c]=v`: strings, nested objects and arrays. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export interface ReceivedStripeRequest {
  method: string;
  path: string;
  status: number;
  /** The Bearer token sent, if any. */
  secretKey: string | null;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  /** The form body (POST) or query (GET), parsed the way Stripe parses it. */
  params: FormObject;
}

export interface FakeCheckoutSession {
  id: string;
  object: "checkout.session";
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: "payment";
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: "paid" | "unpaid";
  status: "open" | "complete" | "expired";
  success_url: string | null;
  url: string | null;
}

export interface FakeLineItem {
  name: string;
  quantity: number;
  unit_amount: number;
  currency: string;
}

export interface FakePaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  created: number;
  currency: string;
  description: string | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  payment_method_types: string[];
  status: "processing" | "succeeded" | "requires_payment_method";
}

export interface FakeCharge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  created: number;
  currency: string;
  livemode: false;
  metadata: Record<string, string>;
  paid: boolean;
  payment_intent: string;
  payment_method_details: { type: string };
  refunded: boolean;
  status: "succeeded";
}

export interface FakeRefund {
  id: string;
  object: "refund";
  amount: number;
  balance_transaction: string;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  receipt_number: null;
  status: "succeeded" | "pending" | "failed";
}

export interface FakeStripeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface WebhookDelivery {
  url: string;
  eventId: string;
  type: string;
  /** The receiver's HTTP status; null when it could not be reached. */
  status: number | null;
  error?: string;
}

export interface SignedEvent {
  event: FakeStripeEvent;
  /** The exact body to post. */
  payload: string;
  /** The `Stripe-Signature` header for it. */
  header: string;
}

interface StoredSession {
  secretKey: string;
  session: FakeCheckoutSession;
  lineItems: FakeLineItem[];
  paymentIntentMetadata: Record<string, string>;
  paymentIntentDescription: string | null;
  paymentIntent?: FakePaymentIntent;
  charge?: FakeCharge;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const API_VERSION = "2026-10-28.endive";
const CREATE_PARAMS = new Set([
  "mode", "currency", "line_items", "client_reference_id", "metadata", "payment_intent_data", "customer_email",
  "success_url", "cancel_url", "expires_at", "locale", "expand", "payment_method_types",
]);
const PAYMENT_INTENT_DATA_PARAMS = new Set(["metadata", "description", "statement_descriptor_suffix", "receipt_email"]);

/**
 * A local stand-in for the slice of Stripe's API the shop uses: Checkout Sessions (`POST /v1/checkout/sessions`,
 * `GET /v1/checkout/sessions/:id`) in Stripe's wire format (form-encoded bodies with bracketed keys, Bearer auth,
 * Idempotency-Key replay, Stripe's error JSON), a hosted payment page with Pay and Cancel buttons, and events signed
 * as Stripe signs them and posted to each account's webhook URL.
 */
export class FakeStripe {
  readonly requests: ReceivedStripeRequest[] = [];
  /** Every event raised, delivered or not. */
  readonly events: FakeStripeEvent[] = [];
  readonly deliveries: WebhookDelivery[] = [];
  /** Refunds made through `POST /v1/refunds`. */
  readonly refunds: FakeRefund[] = [];
  private readonly accounts: FakeStripeAccount[];
  private readonly sessions = new Map<string, StoredSession>();
  private readonly idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
  private server: http.Server | undefined;

  constructor(accounts: FakeStripeAccount | FakeStripeAccount[]) {
    this.accounts = (Array.isArray(accounts) ? accounts : [accounts]).map((account) => ({ ...account }));
    if (this.accounts.length === 0) throw new Error("FakeStripe needs at least one account");
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get host(): string {
    return "127.0.0.1";
  }

  get port(): number {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error("The fake Stripe is not started");
    return address.port;
  }

  /** Where to point the SDK: `new Stripe(key, { ...fake.api })`. */
  get api(): { host: string; port: number; protocol: "http" } {
    return { host: this.host, port: this.port, protocol: "http" };
  }

  async start(): Promise<void> {
    const server = http.createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        if (!response.headersSent) {
          response.writeHead(500, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: { type: "api_error", message: String(error) } }));
        }
      });
    });
    await listenLocally(server);
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await closeNow(server);
  }

  setWebhookUrl(secretKey: string, webhookUrl: string | undefined): void {
    this.accountFor(secretKey).webhookUrl = webhookUrl;
  }

  /** A copy of a session as the API would show it. */
  session(sessionId: string): FakeCheckoutSession | undefined {
    const stored = this.sessions.get(sessionId);
    return stored && structuredClone(stored.session);
  }

  lineItems(sessionId: string): FakeLineItem[] {
    return structuredClone(this.stored(sessionId).lineItems);
  }

  charge(sessionId: string): FakeCharge | undefined {
    const stored = this.sessions.get(sessionId);
    return stored?.charge && structuredClone(stored.charge);
  }

  /**
   * The shopper finishes Checkout: with a card the session is paid at once; with `paymentStatus: "unpaid"` an
   * asynchronous method (a bank debit) is still processing, settled later by `finishAsyncPayment`.
   */
  async complete(
    sessionId: string,
    options: { paymentStatus?: "paid" | "unpaid"; method?: string } = {},
  ): Promise<{ event: FakeStripeEvent; delivery: WebhookDelivery | null }> {
    const stored = this.stored(sessionId);
    if (stored.session.status !== "open") throw new Error(`Session ${sessionId} is ${stored.session.status}, not open`);
    const paid = (options.paymentStatus ?? "paid") === "paid";
    const method = options.method ?? (paid ? "card" : "us_bank_account");
    const created = nowSeconds();
    const intent: FakePaymentIntent = {
      id: `pi_${token(12)}`,
      object: "payment_intent",
      amount: stored.session.amount_total,
      amount_received: 0,
      created,
      currency: stored.session.currency,
      description: stored.paymentIntentDescription,
      latest_charge: null,
      livemode: false,
      metadata: { ...stored.paymentIntentMetadata },
      payment_method_types: [method],
      status: "processing",
    };
    stored.paymentIntent = intent;
    stored.session.payment_intent = intent.id;
    stored.session.status = "complete";
    stored.session.url = null;
    if (paid) this.settle(stored, method);
    return this.raise(stored.secretKey, "checkout.session.completed", stored.session);
  }

  /** An asynchronous payment (see `complete`) settles or fails. */
  async finishAsyncPayment(
    sessionId: string,
    outcome: "succeeded" | "failed",
  ): Promise<{ event: FakeStripeEvent; delivery: WebhookDelivery | null }> {
    const stored = this.stored(sessionId);
    const intent = stored.paymentIntent;
    if (stored.session.status !== "complete" || stored.session.payment_status !== "unpaid" || !intent) {
      throw new Error(`Session ${sessionId} has no asynchronous payment in progress`);
    }
    if (outcome === "succeeded") this.settle(stored, intent.payment_method_types[0] ?? "card");
    else intent.status = "requires_payment_method";
    return this.raise(stored.secretKey, `checkout.session.async_payment_${outcome}`, stored.session);
  }

  async expire(sessionId: string): Promise<{ event: FakeStripeEvent; delivery: WebhookDelivery | null }> {
    const stored = this.stored(sessionId);
    if (stored.session.status !== "open") throw new Error(`Session ${sessionId} is ${stored.session.status}, not open`);
    stored.session.status = "expired";
    stored.session.url = null;
    return this.raise(stored.secretKey, "checkout.session.expired", stored.session);
  }

  /** Refunds `amount` in Stripe's minor units (rupiah x 100), by default what is left of the charge. */
  async refund(sessionId: string, amount?: number): Promise<{ event: FakeStripeEvent; delivery: WebhookDelivery | null }> {
    const stored = this.stored(sessionId);
    const charge = stored.charge;
    if (!charge) throw new Error(`Session ${sessionId} has no charge to refund`);
    const left = charge.amount - charge.amount_refunded;
    const refunded = amount ?? left;
    if (!Number.isSafeInteger(refunded) || refunded <= 0 || refunded > left) {
      throw new Error(`Cannot refund ${refunded} of charge ${charge.id}: ${left} is left`);
    }
    charge.amount_refunded += refunded;
    charge.refunded = charge.amount_refunded === charge.amount;
    return this.raise(stored.secretKey, "charge.refunded", charge);
  }

  /** An event as Stripe would post it, signed for `secret` (the first account's by default) at `timestamp`. */
  signedEvent(type: string, object: unknown, options: { secret?: string; timestamp?: number } = {}): SignedEvent {
    const event = this.eventOf(type, object);
    const payload = JSON.stringify(event, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? this.accounts[0]!.webhookSecret,
      timestamp: options.timestamp,
    });
    return { event, payload, header };
  }

  /** Signs an event for an account (the first by default) and posts it to that account's webhook URL. */
  async sendEvent(
    type: string,
    object: unknown,
    options: { secretKey?: string; url?: string; timestamp?: number } = {},
  ): Promise<WebhookDelivery> {
    const account = options.secretKey ? this.accountFor(options.secretKey) : this.accounts[0]!;
    const url = options.url ?? account.webhookUrl;
    if (!url) throw new Error("No webhook URL to send the event to");
    const signed = this.signedEvent(type, object, { secret: account.webhookSecret, timestamp: options.timestamp });
    this.events.push(signed.event);
    return this.deliver(url, signed);
  }

  private async raise(
    secretKey: string,
    type: string,
    object: unknown,
  ): Promise<{ event: FakeStripeEvent; delivery: WebhookDelivery | null }> {
    const account = this.accountFor(secretKey);
    const signed = this.signedEvent(type, object, { secret: account.webhookSecret });
    this.events.push(signed.event);
    const delivery = account.webhookUrl ? await this.deliver(account.webhookUrl, signed) : null;
    return { event: signed.event, delivery };
  }

  private async deliver(url: string, signed: SignedEvent): Promise<WebhookDelivery> {
    const delivery: WebhookDelivery = { url, eventId: signed.event.id, type: signed.event.type, status: null };
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "stripe-signature": signed.header,
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
        body: signed.payload,
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      delivery.status = response.status;
    } catch (error) {
      delivery.error = String(error);
    }
    this.deliveries.push(delivery);
    return delivery;
  }

  private eventOf(type: string, object: unknown): FakeStripeEvent {
    return {
      id: `evt_${token(12)}`,
      object: "event",
      api_version: API_VERSION,
      created: nowSeconds(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
  }

  private settle(stored: StoredSession, method: string): void {
    const intent = stored.paymentIntent!;
    const charge: FakeCharge = {
      id: `ch_${token(12)}`,
      object: "charge",
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      captured: true,
      created: nowSeconds(),
      currency: intent.currency,
      livemode: false,
      // Stripe copies the PaymentIntent's metadata onto the charge it makes.
      metadata: { ...intent.metadata },
      paid: true,
      payment_intent: intent.id,
      payment_method_details: { type: method },
      refunded: false,
      status: "succeeded",
    };
    stored.charge = charge;
    intent.latest_charge = charge.id;
    intent.amount_received = intent.amount;
    intent.status = "succeeded";
    stored.session.payment_status = "paid";
  }

  private stored(sessionId: string): StoredSession {
    const stored = this.sessions.get(sessionId);
    if (!stored) throw new Error(`No such checkout.session: ${sessionId}`);
    return stored;
  }

  private accountFor(secretKey: string): FakeStripeAccount {
    const account = this.accounts.find((candidate) => candidate.secretKey === secretKey);
    if (!account) throw new Error("No fake Stripe account has that secret key");
    return account;
  }

  private async route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://fake");
    const page = /^\/pay\/([^/]+)$/.exec(url.pathname);
    if (page) return this.hostedPage(request, response, decodeURIComponent(page[1]!));

    const body = request.method === "POST" ? await readBody(request) : "";
    const params = parseForm(request.method === "POST" ? body : url.search.slice(1));
    const secretKey = bearerToken(request.headers.authorization);
    const idempotencyKey = header(request, "idempotency-key");
    const answer = this.answerApi(request.method ?? "GET", url.pathname, params, secretKey, idempotencyKey);
    this.requests.push({
      method: request.method ?? "GET",
      path: url.pathname,
      status: answer.status,
      secretKey,
      idempotencyKey,
      stripeVersion: header(request, "stripe-version"),
      params,
    });
    response.writeHead(answer.status, {
      "content-type": "application/json",
      "request-id": `req_${token(7)}`,
      "stripe-version": header(request, "stripe-version") ?? API_VERSION,
      ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
      ...answer.headers,
    });
    response.end(JSON.stringify(answer.body, null, 2));
  }

  private answerApi(method: string, path: string, params: FormObject, secretKey: string | null, idempotencyKey: string | null): Answer {
    if (!secretKey) {
      return stripeError(
        401,
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      );
    }
    if (!this.accounts.some((account) => account.secretKey === secretKey)) {
      return stripeError(401, `Invalid API Key provided: ${redactKey(secretKey)}`);
    }

    if (method === "POST" && path === "/v1/checkout/sessions") {
      return this.idempotently(secretKey, idempotencyKey, `${method} ${path} ${canonical(params)}`, () => this.createSession(secretKey, params));
    }
    if (method === "POST" && path === "/v1/refunds") {
      return this.idempotently(secretKey, idempotencyKey, `${method} ${path} ${canonical(params)}`, () => this.createRefund(secretKey, params));
    }

    const retrieve = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === "GET" && retrieve) {
      const id = decodeURIComponent(retrieve[1]!);
      const stored = this.sessions.get(id);
      if (!stored || stored.secretKey !== secretKey) {
        return stripeError(404, `No such checkout.session: '${id}'`, { code: "resource_missing", param: "session" });
      }
      return { status: 200, body: this.expanded(stored, params.expand) };
    }

    return stripeError(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  /** Stripe's idempotency: the same key with the same parameters replays the first answer; with others it is refused. */
  private idempotently(secretKey: string, idempotencyKey: string | null, fingerprint: string, create: () => Answer): Answer {
    if (!idempotencyKey) return create();
    const slot = `${secretKey}\n${idempotencyKey}`;
    const previous = this.idempotent.get(slot);
    if (previous && previous.fingerprint !== fingerprint) {
      return stripeError(
        400,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        { type: "idempotency_error" },
      );
    }
    if (previous) return { ...previous.answer, headers: { "idempotent-replayed": "true" } };
    const answer = create();
    // As Stripe: a request refused by validation never started, so its key stays free.
    if (answer.status === 200) this.idempotent.set(slot, { fingerprint, answer });
    return answer;
  }

  /**
   * `POST /v1/refunds` (`payment_intent` or `charge`, `amount` in minor units, `reason`, `metadata`): refunds the
   * charge at once (`status: succeeded`, as cards do) and raises `charge.refunded` to the account's webhook.
   */
  private createRefund(secretKey: string, params: FormObject): Answer {
    for (const name of Object.keys(params)) {
      if (!["payment_intent", "charge", "amount", "reason", "metadata", "expand"].includes(name)) return invalid(`Received unknown parameter: ${name}`, name);
    }
    const stored = [...this.sessions.values()].find(
      (candidate) =>
        candidate.secretKey === secretKey &&
        candidate.charge &&
        (candidate.paymentIntent?.id === params.payment_intent || candidate.charge.id === params.charge),
    );
    if (params.payment_intent === undefined && params.charge === undefined) return invalid("One of `charge` or `payment_intent` is required.", "payment_intent");
    if (!stored?.charge) {
      const param = params.payment_intent !== undefined ? "payment_intent" : "charge";
      return stripeError(404, `No such ${param}: '${String(params[param])}'`, { code: "resource_missing", param });
    }
    const charge = stored.charge;
    const left = charge.amount - charge.amount_refunded;
    if (left === 0) return stripeError(400, `Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded" });
    const amount = params.amount === undefined ? left : integerOf(params.amount);
    if (amount === null || amount < 1) return invalid(`Invalid positive integer`, "amount");
    if (amount > left) {
      return stripeError(400, `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(left, charge.currency)})`, {
        code: "amount_too_large",
        param: "amount",
      });
    }
    const reason = stringOrNull(params.reason);
    if (reason !== null && !["duplicate", "fraudulent", "requested_by_customer"].includes(reason)) return invalid(`Invalid reason: ${reason}`, "reason");
    const metadata = metadataOf(params.metadata, "metadata");
    if (typeof metadata === "string") return invalid(metadata, "metadata");
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const refund: FakeRefund = {
      id: `re_${token(24)}`,
      object: "refund",
      amount,
      balance_transaction: `txn_${token(24)}`,
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      metadata,
      payment_intent: charge.payment_intent,
      reason,
      receipt_number: null,
      status: "succeeded",
    };
    this.refunds.push(refund);
    // Stripe sends charge.refunded after answering; the shop must settle from the answer alone, so it goes out later.
    setImmediate(() => void this.raise(secretKey, "charge.refunded", charge));
    return { status: 200, body: refund };
  }

  private createSession(secretKey: string, params: FormObject): Answer {
    for (const name of Object.keys(params)) {
      if (!CREATE_PARAMS.has(name)) return invalid(`Received unknown parameter: ${name}`, name);
    }
    if (params.mode === undefined) return invalid("Missing required param: mode.", "mode");
    if (params.mode !== "payment") return invalid(`This fake only knows mode=payment, not ${String(params.mode)}.`, "mode");

    const rawItems = params.line_items;
    if (!Array.isArray(rawItems) || rawItems.length === 0) return invalid("`line_items` is required in `payment` mode.", "line_items");
    const lineItems: FakeLineItem[] = [];
    for (const [index, raw] of rawItems.entries()) {
      const param = `line_items[${index}]`;
      if (!isObject(raw)) return invalid(`Invalid object`, param);
      const priceData = raw.price_data;
      if (!isObject(priceData)) return invalid("You must specify either `price` or `price_data`.", param);
      const quantity = integerOf(raw.quantity);
      if (quantity === null || quantity < 1) return invalid("Invalid integer: quantity must be at least 1", `${param}[quantity]`);
      const unitAmount = integerOf(priceData.unit_amount);
      if (unitAmount === null || unitAmount < 0) {
        return invalid(`Invalid integer: ${String(priceData.unit_amount)}`, `${param}[price_data][unit_amount]`);
      }
      if (typeof priceData.currency !== "string" || !/^[a-z]{3}$/.test(priceData.currency)) {
        return invalid("Invalid currency: expected a lowercase three-letter ISO code", `${param}[price_data][currency]`);
      }
      const productData = priceData.product_data;
      if (!isObject(productData) || typeof productData.name !== "string" || productData.name === "") {
        return invalid("Missing required param: line_items[price_data][product_data][name].", `${param}[price_data][product_data][name]`);
      }
      lineItems.push({ name: productData.name, quantity, unit_amount: unitAmount, currency: priceData.currency });
    }
    const currency = typeof params.currency === "string" ? params.currency : lineItems[0]!.currency;
    if (lineItems.some((item) => item.currency !== currency)) {
      return invalid("All line items must use the same currency as the Checkout Session.", "line_items");
    }
    const amountTotal = lineItems.reduce((sum, item) => sum + item.unit_amount * item.quantity, 0);

    const created = nowSeconds();
    let expiresAt = created + 24 * 60 * 60;
    if (params.expires_at !== undefined) {
      const requested = integerOf(params.expires_at);
      if (requested === null) return invalid(`Invalid integer: ${String(params.expires_at)}`, "expires_at");
      if (requested < created + 30 * 60) {
        return invalid("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "expires_at");
      }
      if (requested > created + 24 * 60 * 60) {
        return invalid("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", "expires_at");
      }
      expiresAt = requested;
    }

    const metadata = metadataOf(params.metadata, "metadata");
    if (typeof metadata === "string") return invalid(metadata, "metadata");
    const intentData = params.payment_intent_data ?? {};
    if (!isObject(intentData)) return invalid("Invalid object", "payment_intent_data");
    for (const name of Object.keys(intentData)) {
      if (!PAYMENT_INTENT_DATA_PARAMS.has(name)) return invalid(`Received unknown parameter: payment_intent_data[${name}]`, "payment_intent_data");
    }
    const intentMetadata = metadataOf(intentData.metadata, "payment_intent_data[metadata]");
    if (typeof intentMetadata === "string") return invalid(intentMetadata, "payment_intent_data[metadata]");
    // Without payment_method_types Stripe offers what the account has enabled (dynamic payment methods).
    const methods = Array.isArray(params.payment_method_types) ? params.payment_method_types.map(String) : ["card", "link"];

    const id = `cs_test_${token(29)}`;
    const session: FakeCheckoutSession = {
      id,
      object: "checkout.session",
      amount_subtotal: amountTotal,
      amount_total: amountTotal,
      cancel_url: stringOrNull(params.cancel_url),
      client_reference_id: stringOrNull(params.client_reference_id),
      created,
      currency,
      customer_email: stringOrNull(params.customer_email),
      expires_at: expiresAt,
      livemode: false,
      locale: stringOrNull(params.locale),
      metadata,
      mode: "payment",
      payment_intent: null,
      payment_method_types: methods,
      payment_status: "unpaid",
      status: "open",
      success_url: stringOrNull(params.success_url),
      url: `${this.url}/pay/${id}`,
    };
    this.sessions.set(id, {
      secretKey,
      session,
      lineItems,
      paymentIntentMetadata: intentMetadata,
      paymentIntentDescription: stringOrNull(intentData.description),
    });
    return { status: 200, body: session };
  }

  private expanded(stored: StoredSession, expand: FormValue | undefined): unknown {
    const paths = Array.isArray(expand) ? expand.map(String) : typeof expand === "string" ? [expand] : [];
    const session: Record<string, unknown> = { ...structuredClone(stored.session) };
    const wantsCharge = paths.includes("payment_intent.latest_charge");
    if ((paths.includes("payment_intent") || wantsCharge) && stored.paymentIntent) {
      const intent: Record<string, unknown> = { ...structuredClone(stored.paymentIntent) };
      if (wantsCharge && stored.charge) intent.latest_charge = structuredClone(stored.charge);
      session.payment_intent = intent;
    }
    return session;
  }

  private async hostedPage(request: http.IncomingMessage, response: http.ServerResponse, sessionId: string): Promise<void> {
    const stored = this.sessions.get(sessionId);
    const send = (status: number, title: string, content = "") => {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      response.end(
        `<!doctype html><html lang="${escapeHtml(stored?.session.locale ?? "en")}"><head><meta charset="utf-8">` +
          `<title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${content}</body></html>`,
      );
    };
    const redirect = (location: string) => {
      response.writeHead(302, { location });
      response.end();
    };
    if (!stored) return send(404, "Checkout Session not found");
    const { session } = stored;

    if (request.method === "GET") {
      if (session.status === "complete" && session.success_url) return redirect(successLocation(session));
      if (session.status !== "open") return send(410, "This Checkout Session is no longer active");
      const items = stored.lineItems
        .map((item) => `<li>${escapeHtml(item.name)} &times; ${item.quantity}: ${formatAmount(item.unit_amount * item.quantity, item.currency)}</li>`)
        .join("");
      return send(
        200,
        `Pay ${formatAmount(session.amount_total, session.currency)}`,
        `<ul>${items}</ul><form method="post" action="/pay/${encodeURIComponent(session.id)}">` +
          `<button type="submit" name="action" value="pay">Pay</button> ` +
          `<button type="submit" name="action" value="cancel">Cancel</button></form>`,
      );
    }
    if (request.method !== "POST") return send(405, "Method not allowed");

    const action = new URLSearchParams(await readBody(request)).get("action");
    if (session.status !== "open") return send(409, "This Checkout Session is no longer active");
    if (action === "cancel") return session.cancel_url ? redirect(session.cancel_url) : send(200, "Payment cancelled");
    if (action !== "pay") return send(400, "Choose Pay or Cancel");
    // The event goes out before the shopper is sent back, so tests see it without waiting; Stripe makes no such
    // promise, and the shop must not rely on it.
    await this.complete(session.id);
    return session.success_url ? redirect(successLocation(session)) : send(200, "Payment complete");
  }
}

function successLocation(session: FakeCheckoutSession): string {
  return session.success_url!.replaceAll("{CHECKOUT_SESSION_ID}", session.id);
}

function stripeError(status: number, message: string, extra: { type?: string; code?: string; param?: string } = {}): Answer {
  const error: Record<string, string> = { message, type: extra.type ?? "invalid_request_error" };
  if (extra.code) error.code = extra.code;
  if (extra.param) error.param = extra.param;
  if (status === 404 && extra.code) error.doc_url = `https://stripe.com/docs/error-codes/${extra.code.replaceAll("_", "-")}`;
  return { status, body: { error }, headers: status === 401 ? { "www-authenticate": 'Basic realm="Stripe"' } : undefined };
}

function invalid(message: string, param: string): Answer {
  const code = message.startsWith("Missing required param")
    ? "parameter_missing"
    : message.startsWith("Received unknown parameter")
      ? "parameter_unknown"
      : "parameter_invalid";
  return stripeError(400, message, { param, code });
}

function metadataOf(value: FormValue | undefined, param: string): Record<string, string> | string {
  if (value === undefined || value === "") return {};
  if (!isObject(value)) return `Invalid object: ${param}`;
  const entries = Object.entries(value);
  if (entries.length > 50) return `${param}: at most 50 keys`;
  for (const [key, entry] of entries) {
    if (typeof entry !== "string") return `Invalid string: ${param}[${key}]`;
    if (key.length > 40) return `${param}: keys are at most 40 characters`;
    if (entry.length > 500) return `${param}[${key}]: values are at most 500 characters`;
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Reads `a[b][0][c]=v&a[b][1][c]=w` into nested objects and arrays, as Stripe does. */
export function parseForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const head = /^[^[]+/.exec(key)?.[0];
    if (!head) continue;
    const path = [head, ...[...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]!)];
    if (path.includes("__proto__")) continue;
    let node: FormObject = root;
    for (const [index, segment] of path.entries()) {
      const name = segment === "" ? String(Object.keys(node).length) : segment;
      if (index === path.length - 1) {
        node[name] = value;
      } else {
        const next = node[name];
        node = isObject(next) ? next : (node[name] = {});
      }
    }
  }
  return arraysOf(root) as FormObject;
}

function arraysOf(value: FormValue): FormValue {
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((key) => [key, arraysOf(value[key]!)]));
  const isList = keys.length > 0 && keys.every((key, index) => key === String(index));
  return isList ? keys.map((key) => converted[key]!) : converted;
}

function isObject(value: FormValue | undefined): value is { [key: string]: FormValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function integerOf(value: FormValue | undefined): number | null {
  if (typeof value !== "string" || !/^-?\d+$/.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : null;
}

function stringOrNull(value: FormValue | undefined): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** Stable JSON of params, for comparing an idempotent retry with the first request. */
function canonical(value: FormValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key]!)}`).join(",")}}`;
}

function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  return match ? match[1]! : null;
}

function header(request: http.IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" ? value : null;
}

/** As Stripe shows a wrong key: the prefix and last four characters. */
function redactKey(key: string): string {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? "";
  const rest = key.slice(prefix.length);
  return `${prefix}${"*".repeat(Math.max(rest.length - 4, 0))}${rest.slice(-4)}`;
}

function formatAmount(minorUnits: number, currency: string): string {
  return new Intl.NumberFormat("id-ID", { style: "currency", currency: currency.toUpperCase() }).format(minorUnits / 100);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function token(bytes: number): string {
  return randomBytes(bytes).toString("base64url").replace(/[-_]/g, "0");
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
