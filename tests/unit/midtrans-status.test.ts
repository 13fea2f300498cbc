import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  formatMidtransTime,
  mapMidtransStatus,
  midtransProvider,
  parseMidtransAmount,
  parseMidtransTime,
  snapTransactionFor,
} from "~/modules/payments/midtrans.server";
import type { StartPaymentInput } from "~/modules/payments/provider";

const serverKey = "SB-Mid-server-unit_TEST_key";
const provider = midtransProvider({ serverKey, clientKey: "SB-Mid-client-unit", production: false });

/** Signed here, independently of the adapter: sha512(order_id + status_code + gross_amount + server key). */
function sign(fields: { order_id: string; status_code: string; gross_amount: string }, key = serverKey): string {
  return createHash("sha512").update(fields.order_id + fields.status_code + fields.gross_amount + key).digest("hex");
}

function notification(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const fields = {
    transaction_time: "2026-11-23 14:05:00",
    transaction_status: "settlement",
    transaction_id: "513f1f01-c9da-474c-9fc9-d5c64364b709",
    status_message: "midtrans payment notification",
    status_code: "200",
    settlement_time: "2026-11-23 14:06:10",
    payment_type: "qris",
    order_id: "BNR-26-000123-1",
    merchant_id: "G141532850",
    gross_amount: "150000.00",
    fraud_status: "accept",
    currency: "IDR",
    ...overrides,
  } as Record<string, unknown> & { order_id: string; status_code: string; gross_amount: string };
  return { ...fields, signature_key: sign(fields) };
}

describe("mapMidtransStatus", () => {
  it.each([
    ["settlement", "accept", "paid"],
    ["settlement", undefined, "paid"],
    ["capture", "accept", "paid"],
    ["capture", "challenge", "held"],
    ["capture", undefined, "held"],
    ["capture", "deny", "failed"],
    ["pending", "accept", "pending"],
    ["pending", undefined, "pending"],
    ["deny", "deny", "failed"],
    ["cancel", undefined, "failed"],
    ["failure", undefined, "failed"],
    ["expire", undefined, "expired"],
    ["refund", "accept", "refunded"],
    ["partial_refund", "accept", "partially_refunded"],
  ] as const)("%s with fraud status %s is %s", (transactionStatus, fraudStatus, expected) => {
    expect(mapMidtransStatus(transactionStatus, fraudStatus)).toBe(expected);
  });

  it("knows nothing of statuses Snap payments do not reach here", () => {
    for (const status of ["authorize", "chargeback", "partial_chargeback", "", "SETTLEMENT"]) {
      expect(mapMidtransStatus(status, "accept"), status).toBeNull();
    }
  });
});

describe("parseMidtransAmount", () => {
  it("reads whole rupiah as Midtrans writes them", () => {
    expect(parseMidtransAmount("150000.00")).toBe(150000);
    expect(parseMidtransAmount("150000")).toBe(150000);
    expect(parseMidtransAmount("1.0")).toBe(1);
    expect(parseMidtransAmount("0.00")).toBe(0);
  });

  it("refuses fractions and anything that is not a plain amount", () => {
    for (const bad of ["150000.50", "150000.01", "-150000.00", "1e5", " 150000.00", "150000.", ".00", "", "Rp150000", "1234567890123456"]) {
      expect(parseMidtransAmount(bad), bad).toBeNull();
    }
  });
});

describe("verifyNotification", () => {
  it("accepts a notification signed with the server key and keeps only the fields it knows", () => {
    const body = notification();
    const result = provider.verifyNotification(body);
    expect(result).toEqual({
      ok: true,
      notification: {
        transaction_id: "513f1f01-c9da-474c-9fc9-d5c64364b709",
        order_id: "BNR-26-000123-1",
        transaction_status: "settlement",
        status_code: "200",
        gross_amount: "150000.00",
        signature_key: body.signature_key,
        fraud_status: "accept",
        payment_type: "qris",
        transaction_time: "2026-11-23 14:05:00",
        settlement_time: "2026-11-23 14:06:10",
        currency: "IDR",
      },
    });
  });

  it("reads the raw JSON text as well as a parsed body", () => {
    expect(provider.verifyNotification(JSON.stringify(notification())).ok).toBe(true);
    expect(provider.verifyNotification("{not json")).toEqual({ ok: false, error: "malformed" });
  });

  it("refuses a forged, unsigned or tampered notification", () => {
    const forged = { ...notification(), signature_key: sign(notification() as never, "SB-Mid-server-someone_else") };
    const { signature_key: _signature, ...unsigned } = notification();
    const tamperedAmount = { ...notification(), gross_amount: "1500000.00" };
    const tamperedOrder = { ...notification(), order_id: "BNR-26-000999-1" };
    const uppercase = { ...notification(), signature_key: String(notification().signature_key).toUpperCase() };
    for (const [name, body] of Object.entries({ forged, unsigned, tamperedAmount, tamperedOrder, uppercase })) {
      expect(provider.verifyNotification(body), name).toEqual({ ok: false, error: "bad_signature" });
    }
    expect(provider.verifyNotification({ ...notification(), signature_key: "" })).toEqual({ ok: false, error: "bad_signature" });
    expect(provider.verifyNotification({ ...notification(), signature_key: null })).toEqual({ ok: false, error: "bad_signature" });
  });

  it("checks with the provider's own server key", () => {
    const other = midtransProvider({ serverKey: "SB-Mid-server-other", clientKey: "SB-Mid-client-other", production: false });
    expect(other.verifyNotification(notification())).toEqual({ ok: false, error: "bad_signature" });
  });

  it("cannot tell a changed transaction_status: it is outside the signature, so confirm() asks the API", () => {
    const lying = { ...notification({ transaction_status: "pending", status_code: "200" }), transaction_status: "settlement" };
    const result = provider.verifyNotification(lying);
    expect(result.ok && result.notification.transaction_status).toBe("settlement");
  });

  it("calls malformed what is not a Midtrans notification", () => {
    const { order_id: _order, ...withoutOrder } = notification();
    for (const [name, body] of Object.entries({
      nothing: undefined,
      null: null,
      array: [notification()],
      number: 42,
      withoutOrder,
      numericAmount: { ...notification(), gross_amount: 150000 },
      emptyStatus: notification({ transaction_status: "" }),
      pathInTransactionId: notification({ transaction_id: "../../v2/other/status" }),
    })) {
      expect(provider.verifyNotification(body), name).toEqual({ ok: false, error: "malformed" });
    }
  });

  it("refuses a correctly signed amount that is not whole rupiah as malformed", () => {
    expect(provider.verifyNotification(notification({ gross_amount: "150000.50" }))).toEqual({ ok: false, error: "malformed" });
  });

  it("treats missing or null optional fields as absent", () => {
    const result = provider.verifyNotification(notification({ fraud_status: null, settlement_time: undefined, payment_type: "" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.notification.fraud_status).toBeUndefined();
    expect(result.notification.settlement_time).toBeUndefined();
    expect(result.notification.payment_type).toBeUndefined();
  });
});

describe("eventId", () => {
  it("is the same for the same notification sent again, differs when the transaction moves, and uses signed fields only", () => {
    const first = provider.verifyNotification(notification({ transaction_status: "pending", status_code: "201" }));
    const again = provider.verifyNotification(notification({ transaction_status: "pending", status_code: "201" }));
    const settled = provider.verifyNotification(notification());
    if (!first.ok || !again.ok || !settled.ok) throw new Error("expected verified notifications");
    expect(provider.eventId(again.notification)).toBe(provider.eventId(first.notification));
    expect(provider.eventId(settled.notification)).not.toBe(provider.eventId(first.notification));
    const relabelled = { ...first.notification, transaction_status: "expire", transaction_id: "another" };
    expect(provider.eventId(relabelled)).toBe(provider.eventId(first.notification));
  });
});

describe("Midtrans times", () => {
  it("writes Jakarta time with its offset and reads Midtrans's offset-less times as Jakarta time", () => {
    expect(formatMidtransTime(new Date("2026-11-23T07:05:09.999Z"))).toBe("2026-11-23 14:05:09 +0700");
    expect(formatMidtransTime(new Date("2026-12-31T20:00:00Z"))).toBe("2027-01-01 03:00:00 +0700");
    expect(parseMidtransTime("2026-11-23 14:05:09")).toEqual(new Date("2026-11-23T07:05:09Z"));
    expect(parseMidtransTime("2026-11-23T14:05:09Z")).toBeNull();
    expect(parseMidtransTime(undefined)).toBeNull();
  });
});

describe("snapTransactionFor", () => {
  const now = new Date("2026-11-23T07:05:00.400Z");
  const input = (overrides: Partial<StartPaymentInput> = {}): StartPaymentInput => ({
    reference: "BNR-26-000123-1",
    orderNumber: "BNR-26-000123",
    amount: 150000,
    items: [
      { id: "KOPI-GAYO-250", name: "Kopi Arabika Gayo 250 g", unitPrice: 65000, quantity: 2 },
      { id: "shipping", name: "Ongkos kirim JNE REG", unitPrice: 20000, quantity: 1 },
    ],
    customer: { name: "Siti Rahayu", email: "siti@example.id", phone: "+6281234567890" },
    expiresAt: new Date("2026-11-23T08:05:00.000Z"),
    finishUrl: "https://koperasi.example/pesanan/BNR-26-000123/selesai",
    cancelUrl: "https://koperasi.example/keranjang",
    locale: "id",
    ...overrides,
  });

  it("builds the Snap body Midtrans expects", () => {
    expect(snapTransactionFor(input(), now)).toEqual({
      transaction_details: { order_id: "BNR-26-000123-1", gross_amount: 150000 },
      item_details: [
        { id: "KOPI-GAYO-250", price: 65000, quantity: 2, name: "Kopi Arabika Gayo 250 g" },
        { id: "shipping", price: 20000, quantity: 1, name: "Ongkos kirim JNE REG" },
      ],
      customer_details: { first_name: "Siti Rahayu", email: "siti@example.id", phone: "+6281234567890" },
      expiry: { start_time: "2026-11-23 14:05:00 +0700", unit: "minute", duration: 60 },
      callbacks: { finish: "https://koperasi.example/pesanan/BNR-26-000123/selesai" },
    });
  });

  it("ends Midtrans's window no later than ours: whole minutes, rounded down", () => {
    const expiry = snapTransactionFor(input({ expiresAt: new Date("2026-11-23T07:35:59.000Z") }), now).expiry;
    expect(expiry).toEqual({ start_time: "2026-11-23 14:05:00 +0700", unit: "minute", duration: 30 });
    expect(() => snapTransactionFor(input({ expiresAt: new Date("2026-11-23T07:05:59.000Z") }), now)).toThrow(/less than a minute/);
    expect(() => snapTransactionFor(input({ expiresAt: new Date("2026-11-23T07:00:00.000Z") }), now)).toThrow(/less than a minute/);
  });

  it("cuts item names and ids to 50 characters without splitting a character", () => {
    const start = "Tenun ikat Sumba, pewarna alami".padEnd(49, " ");
    const name = `${start}🧵 motif kuda`; // the 50th character is two UTF-16 units
    const id = "X".repeat(60);
    const [item] = snapTransactionFor(input({ amount: 1000, items: [{ id, name, unitPrice: 1000, quantity: 1 }] }), now).item_details!;
    expect(item!.name).toBe(`${start}🧵`);
    expect(item!.id).toBe("X".repeat(50));
  });

  it("refuses items that do not add up to the amount, and amounts that are not whole rupiah", () => {
    expect(() => snapTransactionFor(input({ amount: 160000 }), now)).toThrow(/add up to 150000, not to the amount 160000/);
    expect(() => snapTransactionFor(input({ amount: 0, items: [] }), now)).toThrow(/above zero/);
    expect(() => snapTransactionFor(input({ amount: 1000.5, items: [{ id: "a", name: "A", unitPrice: 1000.5, quantity: 1 }] }), now)).toThrow(/whole rupiah/);
    expect(() => snapTransactionFor(input({ amount: 1000, items: [{ id: "a", name: "A", unitPrice: 2000, quantity: 0.5 }] }), now)).toThrow(/Quantity/);
  });

  it("refuses a reference Midtrans would not take as an order id", () => {
    expect(() => snapTransactionFor(input({ reference: "B".repeat(51) }), now)).toThrow(/not a valid Midtrans order id/);
    expect(() => snapTransactionFor(input({ reference: "BNR 26/123" }), now)).toThrow(/not a valid Midtrans order id/);
    expect(snapTransactionFor(input({ reference: "B".repeat(50) }), now).transaction_details.order_id).toHaveLength(50);
  });
});
