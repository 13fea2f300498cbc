import fc from "fast-check";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { StartPaymentInput } from "~/modules/payments/provider";
import {
  checkoutExpiresAt,
  checkoutSessionParams,
  DEFAULT_MINIMUM_AMOUNT,
  fromStripeAmount,
  observeCheckoutSession,
  observeStripeEvent,
  parseStripeApiUrl,
  sessionStatus,
  StripePaymentInputError,
  successUrlWithSessionId,
  toStripeAmount,
} from "~/modules/payments/stripe.server";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const now = new Date("2026-03-10T07:00:00.000Z");
const nowSeconds = now.getTime() / 1000;
const created = 1_773_126_000; // 2026-03-10T07:00:00Z

function session(overrides: Record<string, unknown> = {}): Stripe.Checkout.Session {
  return {
    id: "cs_test_a1",
    object: "checkout.session",
    amount_subtotal: 4_500_000,
    amount_total: 4_500_000,
    client_reference_id: "BNR-26-000123-1",
    created,
    currency: "idr",
    expires_at: created + 3600,
    livemode: false,
    metadata: { reference: "BNR-26-000123-1", orderNumber: "BNR-26-000123" },
    mode: "payment",
    payment_intent: "pi_123",
    payment_method_types: ["card"],
    payment_status: "paid",
    status: "complete",
    url: null,
    ...overrides,
  } as unknown as Stripe.Checkout.Session;
}

function charge(overrides: Record<string, unknown> = {}): Stripe.Charge {
  return {
    id: "ch_123",
    object: "charge",
    amount: 4_500_000,
    amount_refunded: 4_500_000,
    currency: "idr",
    metadata: { reference: "BNR-26-000123-1", orderNumber: "BNR-26-000123" },
    payment_intent: "pi_123",
    payment_method_details: { type: "card" },
    refunded: true,
    ...overrides,
  } as unknown as Stripe.Charge;
}

function event(type: string, object: unknown): Stripe.Event {
  return { id: "evt_1", object: "event", created, type, data: { object } } as unknown as Stripe.Event;
}

function paymentInput(overrides: Partial<StartPaymentInput> = {}): StartPaymentInput {
  return {
    reference: "BNR-26-000123-1",
    orderNumber: "BNR-26-000123",
    amount: 45_000,
    items: [
      { id: "KRP-01", name: "Keripik Tempe Binor 200 g", unitPrice: 15_000, quantity: 2 },
      { id: "shipping", name: "Ongkos kirim", unitPrice: 15_000, quantity: 1 },
    ],
    customer: { name: "Ayu", email: "ayu@example.com", phone: "+6281234567890" },
    expiresAt: new Date(now.getTime() + 2 * HOUR),
    finishUrl: "https://binor.example/orders/BNR-26-000123?paid=1",
    cancelUrl: "https://binor.example/checkout",
    locale: "id",
    ...overrides,
  };
}

describe("amounts", () => {
  it("sends rupiah x 100 and reads back whole rupiah, refusing fractions", () => {
    expect(toStripeAmount(25_000)).toBe(2_500_000);
    expect(toStripeAmount(0)).toBe(0);
    expect(fromStripeAmount(2_500_000)).toBe(25_000);
    for (const bad of [0.5, Number.NaN, Number.MAX_SAFE_INTEGER]) expect(() => toStripeAmount(bad)).toThrow(RangeError);
    for (const bad of [2_500_050, 1, 0.5, Number.NaN]) expect(() => fromStripeAmount(bad)).toThrow(RangeError);
  });

  it("property: every whole rupiah amount survives the round trip", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 90_071_992_547_409 }), (rupiah) => {
        expect(fromStripeAmount(toStripeAmount(rupiah))).toBe(rupiah);
      }),
    );
  });
});

describe("checkoutExpiresAt", () => {
  it("keeps an expiry inside Stripe's window", () => {
    expect(checkoutExpiresAt(new Date(now.getTime() + 2 * HOUR), now)).toBe(nowSeconds + 7200);
  });

  it("moves an expiry sooner than 30 minutes to just after them, and one past 24 hours to just before", () => {
    expect(checkoutExpiresAt(new Date(now.getTime() + 10 * MINUTE), now)).toBe(nowSeconds + 31 * 60);
    expect(checkoutExpiresAt(new Date(now.getTime() - HOUR), now)).toBe(nowSeconds + 31 * 60);
    expect(checkoutExpiresAt(new Date(now.getTime() + 48 * HOUR), now)).toBe(nowSeconds + 24 * 3600 - 60);
  });

  it("rounds inward on sub-second clocks and refuses invalid dates", () => {
    const ragged = new Date(now.getTime() + 400);
    expect(checkoutExpiresAt(new Date(0), ragged)).toBe(nowSeconds + 31 * 60 + 1);
    expect(checkoutExpiresAt(new Date(now.getTime() + 72 * HOUR), ragged)).toBe(nowSeconds + 24 * 3600 - 60);
    expect(() => checkoutExpiresAt(new Date(Number.NaN), now)).toThrow(RangeError);
  });

  it("property: always inside [now + 30 min, now + 24 h]", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * 86_400_000, max: 10 * 86_400_000 }), fc.integer({ min: 0, max: 999 }), (offset, millis) => {
        const at = new Date(now.getTime() + millis);
        const seconds = checkoutExpiresAt(new Date(at.getTime() + offset), at);
        expect(Number.isInteger(seconds)).toBe(true);
        expect(seconds).toBeGreaterThanOrEqual(at.getTime() / 1000 + 30 * 60);
        expect(seconds).toBeLessThanOrEqual(at.getTime() / 1000 + 24 * 3600);
      }),
    );
  });
});

describe("successUrlWithSessionId", () => {
  it("adds session_id with the right separator and keeps a fragment last", () => {
    expect(successUrlWithSessionId("https://s.example/done")).toBe("https://s.example/done?session_id={CHECKOUT_SESSION_ID}");
    expect(successUrlWithSessionId("https://s.example/done?a=1")).toBe("https://s.example/done?a=1&session_id={CHECKOUT_SESSION_ID}");
    expect(successUrlWithSessionId("https://s.example/done?")).toBe("https://s.example/done?session_id={CHECKOUT_SESSION_ID}");
    expect(successUrlWithSessionId("https://s.example/done#top")).toBe("https://s.example/done?session_id={CHECKOUT_SESSION_ID}#top");
    expect(successUrlWithSessionId("https://s.example/d?s={CHECKOUT_SESSION_ID}")).toBe("https://s.example/d?s={CHECKOUT_SESSION_ID}");
  });
});

describe("checkoutSessionParams", () => {
  it("asks for an IDR payment in minor units, tied to our reference", () => {
    const params = checkoutSessionParams(paymentInput(), { now, minimumAmount: DEFAULT_MINIMUM_AMOUNT });
    expect(params).toEqual({
      mode: "payment",
      currency: "idr",
      line_items: [
        {
          quantity: 2,
          price_data: { currency: "idr", unit_amount: 1_500_000, product_data: { name: "Keripik Tempe Binor 200 g", metadata: { id: "KRP-01" } } },
        },
        {
          quantity: 1,
          price_data: { currency: "idr", unit_amount: 1_500_000, product_data: { name: "Ongkos kirim", metadata: { id: "shipping" } } },
        },
      ],
      client_reference_id: "BNR-26-000123-1",
      metadata: { reference: "BNR-26-000123-1", orderNumber: "BNR-26-000123" },
      payment_intent_data: { metadata: { reference: "BNR-26-000123-1", orderNumber: "BNR-26-000123" }, description: "BNR-26-000123" },
      customer_email: "ayu@example.com",
      success_url: "https://binor.example/orders/BNR-26-000123?paid=1&session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://binor.example/checkout",
      expires_at: nowSeconds + 7200,
      locale: "id",
    });
  });

  it("refuses items that do not add up to the amount, odd prices or quantities, and too many items", () => {
    const context = { now, minimumAmount: DEFAULT_MINIMUM_AMOUNT };
    const refusals: Partial<StartPaymentInput>[] = [
      { amount: 46_000 },
      { items: [] },
      { amount: 20_000, items: [{ id: "a", name: "A", unitPrice: 20_000.5, quantity: 1 }] },
      { amount: 20_000, items: [{ id: "a", name: "A", unitPrice: 25_000, quantity: 1 }, { id: "d", name: "Diskon", unitPrice: -5_000, quantity: 1 }] },
      { amount: 0, items: [{ id: "a", name: "A", unitPrice: 20_000, quantity: 0 }] },
      { amount: 101 * 20_000, items: Array.from({ length: 101 }, (_, index) => ({ id: `i${index}`, name: "A", unitPrice: 20_000, quantity: 1 })) },
    ];
    for (const overrides of refusals) {
      expect(() => checkoutSessionParams(paymentInput(overrides), context), JSON.stringify(overrides).slice(0, 80)).toThrow(StripePaymentInputError);
    }
  });

  it("refuses amounts under the minimum charge, and lets a cooperative set its own", () => {
    const small = paymentInput({ amount: 9_000, items: [{ id: "a", name: "Permen", unitPrice: 9_000, quantity: 1 }] });
    expect(() => checkoutSessionParams(small, { now, minimumAmount: DEFAULT_MINIMUM_AMOUNT })).toThrow(/minimum is 10000/);
    expect(checkoutSessionParams(small, { now, minimumAmount: 8_000 }).line_items?.[0]?.price_data?.unit_amount).toBe(900_000);
  });

  it("names a nameless item by its id and leaves out an empty e-mail", () => {
    const params = checkoutSessionParams(
      paymentInput({ amount: 20_000, items: [{ id: "KRP-02", name: "  ", unitPrice: 20_000, quantity: 1 }], customer: { name: "", email: "", phone: "" } }),
      { now, minimumAmount: DEFAULT_MINIMUM_AMOUNT },
    );
    expect(params.line_items?.[0]?.price_data?.product_data?.name).toBe("KRP-02");
    expect(params).not.toHaveProperty("customer_email");
  });
});

describe("observeStripeEvent", () => {
  const base = { reference: "BNR-26-000123-1", amount: 45_000, occurredAt: new Date(created * 1000) };

  it("checkout.session.completed is paid only when payment_status is paid", () => {
    expect(observeStripeEvent(event("checkout.session.completed", session()))).toEqual({
      ...base,
      status: "paid",
      providerTransactionId: "pi_123",
      method: "card",
    });
    const unpaid = session({ payment_status: "unpaid", payment_method_types: ["card", "us_bank_account"] });
    expect(observeStripeEvent(event("checkout.session.completed", unpaid))).toEqual({
      ...base,
      status: "pending",
      providerTransactionId: "pi_123",
      method: null,
    });
  });

  it("maps the asynchronous outcomes and expiry", () => {
    expect(observeStripeEvent(event("checkout.session.async_payment_succeeded", session()))?.status).toBe("paid");
    expect(observeStripeEvent(event("checkout.session.async_payment_failed", session({ payment_status: "unpaid" })))?.status).toBe("failed");
    const expired = session({ status: "expired", payment_status: "unpaid", payment_intent: null });
    expect(observeStripeEvent(event("checkout.session.expired", expired))).toEqual({
      ...base,
      status: "expired",
      providerTransactionId: null,
      method: "card",
    });
  });

  it("charge.refunded reports the total refunded, full or partial, linked through the charge's metadata", () => {
    expect(observeStripeEvent(event("charge.refunded", charge()))).toEqual({
      ...base,
      status: "refunded",
      providerTransactionId: "pi_123",
      method: "card",
    });
    expect(observeStripeEvent(event("charge.refunded", charge({ amount_refunded: 1_500_000, refunded: false })))).toEqual({
      ...base,
      amount: 15_000,
      status: "partially_refunded",
      providerTransactionId: "pi_123",
      method: "card",
    });
    expect(observeStripeEvent(event("charge.refunded", charge({ metadata: {} })))).toBeNull();
  });

  it("ignores other events, and sessions that are not ours", () => {
    expect(observeStripeEvent(event("payment_intent.succeeded", { id: "pi_123", object: "payment_intent" }))).toBeNull();
    expect(observeStripeEvent(event("checkout.session.completed", session({ client_reference_id: null, metadata: {} })))).toBeNull();
    expect(observeStripeEvent(event("checkout.session.completed", session({ mode: "subscription" })))).toBeNull();
    // Our reference in metadata alone is enough.
    expect(observeStripeEvent(event("checkout.session.completed", session({ client_reference_id: null })))?.reference).toBe(base.reference);
  });

  it("refuses money it cannot trust: another currency, a fraction of a rupiah, references that disagree", () => {
    expect(() => observeStripeEvent(event("checkout.session.completed", session({ currency: "usd" })))).toThrow(/not idr/);
    expect(() => observeStripeEvent(event("checkout.session.completed", session({ amount_total: 4_500_050 })))).toThrow(/whole number of rupiah/);
    expect(() => observeStripeEvent(event("charge.refunded", charge({ amount_refunded: 150 })))).toThrow(/whole number of rupiah/);
    const mixed = session({ metadata: { reference: "BNR-26-000999-1" } });
    expect(() => observeStripeEvent(event("checkout.session.completed", mixed))).toThrow(/differs/);
  });
});

describe("sessionStatus (re-checks)", () => {
  it("reads open, complete, expired and a failed asynchronous payment", () => {
    expect(sessionStatus(session({ status: "open", payment_status: "unpaid", payment_intent: null }))).toBe("pending");
    expect(sessionStatus(session())).toBe("paid");
    expect(sessionStatus(session({ status: "expired", payment_status: "unpaid" }))).toBe("expired");
    expect(sessionStatus(session({ payment_status: "unpaid", payment_intent: { id: "pi_1", status: "processing" } }))).toBe("pending");
    expect(sessionStatus(session({ payment_status: "unpaid", payment_intent: { id: "pi_1", status: "requires_payment_method" } }))).toBe("failed");
  });

  it("takes the method from an expanded charge", () => {
    const expanded = session({
      payment_method_types: ["card", "link"],
      payment_intent: { id: "pi_9", status: "succeeded", latest_charge: { id: "ch_9", payment_method_details: { type: "link" } } },
    });
    expect(observeCheckoutSession(expanded, { status: "paid", occurredAt: null })).toMatchObject({
      providerTransactionId: "pi_9",
      method: "link",
    });
  });
});

describe("parseStripeApiUrl", () => {
  it("reads an origin into the SDK's host, port and protocol", () => {
    expect(parseStripeApiUrl("http://127.0.0.1:12111")).toEqual({ host: "127.0.0.1", port: 12111, protocol: "http" });
    expect(parseStripeApiUrl("https://api.stripe.com/")).toEqual({ host: "api.stripe.com", port: 443, protocol: "https" });
    for (const bad of ["", "api.stripe.com", "ftp://x", "http://x/v1", "http://x?y=1"]) expect(() => parseStripeApiUrl(bad), bad).toThrow(/Invalid Stripe API URL/);
  });
});
