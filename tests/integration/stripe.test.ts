import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StartPaymentInput } from "~/modules/payments/provider";
import { stripeProvider, StripePaymentInputError, type StripeProvider, type WebhookVerification } from "~/modules/payments/stripe.server";
import { FakeStripe } from "../support/fake-stripe";
import { closeNow, listenLocally } from "../support/local-server";

const account = { secretKey: "sk_test_51KoperasiBinorPantai", webhookSecret: "whsec_binor_0123456789abcdef" };
const otherAccount = { secretKey: "sk_test_51KoperasiLain", webhookSecret: "whsec_lain_fedcba9876543210" };

interface ReceivedWebhook {
  rawBody: string;
  signature: string | null;
  verification: WebhookVerification;
}

/** Our side of the webhook: verifies each delivery with the adapter, as the app's route will. */
class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly waiters: { match: (webhook: ReceivedWebhook) => boolean; resolve: (webhook: ReceivedWebhook) => void }[] = [];
  private readonly server: http.Server;

  constructor(private readonly provider: StripeProvider) {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const rawBody = Buffer.concat(chunks).toString("utf8");
        const signature = typeof request.headers["stripe-signature"] === "string" ? request.headers["stripe-signature"] : null;
        const webhook = { rawBody, signature, verification: this.provider.verifyWebhook(rawBody, signature) };
        this.received.push(webhook);
        for (const waiter of this.waiters.filter((candidate) => candidate.match(webhook))) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(webhook);
        }
        response.writeHead(webhook.verification.ok ? 200 : 400).end();
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/stripe`;
  }

  start(): Promise<void> {
    return listenLocally(this.server);
  }

  stop(): Promise<void> {
    return closeNow(this.server);
  }

  /** The first verified event of `type` about `objectId`, already received or still to come. */
  eventFor(type: string, objectId: string): Promise<Stripe.Event> {
    return this.verified((event) => event.type === type && (event.data.object as { id?: string }).id === objectId);
  }

  /** The verified delivery of one event. */
  eventById(eventId: string): Promise<Stripe.Event> {
    return this.verified((event) => event.id === eventId);
  }

  private verified(predicate: (event: Stripe.Event) => boolean): Promise<Stripe.Event> {
    const match = (webhook: ReceivedWebhook) => webhook.verification.ok && predicate(webhook.verification.event);
    const toEvent = (webhook: ReceivedWebhook) => (webhook.verification as { event: Stripe.Event }).event;
    const already = this.received.find(match);
    if (already) return Promise.resolve(toEvent(already));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("The expected event never arrived")), 10_000);
      this.waiters.push({
        match,
        resolve: (webhook) => {
          clearTimeout(timer);
          resolve(toEvent(webhook));
        },
      });
    });
  }
}

let fake: FakeStripe;
let provider: StripeProvider;
let receiver: WebhookReceiver;
let attempts = 0;

function paymentInput(overrides: Partial<StartPaymentInput> = {}): StartPaymentInput {
  attempts += 1;
  const orderNumber = `BNR-26-${String(attempts).padStart(6, "0")}`;
  return {
    reference: `${orderNumber}-1`,
    orderNumber,
    amount: 45_000,
    items: [
      { id: "KRP-01", name: "Keripik Tempe Binor 200 g", unitPrice: 15_000, quantity: 2 },
      { id: "shipping", name: "Ongkos kirim ke hotel", unitPrice: 15_000, quantity: 1 },
    ],
    customer: { name: "Emma Visser", email: "emma@example.com", phone: "+31612345678" },
    expiresAt: new Date(Date.now() + 2 * 60 * 60 * 1000),
    finishUrl: `https://binor.example/pesanan/${orderNumber}?bayar=stripe`,
    cancelUrl: `https://binor.example/pesanan/${orderNumber}/bayar`,
    locale: "en",
    ...overrides,
  };
}

beforeAll(async () => {
  fake = new FakeStripe([account, otherAccount]);
  await fake.start();
  provider = stripeProvider(account, { api: fake.api });
  receiver = new WebhookReceiver(provider);
  await receiver.start();
  fake.setWebhookUrl(account.secretKey, receiver.url);
});

afterAll(async () => {
  await receiver?.stop();
  await fake?.stop();
});

describe("Stripe Checkout through the real SDK", () => {
  it("opens a session in IDR minor units, tied to our reference, with the reference as idempotency key", async () => {
    const input = paymentInput();
    const started = await provider.startPayment(input);

    expect(started.providerPaymentId).toMatch(/^cs_test_/);
    expect(started.redirectUrl).toBe(`${fake.url}/pay/${started.providerPaymentId}`);
    const sent = fake.requests.filter((request) => request.method === "POST" && request.path === "/v1/checkout/sessions").at(-1)!;
    expect(sent).toMatchObject({ status: 200, secretKey: account.secretKey, idempotencyKey: input.reference });
    expect(sent.stripeVersion).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(sent.params).toEqual({
      mode: "payment",
      currency: "idr",
      line_items: [
        {
          quantity: "2",
          price_data: { currency: "idr", unit_amount: "1500000", product_data: { name: "Keripik Tempe Binor 200 g", metadata: { id: "KRP-01" } } },
        },
        {
          quantity: "1",
          price_data: { currency: "idr", unit_amount: "1500000", product_data: { name: "Ongkos kirim ke hotel", metadata: { id: "shipping" } } },
        },
      ],
      client_reference_id: input.reference,
      metadata: { reference: input.reference, orderNumber: input.orderNumber },
      payment_intent_data: { metadata: { reference: input.reference, orderNumber: input.orderNumber }, description: input.orderNumber },
      customer_email: "emma@example.com",
      success_url: `${input.finishUrl}&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: input.cancelUrl,
      expires_at: String(Math.floor(input.expiresAt.getTime() / 1000)),
      locale: "en",
    });
    expect(fake.session(started.providerPaymentId!)).toMatchObject({
      amount_total: 4_500_000,
      currency: "idr",
      client_reference_id: input.reference,
      status: "open",
      payment_status: "unpaid",
    });

    // A retry of the same attempt gets the same session; reusing the reference for another one is refused.
    expect(await provider.startPayment(input)).toEqual(started);
    const changed = { ...input, amount: 60_000, items: [{ id: "KRP-01", name: "Keripik", unitPrice: 30_000, quantity: 2 }] };
    await expect(provider.startPayment(changed)).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("clamps a short expiry into Stripe's window, which the fake enforces as Stripe does", async () => {
    const input = paymentInput({ expiresAt: new Date(Date.now() + 5 * 60 * 1000) });
    const before = Math.floor(Date.now() / 1000);
    const started = await provider.startPayment(input);
    const expiresAt = fake.session(started.providerPaymentId!)!.expires_at;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 60);
    expect(expiresAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 31 * 60);
  });

  it("is refused with a wrong secret key (Stripe's 401), and sends nothing for amounts that do not add up", async () => {
    const stranger = stripeProvider({ secretKey: "sk_test_51NotTheKeyAtAll", webhookSecret: account.webhookSecret }, { api: fake.api });
    const refused = stranger.startPayment(paymentInput());
    await expect(refused).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    await expect(refused).rejects.toThrow(/Invalid API Key provided: sk_test_\*+tAll/);
    expect(fake.requests.at(-1)).toMatchObject({ status: 401, secretKey: "sk_test_51NotTheKeyAtAll" });

    const requestsBefore = fake.requests.length;
    await expect(provider.startPayment(paymentInput({ amount: 44_000 }))).rejects.toBeInstanceOf(StripePaymentInputError);
    expect(fake.requests).toHaveLength(requestsBefore);
  });

  it("re-checks a session by id, and knows nothing of unknown or other accounts' sessions", async () => {
    const input = paymentInput();
    const { providerPaymentId } = await provider.startPayment(input);
    expect(await provider.status(providerPaymentId!)).toEqual({
      reference: input.reference,
      status: "pending",
      amount: 45_000,
      providerTransactionId: null,
      method: null,
      occurredAt: null,
    });
    expect(await provider.status("cs_test_doesnotexist")).toBeNull();

    const other = stripeProvider(otherAccount, { api: fake.api });
    expect(await other.status(providerPaymentId!)).toBeNull();
  });
});

describe("Stripe webhooks", () => {
  const completedSession = () => ({ id: "cs_test_x", object: "checkout.session", mode: "payment", client_reference_id: "BNR-26-000001-1" });

  it("accepts a payload signed with the endpoint's secret", () => {
    const signed = fake.signedEvent("checkout.session.completed", completedSession());
    const verified = provider.verifyWebhook(signed.payload, signed.header);
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.event.id).toBe(signed.event.id);
    expect(provider.eventId(verified.event)).toBe(signed.event.id);
  });

  it("refuses unsigned, forged, other-secret and stale deliveries", () => {
    const signed = fake.signedEvent("checkout.session.completed", completedSession());
    expect(provider.verifyWebhook(signed.payload, null)).toEqual({ ok: false, error: "unsigned" });
    expect(provider.verifyWebhook(signed.payload, "")).toEqual({ ok: false, error: "unsigned" });

    const forged = signed.payload.replace('"BNR-26-000001-1"', '"BNR-26-000002-1"');
    expect(forged).not.toBe(signed.payload);
    expect(provider.verifyWebhook(forged, signed.header)).toEqual({ ok: false, error: "bad_signature" });
    expect(provider.verifyWebhook(signed.payload, "t=1,v1=deadbeef")).toEqual({ ok: false, error: "bad_signature" });
    expect(provider.verifyWebhook(signed.payload, "garbage")).toEqual({ ok: false, error: "bad_signature" });

    const otherSecret = fake.signedEvent("checkout.session.completed", completedSession(), { secret: otherAccount.webhookSecret });
    expect(provider.verifyWebhook(otherSecret.payload, otherSecret.header)).toEqual({ ok: false, error: "bad_signature" });

    const nowSeconds = Math.floor(Date.now() / 1000);
    const stale = fake.signedEvent("checkout.session.completed", completedSession(), { timestamp: nowSeconds - 6 * 60 });
    expect(provider.verifyWebhook(stale.payload, stale.header)).toEqual({ ok: false, error: "bad_signature" });
    const late = fake.signedEvent("checkout.session.completed", completedSession(), { timestamp: nowSeconds - 4 * 60 });
    expect(provider.verifyWebhook(late.payload, late.header).ok).toBe(true);
  });

  it("observes a card payment, then a partial and a full refund, from the events Stripe posts", async () => {
    const input = paymentInput();
    const { providerPaymentId } = await provider.startPayment(input);
    const sessionId = providerPaymentId!;

    await fake.complete(sessionId);
    const completed = provider.observe(await receiver.eventFor("checkout.session.completed", sessionId));
    const paymentIntent = fake.session(sessionId)!.payment_intent!;
    expect(completed).toEqual({
      reference: input.reference,
      status: "paid",
      amount: 45_000,
      providerTransactionId: paymentIntent,
      // The event's session names only the methods offered; the re-check expands the charge and knows.
      method: null,
      occurredAt: expect.any(Date) as unknown,
    });
    expect(await provider.status(sessionId)).toMatchObject({ status: "paid", providerTransactionId: paymentIntent, method: "card" });

    const partial = await fake.refund(sessionId, 1_500_000);
    expect(provider.observe(await receiver.eventById(partial.event.id))).toMatchObject({
      reference: input.reference,
      status: "partially_refunded",
      amount: 15_000,
      providerTransactionId: paymentIntent,
      method: "card",
    });
    const full = await fake.refund(sessionId);
    expect(provider.observe(await receiver.eventById(full.event.id))).toMatchObject({ status: "refunded", amount: 45_000 });
  });

  it("observes an asynchronous payment that settles, one that fails, and a session that expires", async () => {
    const settling = (await provider.startPayment(paymentInput())).providerPaymentId!;
    await fake.complete(settling, { paymentStatus: "unpaid" });
    expect(provider.observe(await receiver.eventFor("checkout.session.completed", settling))).toMatchObject({ status: "pending" });
    expect(await provider.status(settling)).toMatchObject({ status: "pending" });
    await fake.finishAsyncPayment(settling, "succeeded");
    expect(provider.observe(await receiver.eventFor("checkout.session.async_payment_succeeded", settling))).toMatchObject({
      status: "paid",
      amount: 45_000,
    });
    expect(await provider.status(settling)).toMatchObject({ status: "paid", method: "us_bank_account" });

    const failing = (await provider.startPayment(paymentInput())).providerPaymentId!;
    await fake.complete(failing, { paymentStatus: "unpaid" });
    await fake.finishAsyncPayment(failing, "failed");
    expect(provider.observe(await receiver.eventFor("checkout.session.async_payment_failed", failing))).toMatchObject({ status: "failed" });
    expect(await provider.status(failing)).toMatchObject({ status: "failed" });

    const input = paymentInput();
    const expiring = (await provider.startPayment(input)).providerPaymentId!;
    await fake.expire(expiring);
    expect(provider.observe(await receiver.eventFor("checkout.session.expired", expiring))).toMatchObject({
      reference: input.reference,
      status: "expired",
      providerTransactionId: null,
    });
    expect(await provider.status(expiring)).toMatchObject({ status: "expired" });
  });

  it("ignores event types that say nothing about a payment", async () => {
    const delivery = await fake.sendEvent("customer.created", { id: "cus_123", object: "customer" });
    expect(delivery.status).toBe(200);
    expect(provider.observe(await receiver.eventById(delivery.eventId))).toBeNull();
  });
});

describe("the fake's hosted payment page", () => {
  it("pays: posts a correctly signed checkout.session.completed to our endpoint, then sends the shopper back", async () => {
    const input = paymentInput();
    const { redirectUrl, providerPaymentId } = await provider.startPayment(input);
    const sessionId = providerPaymentId!;

    const page = await fetch(redirectUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('value="pay">Pay</button>');
    expect(html).toContain('value="cancel">Cancel</button>');
    expect(html).not.toContain("<script");

    const paid = await fetch(redirectUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "action=pay",
      redirect: "manual",
    });
    expect(paid.status).toBe(302);
    expect(paid.headers.get("location")).toBe(`${input.finishUrl}&session_id=${sessionId}`);

    const event = await receiver.eventFor("checkout.session.completed", sessionId);
    const webhook = receiver.received.find((candidate) => candidate.verification.ok && candidate.verification.event.id === event.id)!;
    expect(webhook.rawBody).toContain(sessionId);
    expect(webhook.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(provider.observe(event)).toMatchObject({ reference: input.reference, status: "paid", amount: 45_000 });
    expect(fake.deliveries.find((delivery) => delivery.eventId === event.id)).toMatchObject({ url: receiver.url, status: 200 });

    // A paid session's page sends the shopper straight back; it cannot be paid twice.
    const again = await fetch(redirectUrl, { redirect: "manual" });
    expect(again.status).toBe(302);
    const twice = await fetch(redirectUrl, { method: "POST", body: new URLSearchParams({ action: "pay" }), redirect: "manual" });
    expect(twice.status).toBe(409);
  });

  it("cancels: back to the cancel URL, the session still open and nothing posted", async () => {
    const input = paymentInput();
    const { redirectUrl, providerPaymentId } = await provider.startPayment(input);
    const eventsBefore = fake.events.length;
    const cancelled = await fetch(redirectUrl, { method: "POST", body: new URLSearchParams({ action: "cancel" }), redirect: "manual" });
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get("location")).toBe(input.cancelUrl);
    expect(fake.session(providerPaymentId!)?.status).toBe("open");
    expect(fake.events).toHaveLength(eventsBefore);
  });
});
