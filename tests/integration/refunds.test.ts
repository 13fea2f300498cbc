import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPaymentObservation } from "~/flows/apply-payment.server";
import { addToCart } from "~/flows/cart.server";
import { cancelOrder } from "~/flows/cancel-order.server";
import { advanceOrder } from "~/flows/fulfil-order.server";
import { PaymentGateway, type AccountSource, type ProviderAccount } from "~/flows/payment-gateway.server";
import { placeOrder } from "~/flows/place-order.server";
import { confirmTransferRefund, requestRefund } from "~/flows/refund.server";
import { newGuestToken } from "~/modules/checkout/cart.server";
import { getOrder } from "~/modules/orders/orders.server";
import { refundsOfOrder } from "~/modules/orders/refunds.server";
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
let staffId: string;

const keysA = { serverKey: "SB-Mid-server-refundA0000000000", clientKey: "SB-Mid-client-refundA000000000", production: false };
const stripeA = { secretKey: "sk_test_refundA", webhookSecret: "whsec_refundA" };

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  midtrans = new FakeMidtrans([keysA]);
  stripe = new FakeStripe([stripeA]);
  await Promise.all([midtrans.start(), stripe.start()]);
  configureMidtransBaseUrls({ snap: midtrans.snapBaseUrl, core: midtrans.coreBaseUrl });
  const accounts: Record<string, ProviderAccount[]> = { [a]: [{ provider: "midtrans", ...keysA }, { provider: "stripe", ...stripeA }] };
  const source: AccountSource = { account: async (_db, cooperativeId, provider) => accounts[cooperativeId]?.find((account) => account.provider === provider) ?? null };
  gateway = new PaymentGateway(source, { stripeApi: stripe.api });
  await database.sql`update cooperatives set bank_account_number = '1234567890', bank_name = 'BRI', bank_account_holder = 'Kopwan' where id = ${a}`;
  const [user] = await database.sql<{ id: string }[]>`insert into users (email, name) values ('bendahara@a.test', 'Bu Bendahara') returning id`;
  staffId = user!.id;
});
afterAll(async () => {
  resetMidtransBaseUrls();
  await Promise.all([midtrans?.stop(), stripe?.stop()]);
  await database.close();
});

async function variant(slug: string, stock = 50) {
  const [row] = await database.sql<{ id: string }[]>`
    select v.id from product_variants v join products p on p.id = v.product_id where v.cooperative_id = ${a} and p.slug = ${slug} order by v.sku limit 1`;
  await database.sql`update product_variants set stock = ${stock} where id = ${row!.id}`;
  return row!.id;
}
const stockOf = async (variantId: string) => (await database.sql<{ stock: number }[]>`select stock from product_variants where id = ${variantId}`)[0]!.stock;

/** An order of 3 chips (18.000) and 1 floss (45.000), local delivery (15.000), paid with the given provider. */
async function paidOrder(provider: "midtrans" | "stripe" | "manual", options: { paymentType?: string } = {}) {
  await database.sql`update cooperatives set local_delivery_fee = 15000 where id = ${a}`;
  const chips = await variant("keripik-singkong-balado");
  const floss = await variant("abon-ikan-tongkol");
  const guestToken = newGuestToken();
  await addToCart(database.db, a, { guestToken }, chips, 3);
  await addToCart(database.db, a, { guestToken }, floss, 1);
  const placed = await placeOrder(database.db, {
    cooperativeId: a,
    cart: { guestToken },
    userId: null,
    locale: "en",
    contact: { name: "Jane", email: "jane@example.com", phone: "+6281234567890" },
    delivery: { method: "local", placeName: "Hotel Bromo", street: "Jl. Suroyo 1" },
    note: "",
    provider,
    providerOffered: async () => true,
  });
  if (!placed.ok) throw new Error(placed.error);
  const [payment] = await paymentsOfOrder(database.db, a, placed.orderId);
  if (provider === "manual") {
    await applyPaymentObservation(database.db, { reference: payment!.reference, status: "paid", amount: payment!.amount, providerTransactionId: null, method: "bank_transfer", occurredAt: new Date() });
  } else {
    const started = await gateway.start(database.db, { cooperativeId: a, paymentId: payment!.id, orderPageUrl: "http://a.test/orders/x", locale: "en" });
    expect(started.ok).toBe(true);
    if (provider === "midtrans") midtrans.settle(payment!.reference, { paymentType: options.paymentType ?? "qris" });
    else await stripe.complete((await paymentsOfOrder(database.db, a, placed.orderId))[0]!.providerPaymentId!);
    await gateway.refresh(database.db, (await paymentsOfOrder(database.db, a, placed.orderId))[0]!);
  }
  const found = await getOrder(database.db, a, placed.orderId);
  expect(found!.order.status).toBe("paid");
  const line = (slug: string) => found!.lines.find((l) => l.nameId.startsWith(slug))!;
  return { orderId: placed.orderId, chips, floss, chipsLine: line("Keripik"), flossLine: line("Abon"), payment: (await paymentsOfOrder(database.db, a, placed.orderId))[0]! };
}

const base = (orderId: string) => ({ cooperativeId: a, orderId, reason: "test", actorUserId: staffId, mayRefund: true });
const statusOf = async (orderId: string) => (await getOrder(database.db, a, orderId))!.order.status;

describe("refunds never exceed what was paid per line", () => {
  it("refuses more of a line than was sold less what went back, and more shipping than was charged", async () => {
    const order = await paidOrder("manual");
    const first = await requestRefund(database.db, gateway, { ...base(order.orderId), lines: { [order.chipsLine.id]: 2 }, shipping: 0 });
    expect(first.ok).toBe(true);
    // 3 sold, 2 on their way back: a third is fine, a fourth is not.
    const tooMany = await requestRefund(database.db, gateway, { ...base(order.orderId), lines: { [order.chipsLine.id]: 2 }, shipping: 0 });
    expect(tooMany).toEqual({ ok: false, error: "too_many" });
    expect(await requestRefund(database.db, gateway, { ...base(order.orderId), lines: {}, shipping: 15_001 })).toEqual({ ok: false, error: "too_much_shipping" });
    expect(await requestRefund(database.db, gateway, { ...base(order.orderId), lines: {}, shipping: 0 })).toEqual({ ok: false, error: "nothing_to_refund" });
    // Another cooperative's line id is not a line of this order.
    const [foreign] = await database.sql<{ id: string }[]>`select id from order_lines where cooperative_id = ${b} limit 1`;
    const other = await requestRefund(database.db, gateway, { ...base(order.orderId), lines: { [foreign?.id ?? "00000000-0000-4000-8000-000000000000"]: 1 }, shipping: 0 });
    expect(other).toEqual({ ok: false, error: "unknown_line" });
    const refunds = await refundsOfOrder(database.db, a, order.orderId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ method: "manual", status: "awaiting_treasurer", amount: 36_000 });
  });

  it("a manual transfer's refund waits for the treasurer, then the order is partly refunded", async () => {
    const order = await paidOrder("manual");
    const asked = await requestRefund(database.db, gateway, { ...base(order.orderId), lines: { [order.flossLine.id]: 1 }, shipping: 0 });
    if (!asked.ok) throw new Error(asked.error);
    expect(await statusOf(order.orderId)).toBe("paid");
    expect(await confirmTransferRefund(database.db, { cooperativeId: a, refundId: asked.refund.id, transferReference: "BRI 123", actorUserId: staffId })).toEqual({ ok: true });
    expect(await confirmTransferRefund(database.db, { cooperativeId: a, refundId: asked.refund.id, transferReference: "BRI 123", actorUserId: staffId })).toEqual({
      ok: false,
      error: "already_settled",
    });
    // Another cooperative cannot confirm it.
    expect(await confirmTransferRefund(database.db, { cooperativeId: b, refundId: asked.refund.id, transferReference: "x", actorUserId: staffId })).toEqual({ ok: false, error: "not_found" });
    expect(await statusOf(order.orderId)).toBe("partially_refunded");
    const audit = await database.sql`select action from audit_log where entity_id in (${order.orderId}, ${asked.refund.id}) order by created_at`;
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(["order.refund_requested", "order.refund_settled"]));
    const [mail] = await database.sql<{ text_body: string }[]>`select text_body from outbox_emails where template = 'order_refunded' and to_address = 'jane@example.com' order by created_at desc limit 1`;
    expect(mail!.text_body).toContain("Rp 45.000");
    expect(mail!.text_body).toContain("Hello Jane");
    // The ledger reverses the line once, out of the bank, and stays balanced (decision 32).
    const entries = await database.sql<{ debit: number; credit: number }[]>`
      select sum(l.debit)::int as debit, sum(l.credit)::int as credit from journal_entries e join journal_lines l on l.entry_id = e.id
      where e.cooperative_id = ${a} and e.source_kind = 'refund' and e.source_id = ${asked.refund.id}`;
    expect(entries).toEqual([{ debit: 45_000, credit: 45_000 }]);
  });
});

describe("refunds through the providers' APIs, against the fakes", () => {
  it("Midtrans: one line refunded through POST /v2/{order_id}/refund, settled from its answer, once", async () => {
    const order = await paidOrder("midtrans");
    const asked = await requestRefund(database.db, gateway, { ...base(order.orderId), lines: { [order.chipsLine.id]: 1 }, shipping: 0 });
    if (!asked.ok) throw new Error(asked.error);
    expect(asked.refund).toMatchObject({ method: "midtrans", status: "succeeded", amount: 18_000 });
    const call = midtrans.requests.find((request) => request.path === `/v2/${order.payment.reference}/refund`);
    expect(call).toMatchObject({ method: "POST", status: 200, serverKey: keysA.serverKey, body: { refund_key: asked.refund.refundKey, amount: 18_000 } });
    expect(midtrans.transaction(order.payment.reference).status).toBe("partial_refund");
    expect(await statusOf(order.orderId)).toBe("partially_refunded");
    // Midtrans's notification of the same refund, applied later, settles nothing twice.
    const status = await gateway.statusCheck(database.db)(order.payment);
    expect(status).toMatchObject({ status: "partially_refunded", refundKeys: [asked.refund.refundKey] });
    await applyPaymentObservation(database.db, status!);
    expect((await refundsOfOrder(database.db, a, order.orderId)).filter((refund) => refund.status === "succeeded")).toHaveLength(1);
  });

  it("Midtrans refuses a virtual-account payment: the refund becomes a bank transfer for the treasurer", async () => {
    const order = await paidOrder("midtrans", { paymentType: "bank_transfer" });
    const asked = await requestRefund(database.db, gateway, { ...base(order.orderId), lines: { [order.chipsLine.id]: 3, [order.flossLine.id]: 1 }, shipping: 15_000 });
    if (!asked.ok) throw new Error(asked.error);
    expect(asked.refund).toMatchObject({ method: "manual", status: "awaiting_treasurer", amount: 114_000 });
    expect(asked.refund.failure).toContain("cannot modify");
    await confirmTransferRefund(database.db, { cooperativeId: a, refundId: asked.refund.id, transferReference: "BCA 9", actorUserId: staffId });
    expect(await statusOf(order.orderId)).toBe("refunded");
  });

  it("Stripe: the whole order refunded through POST /v1/refunds on the PaymentIntent, in minor units, idempotently", async () => {
    const order = await paidOrder("stripe");
    const asked = await requestRefund(database.db, gateway, { ...base(order.orderId), lines: { [order.chipsLine.id]: 3, [order.flossLine.id]: 1 }, shipping: 15_000 });
    if (!asked.ok) throw new Error(asked.error);
    expect(asked.refund).toMatchObject({ method: "stripe", status: "succeeded", amount: 114_000 });
    expect(asked.refund.providerRefundId).toMatch(/^re_/);
    const call = stripe.requests.find((request) => request.path === "/v1/refunds");
    expect(call).toMatchObject({ status: 200, idempotencyKey: asked.refund.refundKey, params: { payment_intent: order.payment.providerTransactionId, amount: "11400000" } });
    expect(await statusOf(order.orderId)).toBe("refunded");
    // Nothing is left to refund.
    expect(await requestRefund(database.db, gateway, { ...base(order.orderId), lines: { [order.chipsLine.id]: 1 }, shipping: 0 })).toEqual({ ok: false, error: "too_many" });
  });
});

describe("cancellation", () => {
  it("releases the stock exactly once when cancel is sent twice at the same moment, and refunds a paid order", async () => {
    const order = await paidOrder("midtrans");
    const before = { chips: await stockOf(order.chips), floss: await stockOf(order.floss) };
    const results = await Promise.all([
      cancelOrder(database.db, gateway, { ...base(order.orderId) }),
      cancelOrder(database.db, gateway, { ...base(order.orderId) }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toEqual({ ok: false, error: "ended" });
    expect(await stockOf(order.chips)).toBe(before.chips + 3);
    expect(await stockOf(order.floss)).toBe(before.floss + 1);
    const refunds = await refundsOfOrder(database.db, a, order.orderId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ status: "succeeded", amount: 114_000, shippingAmount: 15_000 });
    expect(await statusOf(order.orderId)).toBe("refunded");
    const movements = await database.sql`select delta from stock_movements where order_id = ${order.orderId} and reason = 'released'`;
    expect(movements).toHaveLength(2);
  });

  it("is refused after shipping, with a clear message, and changes nothing", async () => {
    const order = await paidOrder("manual");
    expect(await advanceOrder(database.db, { cooperativeId: a, orderId: order.orderId, step: "shipped", actorUserId: staffId })).toEqual({ ok: true });
    const before = await stockOf(order.chips);
    expect(await cancelOrder(database.db, gateway, base(order.orderId))).toEqual({ ok: false, error: "already_shipped" });
    expect(await stockOf(order.chips)).toBe(before);
    expect(await statusOf(order.orderId)).toBe("shipped");
    expect(await refundsOfOrder(database.db, a, order.orderId)).toHaveLength(0);
  });

  it("another cooperative cannot cancel the order", async () => {
    const order = await paidOrder("manual");
    expect(await cancelOrder(database.db, gateway, { ...base(order.orderId), cooperativeId: b })).toEqual({ ok: false, error: "not_found" });
    expect(await statusOf(order.orderId)).toBe("paid");
  });
});
