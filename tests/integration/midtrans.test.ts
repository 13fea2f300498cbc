import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  configureMidtransBaseUrls,
  MidtransApiError,
  midtransProvider,
  resetMidtransBaseUrls,
  type MidtransNotification,
  type MidtransProvider,
} from "~/modules/payments/midtrans.server";
import type { StartPaymentInput } from "~/modules/payments/provider";
import { FakeMidtrans, signatureOf } from "../support/fake-midtrans";
import { closeNow, listenLocally } from "../support/local-server";

const keys = { serverKey: "SB-Mid-server-Etalase_TEST-1a2b3c", clientKey: "SB-Mid-client-Etalase_TEST", production: false };
const finishUrl = "http://koperasi.test/pesanan/BNR-26-000123/selesai?bahasa=id";

let fake: FakeMidtrans;
let receiver: NotificationReceiver;
let midtrans: MidtransProvider;
let referenceCount = 0;

beforeAll(async () => {
  receiver = await startNotificationReceiver();
  fake = new FakeMidtrans({ ...keys, notificationUrl: receiver.url });
  await fake.start();
  configureMidtransBaseUrls({ snap: fake.snapBaseUrl, core: fake.coreBaseUrl });
  midtrans = midtransProvider(keys);
});

afterAll(async () => {
  resetMidtransBaseUrls();
  await fake?.stop();
  await receiver?.stop();
});

function nextReference(): string {
  referenceCount += 1;
  return `BNR-26-000123-${referenceCount}`;
}

function payment(overrides: Partial<StartPaymentInput> = {}): StartPaymentInput {
  return {
    reference: nextReference(),
    orderNumber: "BNR-26-000123",
    amount: 150000,
    items: [
      { id: "KOPI-GAYO-250", name: "Kopi Arabika Gayo 250 g", unitPrice: 65000, quantity: 2 },
      { id: "shipping", name: "Ongkos kirim JNE REG", unitPrice: 20000, quantity: 1 },
    ],
    customer: { name: "Siti Rahayu", email: "siti@example.id", phone: "+6281234567890" },
    expiresAt: new Date(Date.now() + 60 * 60_000),
    finishUrl,
    cancelUrl: "http://koperasi.test/keranjang",
    locale: "id",
    ...overrides,
  };
}

function verified(body: unknown): MidtransNotification {
  const result = midtrans.verifyNotification(body);
  if (!result.ok) throw new Error(`expected a verified notification, got ${result.error}`);
  return result.notification;
}

describe("Midtrans through the real SDK, against the fake", () => {
  it("creates a Snap transaction whose items add up, with the server key as Basic auth user", async () => {
    const now = new Date("2026-11-23T07:05:00.000Z");
    const clocked = midtransProvider(keys, { now: () => now });
    const input = payment({ expiresAt: new Date("2026-11-23T09:05:00.000Z") });

    const started = await clocked.startPayment(input);

    const transaction = fake.transaction(input.reference);
    expect(started).toEqual({
      redirectUrl: `${fake.url}/snap/v4/redirection/${transaction.token}`,
      providerPaymentId: transaction.token,
    });
    expect(fake.requests.at(-1)).toMatchObject({ method: "POST", path: "/snap/v1/transactions", status: 201, serverKey: keys.serverKey });
    expect(transaction.request).toEqual({
      transaction_details: { order_id: input.reference, gross_amount: 150000 },
      item_details: [
        { id: "KOPI-GAYO-250", price: 65000, quantity: 2, name: "Kopi Arabika Gayo 250 g" },
        { id: "shipping", price: 20000, quantity: 1, name: "Ongkos kirim JNE REG" },
      ],
      customer_details: { first_name: "Siti Rahayu", email: "siti@example.id", phone: "+6281234567890" },
      expiry: { start_time: "2026-11-23 14:05:00 +0700", unit: "minute", duration: 120 },
      callbacks: { finish: finishUrl },
    });
    expect(transaction.expiryTime).toEqual(new Date("2026-11-23T09:05:00.000Z"));
  });

  it("rejects items that do not add up before any HTTP call", async () => {
    const requestsBefore = fake.requests.length;
    await expect(midtrans.startPayment(payment({ amount: 160000 }))).rejects.toThrow(/add up to 150000, not to the amount 160000/);
    expect(fake.requests).toHaveLength(requestsBefore);
  });

  it("is refused with a wrong server key, without repeating the key", async () => {
    const wrongKey = "SB-Mid-server-NOT_OURS";
    const stranger = midtransProvider({ ...keys, serverKey: wrongKey });
    const input = payment();

    const error = await stranger.startPayment(input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MidtransApiError);
    expect(error).toMatchObject({ httpStatus: 401, messages: [expect.stringMatching(/Access denied/) as unknown, expect.any(String) as unknown] });
    expect(String((error as Error).message)).not.toContain(wrongKey);
    expect(JSON.stringify(error)).not.toContain(wrongKey);
    expect(fake.requests.at(-1)).toMatchObject({ status: 401, serverKey: wrongKey });
    expect(fake.transactions.some((transaction) => transaction.orderId === input.reference)).toBe(false);

    // A refused key is an error, never "no such transaction".
    await expect(stranger.status(input.reference)).rejects.toMatchObject({ httpStatus: 401 });
  });

  it("refuses a reference used before", async () => {
    const input = payment();
    await midtrans.startPayment(input);
    const error = await midtrans.startPayment(input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MidtransApiError);
    expect(error).toMatchObject({ httpStatus: 400, messages: ["transaction_details.order_id sudah digunakan"] });
    expect(fake.transactions.filter((transaction) => transaction.orderId === input.reference)).toHaveLength(1);
  });

  it("confirm() applies the status the API answers, even when the body lies about it", async () => {
    const input = payment();
    await midtrans.startPayment(input);
    const transaction = fake.setStatus(input.reference, "pending", "accept");
    const lying = fake.notificationFor(input.reference, { transaction_status: "settlement" });

    const notification = verified(lying);
    expect(notification.transaction_status).toBe("settlement");
    const confirmed = await midtrans.confirm(notification);

    expect(confirmed).toEqual({
      ok: true,
      observation: {
        reference: input.reference,
        status: "pending",
        amount: 150000,
        providerTransactionId: transaction.transactionId,
        method: "bank_transfer",
        occurredAt: expect.any(Date) as unknown,
      },
    });
    // The SDK looked the payment up by the notification's transaction id.
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: `/v2/${transaction.transactionId}/status`, status: 200, serverKey: keys.serverKey });
  });

  it("confirm() refuses a signed body whose amount differs from the API's", async () => {
    const input = payment();
    await midtrans.startPayment(input);
    fake.settle(input.reference);
    const cheaper = verified(fake.notificationFor(input.reference, { gross_amount: "1000.00" }));
    expect(await midtrans.confirm(cheaper)).toEqual({ ok: false, error: "mismatch" });
  });

  it("confirm() refuses a body that points at another order's transaction", async () => {
    const [mine, theirs] = [payment(), payment()];
    await midtrans.startPayment(mine);
    await midtrans.startPayment(theirs);
    fake.setStatus(mine.reference, "pending", "accept");
    const settled = fake.settle(theirs.reference);
    // transaction_id is outside the signature: swap in one that settled.
    const swapped = verified(fake.notificationFor(mine.reference, { transaction_id: settled.transactionId, transaction_status: "settlement" }));
    expect(await midtrans.confirm(swapped)).toEqual({ ok: false, error: "mismatch" });
  });

  it("confirm() says not_found when Midtrans does not know the transaction", async () => {
    const fields = { order_id: "BNR-26-000999-1", status_code: "200", gross_amount: "150000.00" };
    const unknown = verified({
      ...fields,
      transaction_id: "00000000-0000-4000-8000-000000000000",
      transaction_status: "settlement",
      signature_key: signatureOf(fields, keys.serverKey),
    });
    expect(await midtrans.confirm(unknown)).toEqual({ ok: false, error: "not_found" });
  });

  it("status() is null for an unknown reference and for a Snap page nobody paid from, then follows the payment", async () => {
    expect(await midtrans.status("BNR-26-000999-9")).toBeNull();
    expect(fake.requests.at(-1)).toMatchObject({ path: "/v2/BNR-26-000999-9/status", status: 404 });

    const paid = payment();
    await midtrans.startPayment(paid);
    expect(await midtrans.status(paid.reference)).toBeNull();
    const transaction = fake.settle(paid.reference, { paymentType: "gopay" });
    expect(await midtrans.status(paid.reference)).toEqual({
      reference: paid.reference,
      status: "paid",
      amount: 150000,
      providerTransactionId: transaction.transactionId,
      method: "gopay",
      occurredAt: new Date(Math.floor(transaction.settlementTime!.getTime() / 1000) * 1000),
    });

    const abandoned = payment();
    await midtrans.startPayment(abandoned);
    fake.setStatus(abandoned.reference, "pending", "accept");
    fake.expire(abandoned.reference);
    expect(await midtrans.status(abandoned.reference)).toMatchObject({ reference: abandoned.reference, status: "expired" });
  });

  it("status() reports a card held for review, and an amount Midtrans changed", async () => {
    const input = payment();
    await midtrans.startPayment(input);
    fake.setStatus(input.reference, "capture", "challenge");
    expect(await midtrans.status(input.reference)).toMatchObject({ status: "held", amount: 150000 });
    fake.settle(input.reference, { paymentType: "credit_card", grossAmount: 140000 });
    expect(await midtrans.status(input.reference)).toMatchObject({ status: "paid", amount: 140000, method: "credit_card" });
  });

  it("the payment page settles, posts a signed notification and sends the shopper to finish", async () => {
    const input = payment();
    const started = await midtrans.startPayment(input);

    const pageHtml = await (await fetch(started.redirectUrl)).text();
    expect(pageHtml).toContain("Rp150.000");
    for (const label of ["Pay with QRIS", "Pay by virtual account (pending)", "Cancel"]) expect(pageHtml).toContain(label);
    expect(pageHtml).not.toContain("<script");

    const received = receiver.count;
    const response = await fetch(started.redirectUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "choice=qris",
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("http://koperasi.test/pesanan/BNR-26-000123/selesai");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      bahasa: "id",
      order_id: input.reference,
      status_code: "200",
      transaction_status: "settlement",
    });

    const delivery = await receiver.nth(received + 1);
    expect(delivery.contentType).toBe("application/json");
    const notification = verified(delivery.body);
    expect(notification).toMatchObject({ order_id: input.reference, transaction_status: "settlement", status_code: "200", gross_amount: "150000.00", payment_type: "qris" });
    expect(await midtrans.confirm(notification)).toMatchObject({ ok: true, observation: { reference: input.reference, status: "paid", amount: 150000, method: "qris" } });
    expect(fake.notifications.at(-1)).toMatchObject({ url: receiver.url, status: 200 });

    const afterPayment = await fetch(started.redirectUrl, { method: "POST", body: new URLSearchParams({ choice: "qris" }), redirect: "manual" });
    expect(afterPayment.status).toBe(409);
  });

  it("a virtual account payment is pending first, and the same notification sent again keeps its event id", async () => {
    const input = payment();
    const started = await midtrans.startPayment(input);
    const received = receiver.count;

    const response = await fetch(started.redirectUrl, { method: "POST", body: new URLSearchParams({ choice: "bank_transfer" }), redirect: "manual" });
    expect(new URL(response.headers.get("location")!).searchParams.get("transaction_status")).toBe("pending");
    const pending = verified((await receiver.nth(received + 1)).body);
    expect(await midtrans.confirm(pending)).toMatchObject({ ok: true, observation: { status: "pending", method: "bank_transfer" } });

    await fake.sendNotification(input.reference);
    const repeated = verified((await receiver.nth(received + 2)).body);
    expect(midtrans.eventId(repeated)).toBe(midtrans.eventId(pending));

    fake.settle(input.reference);
    await fake.sendNotification(input.reference);
    const settled = verified((await receiver.nth(received + 3)).body);
    expect(midtrans.eventId(settled)).not.toBe(midtrans.eventId(pending));
    expect(await midtrans.confirm(settled)).toMatchObject({ ok: true, observation: { status: "paid", method: "bank_transfer" } });
  });

  it("cancelling on the payment page fails the payment", async () => {
    const input = payment();
    const started = await midtrans.startPayment(input);
    const received = receiver.count;
    const response = await fetch(started.redirectUrl, { method: "POST", body: new URLSearchParams({ choice: "cancel" }), redirect: "manual" });
    expect(Object.fromEntries(new URL(response.headers.get("location")!).searchParams)).toMatchObject({ status_code: "202", transaction_status: "cancel" });
    const cancelled = verified((await receiver.nth(received + 1)).body);
    expect(await midtrans.confirm(cancelled)).toMatchObject({ ok: true, observation: { status: "failed" } });
  });

  it("a notification the fake forges or leaves unsigned does not verify", async () => {
    const input = payment();
    await midtrans.startPayment(input);
    fake.settle(input.reference);
    const forged = fake.notificationFor(input.reference, {}, { signWith: "SB-Mid-server-forger" });
    const unsigned = fake.notificationFor(input.reference, {}, { signWith: null });
    expect(midtrans.verifyNotification(forged)).toEqual({ ok: false, error: "bad_signature" });
    expect(midtrans.verifyNotification(unsigned)).toEqual({ ok: false, error: "bad_signature" });
    expect(midtrans.verifyNotification(fake.notificationFor(input.reference))).toMatchObject({ ok: true });
  });
});

interface ReceivedNotification {
  contentType: string | undefined;
  body: unknown;
}

interface NotificationReceiver {
  url: string;
  /** How many notifications arrived so far. */
  readonly count: number;
  /** The n-th notification (1-based), once it has arrived. */
  nth(n: number): Promise<ReceivedNotification>;
  stop(): Promise<void>;
}

/** A merchant's notification URL: keeps what arrives and answers 200. */
async function startNotificationReceiver(): Promise<NotificationReceiver> {
  const received: ReceivedNotification[] = [];
  let wakeUp: (() => void)[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ contentType: request.headers["content-type"], body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown });
      response.writeHead(200, { "content-type": "text/plain" }).end("OK");
      const waiting = wakeUp;
      wakeUp = [];
      for (const wake of waiting) wake();
    });
  });
  await listenLocally(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/midtrans`,
    get count() {
      return received.length;
    },
    async nth(n) {
      while (received.length < n) await new Promise<void>((resolve) => wakeUp.push(resolve));
      return received[n - 1]!;
    },
    stop: () => closeNow(server),
  };
}
