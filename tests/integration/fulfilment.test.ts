import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPaymentObservation } from "~/flows/apply-payment.server";
import { addToCart } from "~/flows/cart.server";
import { advanceOrder, completeDueOrders, receiveLine } from "~/flows/fulfil-order.server";
import { orderDocument } from "~/flows/order-documents.server";
import { placeOrder } from "~/flows/place-order.server";
import { newGuestToken } from "~/modules/checkout/cart.server";
import { memberOrderLines } from "~/modules/orders/fulfilment.server";
import { getOrder, listOrders } from "~/modules/orders/orders.server";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import { cooperativeForHost, type Cooperative } from "~/modules/tenancy/cooperative.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

let database: TestDatabase;
let a: string;
let b: string;
let staffId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  const [user] = await database.sql<{ id: string }[]>`insert into users (email, name) values ('gudang@a.test', 'Pak Gudang') returning id`;
  staffId = user!.id;
});
afterAll(() => database.close());

async function paidPickupOrder() {
  const [variant] = await database.sql<{ id: string }[]>`
    select v.id from product_variants v join products p on p.id = v.product_id where v.cooperative_id = ${a} and p.slug = 'keripik-singkong-balado'`;
  await database.sql`update product_variants set stock = 50 where id = ${variant!.id}`;
  const guestToken = newGuestToken();
  await addToCart(database.db, a, { guestToken }, variant!.id, 2);
  const placed = await placeOrder(database.db, {
    cooperativeId: a,
    cart: { guestToken },
    userId: null,
    locale: "id",
    contact: { name: "Wulan Sari", email: "wulan@example.id", phone: "+6281299998888" },
    delivery: { method: "pickup" },
    note: "",
    provider: "manual",
    providerOffered: async () => true,
  });
  if (!placed.ok) throw new Error(placed.error);
  const [payment] = await paymentsOfOrder(database.db, a, placed.orderId);
  await applyPaymentObservation(database.db, { reference: payment!.reference, status: "paid", amount: payment!.amount, providerTransactionId: null, method: "bank_transfer", occurredAt: new Date() });
  return placed;
}

async function shop(host: string): Promise<Cooperative> {
  const match = await cooperativeForHost(database.db, host);
  if (match.kind !== "shop") throw new Error(host);
  return match.cooperative;
}

describe("fulfilment", () => {
  it("records a short hand-over, picks up, completes after the cooperative's days, and e-mails the shopper", async () => {
    const placed = await paidPickupOrder();
    const found = await getOrder(database.db, a, placed.orderId);
    const line = found!.lines[0]!;
    const member = await memberOrderLines(database.db, a, line.memberId, { view: "open", page: 1, pageSize: 50 });
    expect(member.lines.some((row) => row.orderNumber === placed.number && row.quantity === 2)).toBe(true);
    // A member's page carries no shopper contact data.
    expect(JSON.stringify(member)).not.toContain("Wulan");
    expect(await receiveLine(database.db, { cooperativeId: a, lineId: line.id, received: 3, damaged: 0, note: "", actorUserId: staffId })).toEqual({ ok: false, error: "too_many_received" });
    expect(await receiveLine(database.db, { cooperativeId: b, lineId: line.id, received: 1, damaged: 0, note: "", actorUserId: staffId })).toEqual({ ok: false, error: "not_found" });
    expect(await receiveLine(database.db, { cooperativeId: a, lineId: line.id, received: 2, damaged: 1, note: "kemasan sobek", actorUserId: staffId })).toEqual({ ok: true });
    const after = await getOrder(database.db, a, placed.orderId);
    expect(after!.lines[0]).toMatchObject({ receivedQuantity: 2, damagedQuantity: 1, handoverNote: "kemasan sobek" });
    expect(await advanceOrder(database.db, { cooperativeId: a, orderId: placed.orderId, step: "shipped", actorUserId: staffId })).toEqual({ ok: false, error: "wrong_delivery" });
    expect(await advanceOrder(database.db, { cooperativeId: a, orderId: placed.orderId, step: "picked_up", actorUserId: staffId })).toEqual({ ok: true });
    expect(await completeDueOrders(database.db)).toBe(0);
    expect(await completeDueOrders(database.db, { now: new Date(Date.now() + 4 * 86_400_000) })).toBeGreaterThanOrEqual(1);
    expect((await getOrder(database.db, a, placed.orderId))!.order.status).toBe("completed");
    const [mail] = await database.sql<{ text_body: string }[]>`select text_body from outbox_emails where template = 'order_delivered' and to_address = 'wulan@example.id'`;
    expect(mail!.text_body).toContain("Halo Wulan Sari");
    const audit = await database.sql`select action from audit_log where entity_id in (${placed.orderId}, ${line.id})`;
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(["order.handover", "order.picked_up"]));
  });

  it("finds orders by number, name, phone and e-mail, and by producer, within the cooperative only", async () => {
    const placed = await paidPickupOrder();
    for (const search of [placed.number, "wulan", "0812 9999", "WULAN@EXAMPLE"]) {
      const page = await listOrders(database.db, a, { search, page: 1, pageSize: 50 });
      expect(page.orders.map((order) => order.id)).toContain(placed.orderId);
      expect((await listOrders(database.db, b, { search, page: 1, pageSize: 50 })).total).toBe(0);
    }
    const line = (await getOrder(database.db, a, placed.orderId))!.lines[0]!;
    expect((await listOrders(database.db, a, { memberId: line.memberId, delivery: "pickup", payment: "paid", page: 1, pageSize: 50 })).orders.map((o) => o.id)).toContain(placed.orderId);
    expect((await listOrders(database.db, a, { delivery: "courier", search: placed.number, page: 1, pageSize: 50 })).total).toBe(0);
  });

  it("prints the packing slip, the shipping label and the receipt in the cooperative's name, amounts as Rp 12.000", async () => {
    const placed = await paidPickupOrder();
    const cooperative = await shop("a.test");
    const text = async (kind: "slip" | "label" | "receipt") => {
      const pdf = await orderDocument(database.db, cooperative, placed.orderId, kind, "id");
      return (await new PDFParse({ data: new Uint8Array(pdf!) }).getText()).text;
    };
    const receipt = await text("receipt");
    expect(receipt).toContain("KUITANSI");
    expect(receipt).toContain(cooperative.name);
    expect(receipt).toContain(placed.number);
    expect(receipt).toContain("Rp 36.000");
    expect(receipt).toContain("Wulan Sari");
    expect(await text("slip")).toContain("SLIP PENGEPAKAN");
    expect(await text("label")).toContain("LABEL PENGIRIMAN");
    expect(await orderDocument(database.db, await shop("b.test"), placed.orderId, "receipt", "id")).toBeUndefined();
  });
});
