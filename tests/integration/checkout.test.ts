import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPaymentObservation, decideTransfer } from "~/flows/apply-payment.server";
import { addToCart, viewCart } from "~/flows/cart.server";
import { expireDueOrders, expireOrder } from "~/flows/expire-orders.server";
import { MAX_PROOFS_PER_PAYMENT, orderForLink, submitTransferProof } from "~/flows/order-page.server";
import { PaymentGateway } from "~/flows/payment-gateway.server";
import { placeOrder, type PlaceOrderInput } from "~/flows/place-order.server";
import { mergeGuestCart, newGuestToken, purgeAbandonedCarts } from "~/modules/checkout/cart.server";
import { getOrder, orderIdForLink } from "~/modules/orders/orders.server";
import { addTransferProof, paymentsOfOrder } from "~/modules/payments/payments.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives, setStock as fixtureSetStock, variantOf as fixtureVariantOf } from "../support/catalog-fixture";

let database: TestDatabase;
let a: string;
let b: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  await database.sql`update cooperatives set local_delivery_fee = 15000, local_delivery_area = 'Kota Probolinggo' where id = ${a}`;
  // East Java (35): a province-wide rate, and a cheaper one for Kota Probolinggo (35.74).
  await database.sql`insert into shipping_rates (cooperative_id, province_code, regency_code, first_kg, next_kg)
    values (${a}, '35', null, 12000, 8000), (${a}, '35', '35.74', 9000, 5000)`;
});
afterAll(() => database.close());

const variantOf = (cooperativeId: string, productSlug: string) => fixtureVariantOf(database, cooperativeId, productSlug);
const setStock = (variantId: string, stock: number) => fixtureSetStock(database, variantId, stock);

function orderInput(cooperativeId: string, guestToken: string, overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  return {
    cooperativeId,
    cart: { guestToken },
    userId: null,
    locale: "en",
    contact: { name: "Jane Traveller", email: "jane@example.com", phone: "+6281234567890" },
    delivery: { method: "pickup" },
    note: "",
    provider: "manual",
    providerOffered: async (provider) => provider === "manual" || provider === "midtrans",
    ...overrides,
  };
}

async function guestWith(cooperativeId: string, items: [variantId: string, quantity: number][]) {
  const guestToken = newGuestToken();
  for (const [variantId, quantity] of items) {
    const added = await addToCart(database.db, cooperativeId, { guestToken }, variantId, quantity);
    expect(added.ok).toBe(true);
  }
  return guestToken;
}

describe("placing an order", () => {
  it("prices from the database, keeps what was sold as it was, and empties the cart", async () => {
    const chips = await variantOf(a, "keripik-singkong-balado");
    const floss = await variantOf(a, "abon-ikan-tongkol");
    await setStock(chips.id, 20);
    await setStock(floss.id, 7);
    const guestToken = await guestWith(a, [
      [chips.id, 2],
      [floss.id, 1],
    ]);
    const cart = await viewCart(database.db, a, { guestToken }, "en");
    expect(cart.subtotal).toBe(2 * 18_000 + 45_000);

    const placed = await placeOrder(database.db, orderInput(a, guestToken, { delivery: { method: "local", placeName: "Hotel Bromo", street: "Jl. Suroyo 1" } }));
    if (!placed.ok) throw new Error(placed.error);
    expect(placed.number).toMatch(/^[A-Z]{2,5}\d{0,2}-\d{2}-\d{6}$/);
    expect(placed.total).toBe(81_000 + 15_000);

    const found = await getOrder(database.db, a, placed.orderId);
    expect(found!.order).toMatchObject({ status: "pending_payment", subtotal: 81_000, shipping: 15_000, total: 96_000, deliveryMethod: "local" });
    const chipsLine = found!.lines.find((line) => line.variantId === chips.id)!;
    // The demo cooperative keeps 10 %: 3,600 of 36,000, rounded once per line.
    expect(chipsLine).toMatchObject({ unitPrice: 18_000, quantity: 2, lineTotal: 36_000, feeRateBp: 1000, fee: 3600, memberShare: 32_400 });
    expect((await variantOf(a, "keripik-singkong-balado")).stock).toBe(18);
    expect((await viewCart(database.db, a, { guestToken }, "en")).lines).toHaveLength(0);

    expect(await orderIdForLink(database.db, a, placed.token)).toBe(placed.orderId);
    expect(await orderIdForLink(database.db, b, placed.token)).toBeUndefined();
    const [mail] = await database.sql<{ text_body: string; secret_link: unknown }[]>`
      select text_body, secret_link from outbox_emails where template = 'order_received' and to_address = 'jane@example.com'`;
    expect(mail!.text_body).toContain(placed.number);
    expect(mail!.text_body).not.toContain(placed.token);
    expect(mail!.secret_link).toEqual({ purpose: "order", orderId: placed.orderId });
  });

  it("quotes courier shipping by the most specific rate and the billable weight", async () => {
    const chips = await variantOf(a, "keripik-singkong-balado");
    await setStock(chips.id, 20);
    const guestToken = await guestWith(a, [[chips.id, 1]]);
    const placed = await placeOrder(
      database.db,
      orderInput(a, guestToken, {
        delivery: {
          method: "courier",
          provinceCode: "35",
          regencyCode: "35.74",
          districtCode: "35.74.01",
          villageCode: "35.74.01.1001",
          postalCode: "67211",
          street: "Jl. Panglima Sudirman 2",
        },
      }),
    );
    if (!placed.ok) throw new Error(placed.error);
    const found = await getOrder(database.db, a, placed.orderId);
    expect(found!.order.shipping).toBe(9000);
    expect(found!.order.areaNames).toMatchObject({ province: "Jawa Timur" });
  });

  it("refuses an area the cooperative does not ship to, a provider it does not offer, and a total that changed", async () => {
    const chips = await variantOf(a, "keripik-singkong-balado");
    const guestToken = await guestWith(a, [[chips.id, 1]]);
    const aceh = { method: "courier" as const, provinceCode: "11", regencyCode: "11.01", districtCode: "11.01.01", villageCode: "11.01.01.2001", postalCode: "23773", street: "Jl. 1" };
    expect(await placeOrder(database.db, orderInput(a, guestToken, { delivery: aceh }))).toMatchObject({ ok: false, error: "no_courier_to_area" });
    expect(await placeOrder(database.db, orderInput(a, guestToken, { provider: "stripe" }))).toMatchObject({ ok: false, error: "provider_unavailable" });
    expect(await placeOrder(database.db, orderInput(a, guestToken, { expectedTotal: 1 }))).toMatchObject({ ok: false, error: "price_changed", total: 18_000 });
    expect((await viewCart(database.db, a, { guestToken }, "en")).lines).toHaveLength(1);
  });

  it("sells the last 5 units to exactly 5 of 50 buyers at once; the rest are told it sold out", async () => {
    const floss = await variantOf(a, "abon-ikan-tongkol");
    await setStock(floss.id, 50);
    const buyers = await Promise.all(Array.from({ length: 50 }, () => guestWith(a, [[floss.id, 1]])));
    await setStock(floss.id, 5);
    const results = await Promise.all(buyers.map((guestToken) => placeOrder(database.db, orderInput(a, guestToken))));
    expect(results.filter((result) => result.ok)).toHaveLength(5);
    const refused = results.filter((result) => !result.ok);
    expect(refused).toHaveLength(45);
    expect(refused.every((result) => !result.ok && result.error === "sold_out" && result.soldOut?.[0]?.variantId === floss.id)).toBe(true);
    expect((await variantOf(a, "abon-ikan-tongkol")).stock).toBe(0);
    const numbers = results.flatMap((result) => (result.ok ? [result.number] : []));
    expect(new Set(numbers).size).toBe(5);
  });
});

describe("payments", () => {
  async function freshOrder(provider: "manual" | "midtrans" = "midtrans") {
    const chips = await variantOf(a, "keripik-singkong-balado");
    await setStock(chips.id, 10);
    const guestToken = await guestWith(a, [[chips.id, 1]]);
    const placed = await placeOrder(database.db, orderInput(a, guestToken, { provider }));
    if (!placed.ok) throw new Error(placed.error);
    const [payment] = await paymentsOfOrder(database.db, a, placed.orderId);
    return { ...placed, payment: payment!, variantId: chips.id };
  }
  const paid = (reference: string, amount: number) => ({
    reference,
    status: "paid" as const,
    amount,
    providerTransactionId: "trx-1",
    method: "qris",
    occurredAt: new Date(),
  });

  it("counts a payment once, whatever is repeated or arrives late", async () => {
    const order = await freshOrder();
    const first = await applyPaymentObservation(database.db, paid(order.payment.reference, order.total));
    expect(first).toEqual({ cooperativeId: a, outcome: "payment captured" });
    expect((await applyPaymentObservation(database.db, paid(order.payment.reference, order.total))).outcome).toBe("ignored: already paid");
    await applyPaymentObservation(database.db, { ...paid(order.payment.reference, order.total), status: "pending" });
    await applyPaymentObservation(database.db, { ...paid(order.payment.reference, order.total), status: "expired" });
    const [payment] = await paymentsOfOrder(database.db, a, order.orderId);
    expect(payment).toMatchObject({ status: "paid", alert: null, method: "qris" });
    expect((await getOrder(database.db, a, order.orderId))!.order.status).toBe("paid");
    const mails = await database.sql`select 1 from outbox_emails where template = 'payment_received' and secret_link->>'orderId' = ${order.orderId}`;
    expect(mails).toHaveLength(1);
  });

  it("flags an amount that is not the order's and does not mark it paid", async () => {
    const order = await freshOrder();
    const applied = await applyPaymentObservation(database.db, paid(order.payment.reference, order.total - 1000));
    expect(applied.outcome).toMatch(/^flagged/);
    const [payment] = await paymentsOfOrder(database.db, a, order.orderId);
    expect(payment).toMatchObject({ status: "pending", alert: "amount_mismatch" });
    expect((await getOrder(database.db, a, order.orderId))!.order.status).toBe("pending_payment");
  });

  it("ignores a reference that is not ours", async () => {
    expect(await applyPaymentObservation(database.db, paid("NOPE-26-000001-1", 1000))).toEqual({ cooperativeId: null, outcome: "ignored: unknown payment reference" });
  });

  it("expiry gives the stock back exactly once; a payment after it is kept and flagged for a refund", async () => {
    const order = await freshOrder();
    const before = (await variantOf(a, "keripik-singkong-balado")).stock;
    const attempts = await Promise.all([expireOrder(database.db, a, order.orderId), expireOrder(database.db, a, order.orderId), expireOrder(database.db, a, order.orderId)]);
    expect(attempts.filter(Boolean)).toHaveLength(1);
    expect((await variantOf(a, "keripik-singkong-balado")).stock).toBe(before + 1);

    const late = await applyPaymentObservation(database.db, paid(order.payment.reference, order.total));
    expect(late.outcome).toMatch(/^flagged/);
    const [payment] = await paymentsOfOrder(database.db, a, order.orderId);
    expect(payment).toMatchObject({ status: "expired", alert: "paid_after_expiry" });
    expect((await getOrder(database.db, a, order.orderId))!.order.status).toBe("expired");
    expect((await variantOf(a, "keripik-singkong-balado")).stock).toBe(before + 1);
  });

  it("the expiry job re-checks with the provider first: a lost notification's payment counts", async () => {
    const lost = await freshOrder();
    const unpaid = await freshOrder();
    const later = new Date(Date.now() + 48 * 3600_000);
    const result = await expireDueOrders(database.db, async (payment) => (payment.id === lost.payment.id ? paid(payment.reference, lost.total) : null), { now: later });
    expect(result.paid).toBeGreaterThanOrEqual(1);
    expect((await getOrder(database.db, a, lost.orderId))!.order.status).toBe("paid");
    expect((await getOrder(database.db, a, unpaid.orderId))!.order.status).toBe("expired");
  });

  it("a treasurer's confirmation of a transfer pays the order once, audited", async () => {
    const order = await freshOrder("manual");
    const [treasurer] = await database.sql<{ id: string }[]>`insert into users (email, name) values ('bendahara@a.test', 'Bendahara') returning id`;
    const proofId = await addTransferProof(database.db, {
      cooperativeId: a,
      paymentId: order.payment.id,
      image: Buffer.from("proof"),
      mimeType: "image/webp",
      senderName: "Jane",
      senderBank: "BCA",
    });
    expect(await decideTransfer(database.db, { cooperativeId: b, proofId, decision: "confirmed", note: "", actorUserId: treasurer!.id })).toMatchObject({ ok: false });
    expect(await decideTransfer(database.db, { cooperativeId: a, proofId, decision: "confirmed", note: "Masuk BCA", actorUserId: treasurer!.id })).toEqual({ ok: true, outcome: "payment captured" });
    expect(await decideTransfer(database.db, { cooperativeId: a, proofId, decision: "rejected", note: "", actorUserId: treasurer!.id })).toEqual({ ok: false, error: "already_decided" });
    expect((await getOrder(database.db, a, order.orderId))!.order.status).toBe("paid");
    const audit = await database.sql`select action from audit_log where cooperative_id = ${a} and entity_id = ${order.payment.id}`;
    expect(audit.map((row) => row.action)).toEqual(["payment.transfer_confirmed"]);
  });
});

describe("transfer receipts", () => {
  it("a receipt for an order waiting for a transfer is kept once and the cooperative's treasurers are told, not another's", async () => {
    const chips = await variantOf(a, "keripik-singkong-balado");
    await setStock(chips.id, 10);
    const guestToken = await guestWith(a, [[chips.id, 1]]);
    const placed = await placeOrder(database.db, orderInput(a, guestToken));
    if (!placed.ok) throw new Error(placed.error);
    const [mine, theirs] = await database.sql<{ id: string }[]>`
      insert into users (email, name, locale) values ('bendahara-a@a.test', 'Bendahara A', 'id'), ('bendahara-b@b.test', 'Bendahara B', 'id') returning id`;
    await database.sql`insert into staff_roles (cooperative_id, user_id, role) values (${a}, ${mine!.id}, 'treasurer'), (${b}, ${theirs!.id}, 'treasurer')`;
    const gateway = new PaymentGateway({ account: async () => null });
    const page = await orderForLink(database.db, gateway, a, placed.token);
    expect(await orderForLink(database.db, gateway, b, placed.token)).toBeUndefined();
    expect(await submitTransferProof(database.db, page!, { image: Buffer.from("receipt"), mimeType: "image/webp", senderName: "Jane", senderBank: "BCA" })).toEqual({ ok: true });
    const mails = await database.sql<{ to_address: string; text_body: string }[]>`select to_address, text_body from outbox_emails where template = 'transfer_proof_received'`;
    expect(mails.map((mail) => mail.to_address)).toEqual(["bendahara-a@a.test"]);
    expect(mails[0]!.text_body).toContain(placed.number);
    // Once staff have it, more receipts wait for their decision instead of piling up.
    const again = await orderForLink(database.db, gateway, a, placed.token);
    for (let i = 1; i < MAX_PROOFS_PER_PAYMENT; i++) await submitTransferProof(database.db, again!, { image: Buffer.from("r"), mimeType: "image/webp", senderName: "Jane", senderBank: "" });
    const full = await orderForLink(database.db, gateway, a, placed.token);
    expect(await submitTransferProof(database.db, full!, { image: Buffer.from("r"), mimeType: "image/webp", senderName: "Jane", senderBank: "" })).toEqual({ ok: false, error: "too_many_proofs" });
  });
});

describe("carts", () => {
  it("a guest cart joins the account's at sign-in, and carts untouched for a month are forgotten", async () => {
    const chips = await variantOf(a, "keripik-singkong-balado");
    await setStock(chips.id, 20);
    const [shopper] = await database.sql<{ id: string }[]>`insert into users (email, name) values ('pembeli-cart@a.test', 'Pembeli') returning id`;
    const guestToken = await guestWith(a, [[chips.id, 2]]);
    expect((await addToCart(database.db, a, { userId: shopper!.id }, chips.id, 1)).ok).toBe(true);
    await mergeGuestCart(database.db, a, guestToken, shopper!.id);
    expect((await viewCart(database.db, a, { userId: shopper!.id }, "id")).lines.map((line) => line.quantity)).toEqual([3]);
    expect((await viewCart(database.db, a, { guestToken }, "id")).lines).toHaveLength(0);

    const stale = await guestWith(a, [[chips.id, 1]]);
    await database.sql`update carts set updated_at = now() - interval '31 days' where token_hash is not null`;
    expect(await purgeAbandonedCarts(database.db)).toBeGreaterThanOrEqual(1);
    expect((await viewCart(database.db, a, { guestToken: stale }, "id")).lines).toHaveLength(0);
    expect((await viewCart(database.db, a, { userId: shopper!.id }, "id")).lines).toHaveLength(1);
  });
});
