import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToCart } from "~/flows/cart.server";
import { PaymentGateway, type AccountSource, type ProviderAccount } from "~/flows/payment-gateway.server";
import { placeOrder } from "~/flows/place-order.server";
import { newGuestToken } from "~/modules/checkout/cart.server";
import { applyPendingEvents } from "~/modules/inbox/inbox.server";
import { getOrder } from "~/modules/orders/orders.server";
import { configureMidtransBaseUrls, resetMidtransBaseUrls } from "~/modules/payments/midtrans.server";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { FakeMidtrans } from "../support/fake-midtrans";
import { FakeStripe } from "../support/fake-stripe";

let database: TestDatabase;
let a: string;
let b: string;
let midtrans: FakeMidtrans;
let stripe: FakeStripe;
let gateway: PaymentGateway;

const keysA = { serverKey: "SB-Mid-server-coopA000000000000", clientKey: "SB-Mid-client-coopA0000000000", production: false };
const keysB = { serverKey: "SB-Mid-server-coopB000000000000", clientKey: "SB-Mid-client-coopB0000000000", production: false };
const stripeA = { secretKey: "sk_test_coopA", webhookSecret: "whsec_coopA" };
const stripeB = { secretKey: "sk_test_coopB", webhookSecret: "whsec_coopB" };

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  midtrans = new FakeMidtrans([keysA, keysB]);
  stripe = new FakeStripe([stripeA, stripeB]);
  await Promise.all([midtrans.start(), stripe.start()]);
  configureMidtransBaseUrls({ snap: midtrans.snapBaseUrl, core: midtrans.coreBaseUrl });
  const accounts: Record<string, ProviderAccount[]> = {
    [a]: [{ provider: "midtrans", ...keysA }, { provider: "stripe", ...stripeA }],
    [b]: [{ provider: "midtrans", ...keysB }, { provider: "stripe", ...stripeB }],
  };
  const source: AccountSource = { account: async (_db, cooperativeId, provider) => accounts[cooperativeId]?.find((account) => account.provider === provider) ?? null };
  gateway = new PaymentGateway(source, { stripeApi: stripe.api });
});
afterAll(async () => {
  resetMidtransBaseUrls();
  await Promise.all([midtrans?.stop(), stripe?.stop()]);
  await database.close();
});

async function orderPaidWith(provider: "midtrans" | "stripe") {
  const [variant] = await database.sql<{ id: string }[]>`
    select v.id from product_variants v join products p on p.id = v.product_id
    where v.cooperative_id = ${a} and p.slug = 'keripik-singkong-balado'`;
  await database.sql`update product_variants set stock = 50 where id = ${variant!.id}`;
  const guestToken = newGuestToken();
  await addToCart(database.db, a, { guestToken }, variant!.id, 1);
  const placed = await placeOrder(database.db, {
    cooperativeId: a,
    cart: { guestToken },
    userId: null,
    locale: "id",
    contact: { name: "Siti", email: "siti@example.id", phone: "+6281234567890" },
    delivery: { method: "pickup" },
    note: "",
    provider,
    providerOffered: (offered) => gateway.offers(database.db, a, offered),
  });
  if (!placed.ok) throw new Error(placed.error);
  const started = await gateway.start(database.db, { cooperativeId: a, paymentId: placed.paymentId, orderPageUrl: "http://a.test/orders/x", locale: "id" });
  expect(started.ok).toBe(true);
  const [payment] = await paymentsOfOrder(database.db, a, placed.orderId);
  return { ...placed, payment: payment! };
}

const inboxCount = async () => Number((await database.sql<{ n: string }[]>`select count(*) as n from inbound_events`)[0]!.n);
const orderStatus = async (orderId: string) => (await getOrder(database.db, a, orderId))!.order.status;

describe("Midtrans notifications", () => {
  it("refuses forged, unsigned and other cooperatives' notifications at once, storing and changing nothing", async () => {
    const order = await orderPaidWith("midtrans");
    midtrans.settle(order.payment.reference);
    const before = await inboxCount();
    const forged = midtrans.notificationFor(order.payment.reference, {}, { signWith: "SB-Mid-server-attacker" });
    const unsigned = midtrans.notificationFor(order.payment.reference, {}, { signWith: null });
    const otherShop = midtrans.notificationFor(order.payment.reference, {}, { signWith: keysB.serverKey });
    for (const body of [forged, unsigned, otherShop]) {
      const answer = await gateway.receiveMidtrans(database.db, JSON.stringify(body), new Headers({ "content-type": "application/json" }));
      expect(answer.status).toBe(401);
    }
    expect((await gateway.receiveMidtrans(database.db, "{not json", new Headers())).status).toBe(404);
    expect(await inboxCount()).toBe(before);
    expect(await orderStatus(order.orderId)).toBe("pending_payment");
  });

  it("stores a genuine notification once however often it comes, and applies it once: the order is paid", async () => {
    const order = await orderPaidWith("midtrans");
    midtrans.settle(order.payment.reference);
    const body = JSON.stringify(midtrans.notificationFor(order.payment.reference));
    const before = await inboxCount();
    for (let i = 0; i < 3; i++) expect((await gateway.receiveMidtrans(database.db, body, new Headers())).status).toBe(200);
    expect(await inboxCount()).toBe(before + 1);
    const applied = await applyPendingEvents(database.db, gateway.appliers());
    expect(applied.applied).toBeGreaterThanOrEqual(1);
    expect(await orderStatus(order.orderId)).toBe("paid");
    const [event] = await database.sql<{ cooperative_id: string; outcome: string }[]>`select cooperative_id, outcome from inbound_events order by received_at desc limit 1`;
    expect(event).toEqual({ cooperative_id: a, outcome: "payment captured" });

    // A late "expire" for the same payment (genuinely signed) is stored, applied, and changes nothing.
    midtrans.expire(order.payment.reference);
    const late = JSON.stringify(midtrans.notificationFor(order.payment.reference));
    expect((await gateway.receiveMidtrans(database.db, late, new Headers())).status).toBe(200);
    await applyPendingEvents(database.db, gateway.appliers());
    const [payment] = await paymentsOfOrder(database.db, a, order.orderId);
    expect(payment!.status).toBe("paid");
    expect(await orderStatus(order.orderId)).toBe("paid");
  });

  it("never trusts the status in the body: a body saying settlement while Midtrans says pending pays nothing", async () => {
    const order = await orderPaidWith("midtrans");
    midtrans.setStatus(order.payment.reference, "pending");
    const lying = midtrans.notificationFor(order.payment.reference, { transaction_status: "settlement" });
    expect((await gateway.receiveMidtrans(database.db, JSON.stringify(lying), new Headers())).status).toBe(200);
    await applyPendingEvents(database.db, gateway.appliers());
    expect(await orderStatus(order.orderId)).toBe("pending_payment");
  });

  it("a shopper back from the payment page sees the provider's own word even before the notification", async () => {
    const order = await orderPaidWith("midtrans");
    midtrans.settle(order.payment.reference);
    await gateway.refresh(database.db, order.payment);
    expect(await orderStatus(order.orderId)).toBe("paid");
  });
});

describe("Stripe webhooks", () => {
  it("accepts an event signed with the cooperative's own secret, once, and refuses another cooperative's signature", async () => {
    const order = await orderPaidWith("stripe");
    const sessionId = order.payment.providerPaymentId!;
    const { event } = await stripe.complete(sessionId);
    const genuine = stripe.signedEvent(event.type, event.data.object, { secret: stripeA.webhookSecret });
    const otherShop = stripe.signedEvent(event.type, event.data.object, { secret: stripeB.webhookSecret });
    const before = await inboxCount();
    expect((await gateway.receiveStripe(database.db, otherShop.payload, new Headers({ "stripe-signature": otherShop.header }))).status).toBe(400);
    expect((await gateway.receiveStripe(database.db, genuine.payload, new Headers())).status).toBe(400);
    expect(await inboxCount()).toBe(before);
    for (let i = 0; i < 2; i++) {
      expect((await gateway.receiveStripe(database.db, genuine.payload, new Headers({ "stripe-signature": genuine.header }))).status).toBe(200);
    }
    expect(await inboxCount()).toBe(before + 1);
    await applyPendingEvents(database.db, gateway.appliers());
    expect(await orderStatus(order.orderId)).toBe("paid");
  });
});
