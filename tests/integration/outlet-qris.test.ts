import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PaymentGateway, type AccountSource, type ProviderAccount } from "~/flows/payment-gateway.server";
import { sellAtOutlet } from "~/flows/sell-at-outlet.server";
import { WIB } from "~/lib/indonesia/time-zones";
import { applyPendingEvents } from "~/modules/inbox/inbox.server";
import { getOrder } from "~/modules/orders/orders.server";
import { counterReceipt } from "~/modules/outlet/sales.server";
import { configureMidtransBaseUrls, midtransProvider, resetMidtransBaseUrls, type MidtransProvider } from "~/modules/payments/midtrans.server";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives, setStock, variantOf } from "../support/catalog-fixture";
import { FakeMidtrans } from "../support/fake-midtrans";

let database: TestDatabase;
let a: string;
let cashier: string;
let midtrans: FakeMidtrans;
let gateway: PaymentGateway;
const keysA = { serverKey: "SB-Mid-server-outletA0000000000", clientKey: "SB-Mid-client-outletA000000000", production: false };

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a } = await seedTwoCooperatives(database));
  const [user] = await database.sql<{ id: string }[]>`insert into users (email, name) values ('kasir-qris@a.test', 'Kasir') returning id`;
  cashier = user!.id;
  midtrans = new FakeMidtrans([keysA]);
  await midtrans.start();
  configureMidtransBaseUrls({ snap: midtrans.snapBaseUrl, core: midtrans.coreBaseUrl });
  const accounts: Record<string, ProviderAccount[]> = { [a]: [{ provider: "midtrans", ...keysA }] };
  const source: AccountSource = { account: async (_db, cooperativeId, provider) => accounts[cooperativeId]?.find((account) => account.provider === provider) ?? null };
  gateway = new PaymentGateway(source);
});
afterAll(async () => {
  resetMidtransBaseUrls();
  await midtrans?.stop();
  await database.close();
});

function sellByQris(variantId: string, quantity: number, provider: MidtransProvider | null) {
  return sellAtOutlet(database.db, {
    cooperativeId: a,
    staffUserId: cashier,
    locale: "id",
    zone: WIB,
    items: [{ variantId, quantity }],
    payment: { method: "qris_midtrans", midtrans: provider },
  });
}

describe("a Midtrans QRIS at the counter", () => {
  it("charges a QRIS for the exact amount, holds the stock, and completes the sale when the notification is applied", async () => {
    const chips = await variantOf(database, a, "keripik-singkong-balado");
    await setStock(database, chips.id, 10);
    const sold = await sellByQris(chips.id, 3, await gateway.midtrans(database.db, a));
    if (!sold.ok) throw new Error(sold.error);
    expect(sold).toMatchObject({ status: "pending_payment", total: 54_000, change: null });
    expect((await variantOf(database, a, "keripik-singkong-balado")).stock).toBe(7);

    const reference = `${sold.number}-1`;
    const charged = midtrans.transaction(reference);
    expect(charged.request).toMatchObject({ payment_type: "qris", transaction_details: { order_id: reference, gross_amount: 54_000 } });
    expect(charged.request.item_details).toEqual([{ id: expect.any(String), name: "Keripik Singkong Balado", price: 18_000, quantity: 3 }]);
    const receipt = await counterReceipt(database.db, a, sold.orderId);
    expect(receipt!.sale.qrString).toMatch(/^000201/);
    const [waiting] = await paymentsOfOrder(database.db, a, sold.orderId);
    expect(waiting).toMatchObject({ provider: "midtrans", status: "pending", providerPaymentId: charged.transactionId });

    midtrans.settle(reference);
    const answer = await gateway.receiveMidtrans(database.db, JSON.stringify(midtrans.notificationFor(reference)), new Headers({ "content-type": "application/json" }));
    expect(answer.status).toBe(200);
    await applyPendingEvents(database.db, gateway.appliers());

    const { order } = (await getOrder(database.db, a, sold.orderId))!;
    expect(order).toMatchObject({ channel: "outlet", status: "completed" });
    const [paid] = await paymentsOfOrder(database.db, a, sold.orderId);
    expect(paid).toMatchObject({ status: "paid", method: "qris" });
    const [mail] = await database.sql<{ n: number }[]>`select count(*)::int as n from outbox_emails where text_body like ${`%${sold.number}%`}`;
    expect(mail!.n).toBe(0);
  });

  it("calls the sale off and gives the stock back when Midtrans refuses the charge", async () => {
    const chips = await variantOf(database, a, "keripik-singkong-balado");
    await setStock(database, chips.id, 10);
    const wrongKeys = midtransProvider({ serverKey: "SB-Mid-server-unknown000000000", clientKey: "SB-Mid-client-unknown00000000", production: false });
    const sold = await sellByQris(chips.id, 2, wrongKeys);
    expect(sold).toEqual({ ok: false, error: "provider_failed" });
    expect((await variantOf(database, a, "keripik-singkong-balado")).stock).toBe(10);
    const [cancelled] = await database.sql<{ status: string }[]>`
      select status from orders where cooperative_id = ${a} and channel = 'outlet' order by created_at desc limit 1`;
    expect(cancelled!.status).toBe("cancelled");
  });
});
