import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPaymentObservation } from "~/flows/apply-payment.server";
import { cancelOrder } from "~/flows/cancel-order.server";
import { addToCart } from "~/flows/cart.server";
import { advanceOrder, advanceOrders, receiveDelivery } from "~/flows/fulfil-order.server";
import { PaymentGateway, type AccountSource } from "~/flows/payment-gateway.server";
import { placeOrder } from "~/flows/place-order.server";
import { requestRefund } from "~/flows/refund.server";
import { restockRefundLine } from "~/flows/restock-refund.server";
import { FORM_TOKEN_FIELD } from "~/lib/form-token";
import { newFormToken } from "~/lib/form-token.server";
import { newGuestToken } from "~/modules/checkout/cart.server";
import { groupByBusiness, handoverSheet } from "~/modules/orders/fulfilment.server";
import { getOrder } from "~/modules/orders/orders.server";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import { submitFormOnce } from "~/web/forms.server";
import { variantOf } from "../support/catalog-fixture";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

let database: TestDatabase;
let a: string;
let b: string;
let staffId: string;
// No provider accounts: every refund here is a bank transfer awaiting the treasurer.
const noAccounts: AccountSource = { account: async () => null };
const gateway = () => new PaymentGateway(noAccounts);

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  const [user] = await database.sql<{ id: string }[]>`insert into users (email, name) values ('gudang@fulfil-day.test', 'Pak Gudang') returning id`;
  staffId = user!.id;
  await database.sql`update cooperatives set local_delivery_fee = 10000, handover_days = 1 where id in (${a}, ${b})`;
});
afterAll(() => database.close());

const stockOf = async (variantId: string) => (await database.sql<{ stock: number }[]>`select stock from product_variants where id = ${variantId}`)[0]!.stock;

/** An order at `cooperativeId` of the given products (slug and quantity), local delivery or pickup, paid by transfer unless `unpaid`. */
async function order(cooperativeId: string, items: [slug: string, quantity: number][], options: { pickup?: boolean; unpaid?: boolean } = {}) {
  const guestToken = newGuestToken();
  for (const [slug, quantity] of items) {
    const { id: variantId } = await variantOf(database, cooperativeId, slug);
    await database.sql`update product_variants set stock = greatest(stock, 100) where id = ${variantId}`;
    await addToCart(database.db, cooperativeId, { guestToken }, variantId, quantity);
  }
  const placed = await placeOrder(database.db, {
    cooperativeId,
    cart: { guestToken },
    userId: null,
    locale: "id",
    contact: { name: "Rina Wisata", email: "rina@example.id", phone: "+6281211112222" },
    delivery: options.pickup ? { method: "pickup" } : { method: "local", placeName: "Hotel Bromo", street: "Jl. Suroyo 1" },
    note: "",
    provider: "manual",
    providerOffered: async () => true,
  });
  if (!placed.ok) throw new Error(placed.error);
  if (!options.unpaid) {
    const [payment] = await paymentsOfOrder(database.db, cooperativeId, placed.orderId);
    await applyPaymentObservation(database.db, { reference: payment!.reference, status: "paid", amount: payment!.amount, providerTransactionId: null, method: "bank_transfer", occurredAt: new Date() });
  }
  return placed;
}

const statusOf = async (cooperativeId: string, orderId: string) => (await getOrder(database.db, cooperativeId, orderId))!.order;
const auditCount = async (action: string, entityId: string) =>
  (await database.sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${entityId}`)[0]!.n;

describe("the day's bulk moves", () => {
  it("moves each valid order, refuses the others with their reason, ignores another cooperative's ids", async () => {
    const ready = await order(a, [["keripik-pisang", 1]]);
    const pickedUp = await order(a, [["keripik-pisang", 1]], { pickup: true });
    await advanceOrder(database.db, { cooperativeId: a, orderId: pickedUp.orderId, step: "picked_up", actorUserId: staffId });
    const unpaid = await order(a, [["keripik-pisang", 1]], { unpaid: true });
    const elsewhere = await order(b, [["keripik-singkong-balado", 1]]);

    const outcomes = await database.db.transaction((tx) =>
      advanceOrders(tx, {
        cooperativeId: a,
        step: "packed",
        moves: [ready, pickedUp, unpaid, elsewhere].map((placed) => ({ orderId: placed.orderId })),
        actorUserId: staffId,
      }),
    );
    expect(outcomes).toEqual([
      { orderId: ready.orderId, number: ready.number, ok: true },
      { orderId: pickedUp.orderId, number: pickedUp.number, ok: false, error: "already_shipped" },
      { orderId: unpaid.orderId, number: unpaid.number, ok: false, error: "not_paid" },
      { orderId: elsewhere.orderId, number: null, ok: false, error: "not_found" },
    ]);
    expect((await statusOf(a, ready.orderId)).status).toBe("processing");
    expect((await statusOf(a, unpaid.orderId)).packedAt).toBeNull();
    // Another cooperative's order is untouched, and its number never reached this cooperative's answer.
    expect((await statusOf(b, elsewhere.orderId)).packedAt).toBeNull();
    expect(await auditCount("order.packed", ready.orderId)).toBe(1);
    expect(await auditCount("order.packed", elsewhere.orderId)).toBe(0);
  });

  it("ships with each order's own courier and tracking number, and a replayed form moves nothing again", async () => {
    const first = await order(a, [["keripik-pisang", 1]]);
    const second = await order(a, [["keripik-pisang", 2]]);
    const form = new FormData();
    form.set(FORM_TOKEN_FIELD, newFormToken());
    const key = { cooperativeId: a, purpose: "orders.bulk", userId: staffId };
    let runs = 0;
    const send = () =>
      submitFormOnce(database.db, key, form, async (tx) => {
        runs += 1;
        return {
          done: await advanceOrders(tx, {
            cooperativeId: a,
            step: "shipped",
            moves: [
              { orderId: first.orderId, courier: "JNE", trackingNumber: "JNE-0001" },
              { orderId: second.orderId, courier: "SiCepat", trackingNumber: "SCP-0002" },
            ],
            actorUserId: staffId,
          }),
        };
      });
    const [once, again] = [await send(), await send()];
    expect(once).toEqual(again);
    expect(runs).toBe(1);
    expect(await statusOf(a, first.orderId)).toMatchObject({ status: "shipped", courier: "JNE", trackingNumber: "JNE-0001" });
    expect(await statusOf(a, second.orderId)).toMatchObject({ status: "shipped", courier: "SiCepat", trackingNumber: "SCP-0002" });
    expect(await auditCount("order.shipped", first.orderId)).toBe(1);
    const mails = await database.sql`select 1 from outbox_emails where template = 'order_shipped' and text_body like ${`%${first.number}%`}`;
    expect(mails.length).toBe(1);
  });
});

describe("the hand-over sheet", () => {
  it("lists per business the lines due by the day, overdue ones included, and receives a producer's delivery at once", async () => {
    const placed = await order(a, [["keripik-singkong-balado", 2], ["abon-ikan-tongkol", 1], ["batik-tulis-mangga", 1]]);
    // Paid three days ago at noon (WIB): due two days ago at noon. Days are Jakarta's (UTC+7), whatever the hour in UTC.
    const nowInJakarta = new Date(Date.now() + 7 * 3_600_000);
    const paidAt = new Date(Date.UTC(nowInJakarta.getUTCFullYear(), nowInJakarta.getUTCMonth(), nowInJakarta.getUTCDate() - 3, 5));
    await database.sql`update orders set paid_at = ${paidAt.toISOString()}::timestamptz where id = ${placed.orderId}`;
    const day = (offsetDays: number) => {
      const start = new Date(Date.UTC(paidAt.getUTCFullYear(), paidAt.getUTCMonth(), paidAt.getUTCDate() + offsetDays) - 7 * 3_600_000);
      return { start, end: new Date(start.getTime() + 86_400_000) };
    };
    const ours = (lines: Awaited<ReturnType<typeof handoverSheet>>) => lines.filter((line) => line.orderId === placed.orderId);
    // The day it was paid: not due yet. The day after: due. Today: still there, overdue.
    expect(ours(await handoverSheet(database.db, a, day(0)))).toEqual([]);
    expect(ours(await handoverSheet(database.db, a, day(1)))).toHaveLength(3);
    const today = ours(await handoverSheet(database.db, a, day(3)));
    const groups = groupByBusiness(today);
    expect(groups.map((group) => [group.businessName, group.toBring, group.lines.length])).toEqual([
      ["Batik Mawar Paiton", 1, 1],
      ["Dapur Bu Siti", 3, 2],
    ]);
    expect(today.every((line) => line.dueAt.getTime() === paidAt.getTime() + 86_400_000)).toBe(true);
    // Another cooperative sees none of it.
    expect((await handoverSheet(database.db, b, day(3))).filter((line) => line.orderId === placed.orderId)).toEqual([]);

    const siti = groups.find((group) => group.businessName === "Dapur Bu Siti")!;
    const batik = groups.find((group) => group.businessName === "Batik Mawar Paiton")!;
    const chips = siti.lines.find((line) => line.quantity === 2)!;
    const floss = siti.lines.find((line) => line.quantity === 1)!;
    // A line of another business in the form: refused as not found, and nothing of the delivery is written.
    const mixed = await receiveDelivery(database.db, {
      cooperativeId: a,
      memberId: siti.memberId,
      counts: [
        { lineId: chips.lineId, received: 2, damaged: 0, note: "" },
        { lineId: batik.lines[0]!.lineId, received: 1, damaged: 0, note: "" },
      ],
      actorUserId: staffId,
    });
    expect(mixed).toEqual({ ok: false, error: "not_found", lineId: batik.lines[0]!.lineId });
    expect((await getOrder(database.db, a, placed.orderId))!.lines.every((line) => line.receivedAt === null)).toBe(true);
    // Another cooperative's staff cannot receive these lines.
    expect(await receiveDelivery(database.db, { cooperativeId: b, memberId: siti.memberId, counts: [{ lineId: chips.lineId, received: 2, damaged: 0, note: "" }], actorUserId: staffId })).toMatchObject({ ok: false, error: "not_found" });

    const delivery = {
      cooperativeId: a,
      memberId: siti.memberId,
      counts: [
        { lineId: chips.lineId, received: 1, damaged: 1, note: "satu bungkus sobek" },
        { lineId: floss.lineId, received: 1, damaged: 0, note: "" },
      ],
      actorUserId: staffId,
    };
    expect(await receiveDelivery(database.db, delivery)).toEqual({ ok: true, received: 2 });
    // The same sheet sent again changes nothing.
    expect(await receiveDelivery(database.db, delivery)).toMatchObject({ ok: false, error: "already_received" });
    expect(await auditCount("order.handover", chips.lineId)).toBe(1);
    const after = ours(await handoverSheet(database.db, a, day(3)));
    const received = after.find((line) => line.lineId === chips.lineId)!;
    expect(received).toMatchObject({ receivedQuantity: 1, damagedQuantity: 1, handoverNote: "satu bungkus sobek" });
    // Brought early: still on the sheet of the day they were due, with what came in.
    expect(ours(await handoverSheet(database.db, a, day(1))).find((line) => line.lineId === chips.lineId)).toMatchObject({ receivedQuantity: 1, damagedQuantity: 1 });
    expect(groupByBusiness(after).map((group) => [group.businessName, group.toBring])).toEqual([
      ["Batik Mawar Paiton", 1],
      ["Dapur Bu Siti", 0],
    ]);
  });
});

describe("cancel permissions", () => {
  it("lets fulfilment cancel an unpaid order, and a paid one only with the right to refund", async () => {
    const unpaid = await order(a, [["keripik-pisang", 1]], { unpaid: true });
    expect(await cancelOrder(database.db, gateway(), { cooperativeId: a, orderId: unpaid.orderId, reason: "pembeli batal", actorUserId: staffId, mayRefund: false })).toEqual({ ok: true, refund: null });
    expect((await statusOf(a, unpaid.orderId)).status).toBe("cancelled");

    const paid = await order(a, [["keripik-pisang", 2]]);
    const { id: variantId } = await variantOf(database, a, "keripik-pisang");
    const stockBefore = await stockOf(variantId);
    expect(await cancelOrder(database.db, gateway(), { cooperativeId: a, orderId: paid.orderId, reason: "pembeli batal", actorUserId: staffId, mayRefund: false })).toEqual({
      ok: false,
      error: "needs_treasurer",
    });
    expect((await statusOf(a, paid.orderId)).status).toBe("paid");
    expect(await stockOf(variantId)).toBe(stockBefore);
    const byTreasurer = await cancelOrder(database.db, gateway(), { cooperativeId: a, orderId: paid.orderId, reason: "pembeli batal", actorUserId: staffId, mayRefund: true });
    expect(byTreasurer).toMatchObject({ ok: true, refund: { status: "awaiting_treasurer" } });
    expect(await stockOf(variantId)).toBe(stockBefore + 2);
  });
});

describe("restock of refunded goods", () => {
  it("returns a refunded line's stock once however many ask at the same moment, audited, and a later cancellation does not return it twice", async () => {
    const placed = await order(a, [["abon-ikan-tongkol", 3]]);
    const line = (await getOrder(database.db, a, placed.orderId))!.lines[0]!;
    const refund = await requestRefund(database.db, gateway(), { cooperativeId: a, orderId: placed.orderId, lines: { [line.id]: 2 }, shipping: 0, reason: "kembali utuh", actorUserId: staffId });
    if (!refund.ok) throw new Error(refund.error);
    const before = await stockOf(line.variantId);
    const input = { cooperativeId: a, refundId: refund.refund.id, orderLineId: line.id, actorUserId: staffId };
    const answers = await Promise.all([restockRefundLine(database.db, input), restockRefundLine(database.db, input), restockRefundLine(database.db, input)]);
    expect(answers.filter((answer) => answer.ok)).toEqual([{ ok: true, quantity: 2 }]);
    expect(answers.filter((answer) => !answer.ok)).toEqual([
      { ok: false, error: "already_restocked" },
      { ok: false, error: "already_restocked" },
    ]);
    expect(await stockOf(line.variantId)).toBe(before + 2);
    const movements = await database.sql`select delta from stock_movements where order_id = ${placed.orderId} and reason = 'returned'`;
    expect(movements.map((movement) => movement.delta)).toEqual([2]);
    expect(await auditCount("order.restocked", line.variantId)).toBeGreaterThanOrEqual(1);
    // Another cooperative cannot restock it.
    expect(await restockRefundLine(database.db, { ...input, cooperativeId: b })).toEqual({ ok: false, error: "not_found" });

    // Cancelling the order now releases only the unit not already back on sale.
    const cancelled = await cancelOrder(database.db, gateway(), { cooperativeId: a, orderId: placed.orderId, reason: "sisa dibatalkan", actorUserId: staffId, mayRefund: true });
    expect(cancelled.ok).toBe(true);
    expect(await stockOf(line.variantId)).toBe(before + 3);
    // And after a cancellation, whose stock came back whole, nothing more can be restocked.
    const rest = (await database.sql<{ id: string }[]>`select id from refunds where order_id = ${placed.orderId} and id <> ${refund.refund.id}`)[0]!;
    expect(await restockRefundLine(database.db, { ...input, refundId: rest.id })).toEqual({ ok: false, error: "stock_already_back" });
    expect(await stockOf(line.variantId)).toBe(before + 3);
  });
});
