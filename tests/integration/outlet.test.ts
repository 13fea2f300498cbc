import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToCart } from "~/flows/cart.server";
import { placeOrder } from "~/flows/place-order.server";
import { sellAtOutlet, type SellAtOutletInput } from "~/flows/sell-at-outlet.server";
import { WIB } from "~/lib/indonesia/time-zones";
import { StockGate } from "~/modules/inventory/stock-gate.server";
import { newGuestToken } from "~/modules/checkout/cart.server";
import { can, type Actor } from "~/modules/identity/access";
import { getOrder } from "~/modules/orders/orders.server";
import { closeDay, listCloses } from "~/modules/outlet/closes.server";
import { counterReceipt } from "~/modules/outlet/sales.server";
import { setStaticQris } from "~/modules/outlet/settings.server";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives, setStock as fixtureSetStock, variantOf as fixtureVariantOf } from "../support/catalog-fixture";

let database: TestDatabase;
let a: string;
let b: string;
let cashier: string;
let otherCashier: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  const users = await database.sql<{ id: string }[]>`
    insert into users (email, name) values ('kasir@a.test', 'Kasir Satu'), ('kasir2@a.test', 'Kasir Dua') returning id`;
  cashier = users[0]!.id;
  otherCashier = users[1]!.id;
});
afterAll(() => database.close());

const variantOf = (cooperativeId: string, productSlug: string) => fixtureVariantOf(database, cooperativeId, productSlug);
const setStock = (variantId: string, stock: number) => fixtureSetStock(database, variantId, stock);

/** An online order for what is in a guest's cart, picked up at the outlet and paid by transfer. */
function placeOnline(guestToken: string) {
  return placeOrder(database.db, {
    cooperativeId: a,
    cart: { guestToken },
    userId: null,
    locale: "id",
    contact: { name: "Jane", email: "jane@example.com", phone: "+6281234567890" },
    delivery: { method: "pickup" },
    note: "",
    provider: "manual",
    providerOffered: async () => true,
  });
}

function sale(items: SellAtOutletInput["items"], overrides: Partial<SellAtOutletInput> = {}): SellAtOutletInput {
  return { cooperativeId: a, staffUserId: cashier, locale: "id", zone: WIB, items, payment: { method: "cash", given: 100_000 }, ...overrides };
}

describe("an outlet sale", () => {
  it("reserves stock and snapshots its lines exactly like an online order, then is paid in cash and handed over", async () => {
    const chips = await variantOf(a, "keripik-singkong-balado");
    await setStock(chips.id, 20);

    const guestToken = newGuestToken();
    expect((await addToCart(database.db, a, { guestToken }, chips.id, 2)).ok).toBe(true);
    const online = await placeOnline(guestToken);
    if (!online.ok) throw new Error(online.error);

    const sold = await sellAtOutlet(database.db, sale([{ variantId: chips.id, quantity: 2 }], { payment: { method: "cash", given: 50_000 } }));
    if (!sold.ok) throw new Error(sold.error);
    expect(sold).toMatchObject({ total: 36_000, change: 14_000, status: "completed" });
    expect((await variantOf(a, "keripik-singkong-balado")).stock).toBe(16);

    const onlineOrder = (await getOrder(database.db, a, online.orderId))!;
    const outletOrder = (await getOrder(database.db, a, sold.orderId))!;
    const snapshot = ({ productId, variantId, memberId, nameId, sku, unitPrice, quantity, lineTotal, feeRateBp, fee, memberShare, weightGrams }: (typeof outletOrder.lines)[number]) =>
      ({ productId, variantId, memberId, nameId, sku, unitPrice, quantity, lineTotal, feeRateBp, fee, memberShare, weightGrams });
    expect(outletOrder.lines.map(snapshot)).toEqual(onlineOrder.lines.map(snapshot));
    expect(outletOrder.lines[0]).toMatchObject({ unitPrice: 18_000, lineTotal: 36_000, feeRateBp: 1000, fee: 3600, memberShare: 32_400 });
    expect(onlineOrder.order.channel).toBe("online");
    expect(outletOrder.order).toMatchObject({ channel: "outlet", status: "completed", total: 36_000, shipping: 0, deliveryMethod: "pickup" });
    expect(outletOrder.order.number).toMatch(/^[A-Z]{2,5}\d{0,2}-\d{2}-\d{6}$/);

    const movements = await database.sql<{ delta: number; reason: string }[]>`select delta, reason from stock_movements where order_id = ${sold.orderId}`;
    expect(movements).toEqual([{ delta: -2, reason: "reserved" }]);
    const [payment] = await paymentsOfOrder(database.db, a, sold.orderId);
    expect(payment).toMatchObject({ status: "paid", method: "cash", amount: 36_000, provider: "manual" });
    const [audit] = await database.sql<{ actor_user_id: string; after: { method: string; change: number } }[]>`
      select actor_user_id, after from audit_log where action = 'outlet.sale' and entity_id = ${sold.orderId}`;
    expect(audit).toMatchObject({ actor_user_id: cashier, after: { method: "cash", change: 14_000 } });
    // No e-mail for a sale at the counter (the buyer asks for a receipt if they want one).
    const [mail] = await database.sql<{ n: number }[]>`select count(*)::int as n from outbox_emails where text_body like ${`%${sold.number}%`}`;
    expect(mail!.n).toBe(0);
    // In the ledger like any sale, and the members' hold period starts at the counter (decision 32).
    const [captured] = await database.sql<{ debit: number }[]>`
      select sum(l.debit)::int as debit from journal_entries e join journal_lines l on l.entry_id = e.id
      where e.cooperative_id = ${a} and e.source_kind = 'payment_captured' and e.order_id = ${sold.orderId}`;
    expect(captured!.debit).toBe(36_000);
    const open = await database.sql`select id from order_lines where order_id = ${sold.orderId} and completed_at is null`;
    expect(open).toHaveLength(0);
  });

  it("refuses too little cash, an empty sale, more than is in stock and an unset QRIS, writing nothing", async () => {
    const floss = await variantOf(a, "abon-ikan-tongkol");
    await setStock(floss.id, 3);
    const [before] = await database.sql<{ n: number }[]>`select count(*)::int as n from orders where cooperative_id = ${a}`;
    expect(await sellAtOutlet(database.db, sale([{ variantId: floss.id, quantity: 1 }], { payment: { method: "cash", given: 1_000 } }))).toMatchObject({ ok: false, error: "not_enough_cash" });
    expect(await sellAtOutlet(database.db, sale([]))).toMatchObject({ ok: false, error: "empty_sale" });
    expect(await sellAtOutlet(database.db, sale([{ variantId: floss.id, quantity: 4 }], { payment: { method: "cash", given: 1_000_000 } }))).toMatchObject({
      ok: false,
      error: "sold_out",
      soldOut: [{ variantId: floss.id, available: 3 }],
    });
    expect(await sellAtOutlet(database.db, sale([{ variantId: floss.id, quantity: 1 }], { payment: { method: "qris_static" } }))).toMatchObject({ ok: false, error: "qris_unavailable" });
    expect(await sellAtOutlet(database.db, sale([{ variantId: floss.id, quantity: 1 }], { payment: { method: "qris_midtrans", midtrans: null } }))).toMatchObject({ ok: false, error: "qris_unavailable" });
    // Another cooperative's product is not for sale here.
    const theirs = await variantOf(b, "keripik-singkong-balado");
    expect(await sellAtOutlet(database.db, sale([{ variantId: theirs.id, quantity: 1 }]))).toMatchObject({ ok: false, error: "sold_out" });
    const [after] = await database.sql<{ n: number }[]>`select count(*)::int as n from orders where cooperative_id = ${a}`;
    expect(after!.n).toBe(before!.n);
    expect((await variantOf(a, "abon-ikan-tongkol")).stock).toBe(3);
  });

  it("takes the static QRIS once staff tap received, audited", async () => {
    const floss = await variantOf(a, "abon-ikan-tongkol");
    await setStock(floss.id, 3);
    await setStaticQris(database.db, a, { image: Buffer.from("webp"), mimeType: "image/webp" }, cashier);
    const sold = await sellAtOutlet(database.db, sale([{ variantId: floss.id, quantity: 1 }], { payment: { method: "qris_static" } }));
    if (!sold.ok) throw new Error(sold.error);
    expect(sold).toMatchObject({ status: "completed", change: null });
    const [payment] = await paymentsOfOrder(database.db, a, sold.orderId);
    expect(payment).toMatchObject({ status: "paid", method: "qris_static" });
    const [audit] = await database.sql<{ after: { method: string } }[]>`select after from audit_log where action = 'outlet.sale' and entity_id = ${sold.orderId}`;
    expect(audit!.after.method).toBe("qris_static");
  });

  it("sells the last unit once when an outlet sale and an online order want it at the same moment", async () => {
    const chips = await variantOf(a, "keripik-pisang");
    const rounds = 8;
    let outletWins = 0;
    for (let round = 0; round < rounds; round++) {
      await setStock(chips.id, 5);
      const guestToken = newGuestToken();
      expect((await addToCart(database.db, a, { guestToken }, chips.id, 1)).ok).toBe(true);
      await setStock(chips.id, 1);
      const [online, outlet] = await Promise.all([
        placeOnline(guestToken),
        // The counter's own gate stands for another app process: only Postgres's conditional update can decide.
        sellAtOutlet(database.db, sale([{ variantId: chips.id, quantity: 1 }], { gate: new StockGate() })),
      ]);
      expect([online.ok, outlet.ok].filter(Boolean)).toHaveLength(1);
      const loser = online.ok ? outlet : online;
      expect(loser).toMatchObject({ ok: false, error: "sold_out" });
      if (outlet.ok) outletWins++;
      expect((await variantOf(a, "keripik-pisang")).stock).toBe(0);
    }
    const [held] = await database.sql<{ n: number }[]>`
      select count(*)::int as n from order_lines l join orders o on o.id = l.order_id where l.variant_id = ${chips.id} and o.status in ('pending_payment', 'completed')`;
    expect(held!.n).toBe(rounds);
    // Both sides win some rounds on a busy machine, but which one is not the point: one, never two.
    expect(outletWins).toBeLessThanOrEqual(rounds);
  });
});

describe("who may reach a counter sale", () => {
  it("another cooperative's staff find nothing, and a member or another role may not sell", async () => {
    const chips = await variantOf(a, "keripik-singkong-balado");
    await setStock(chips.id, 5);
    const sold = await sellAtOutlet(database.db, sale([{ variantId: chips.id, quantity: 1 }]));
    if (!sold.ok) throw new Error(sold.error);
    expect(await counterReceipt(database.db, a, sold.orderId)).toBeDefined();
    expect(await counterReceipt(database.db, b, sold.orderId)).toBeUndefined();

    const person = (staffRoles: ("manager" | "curator" | "fulfilment" | "treasurer")[], member: boolean): Actor => ({
      kind: "user",
      userId: cashier,
      email: "x@a.test",
      name: "X",
      isOperator: false,
      staffRoles,
      member: member ? { memberId: "00000000-0000-4000-8000-000000000000", role: "owner" } : null,
    });
    expect(can(person(["fulfilment"], false), "outlet.sell")).toBe(true);
    expect(can(person(["manager"], false), "outlet.sell")).toBe(true);
    expect(can(person([], true), "outlet.sell")).toBe(false);
    expect(can(person(["curator"], false), "outlet.sell")).toBe(false);
    expect(can(person(["treasurer"], false), "outlet.sell")).toBe(false);
    expect(can(person([], false), "outlet.sell")).toBe(false);
  });
});

describe("a day's close", () => {
  it("sums the cashier's own cash sales of that day in the cooperative's zone, records the difference once, audited", async () => {
    const floss = await variantOf(a, "abon-ikan-tongkol");
    await setStock(floss.id, 50);
    // 2025-06-10 in Jakarta runs from 2025-06-09T17:00Z to 2025-06-10T17:00Z (a day far from the other tests' sales, made now).
    const morning = new Date("2025-06-09T17:30:00Z");
    const evening = new Date("2025-06-10T16:30:00Z");
    const dayBefore = new Date("2025-06-09T16:59:00Z");
    const line = [{ variantId: floss.id, quantity: 1 }];
    const results = [
      await sellAtOutlet(database.db, sale(line, { now: morning })),
      await sellAtOutlet(database.db, sale([{ variantId: floss.id, quantity: 2 }], { now: evening, payment: { method: "cash", given: 100_000 } })),
      await sellAtOutlet(database.db, sale(line, { now: evening, payment: { method: "qris_static" } })),
      await sellAtOutlet(database.db, sale(line, { now: evening, staffUserId: otherCashier })),
      await sellAtOutlet(database.db, sale(line, { now: dayBefore })),
    ];
    expect(results.every((result) => result.ok)).toBe(true);

    const closed = await closeDay(database.db, { cooperativeId: a, staffUserId: cashier, businessDate: "2025-06-10", counted: 130_000, note: "uang receh kurang" });
    if (!closed.ok) throw new Error(closed.error);
    // Abon is Rp 45.000: one in the morning, two in the evening; the QRIS sale, the other cashier's and the day before's do not count.
    expect(closed.close).toMatchObject({ cashSales: 135_000, salesCount: 2, counted: 130_000, difference: -5_000 });
    expect(await closeDay(database.db, { cooperativeId: a, staffUserId: cashier, businessDate: "2025-06-10", counted: 135_000, note: "" })).toEqual({
      ok: false,
      error: "already_closed",
    });
    const [audit] = await database.sql<{ after: { difference: number } }[]>`select after from audit_log where action = 'outlet.day_closed' and entity_id = ${closed.close.id}`;
    expect(audit!.after.difference).toBe(-5_000);

    const other = await closeDay(database.db, { cooperativeId: a, staffUserId: otherCashier, businessDate: "2025-06-10", counted: 45_000, note: "" });
    expect(other).toMatchObject({ ok: true, close: { cashSales: 45_000, difference: 0 } });
    const history = await listCloses(database.db, a, { page: 1, pageSize: 10 });
    expect(history.total).toBe(2);
    expect((await listCloses(database.db, b, { page: 1, pageSize: 10 })).total).toBe(0);
  });
});
