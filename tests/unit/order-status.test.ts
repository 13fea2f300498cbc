import { describe, expect, it } from "vitest";
import { checkCancel, checkStep, orderMayMove, type FulfilmentState } from "~/modules/orders/status";
import { planRefund, statusAfterRefunds } from "~/modules/orders/refund-plan";

const paid: FulfilmentState = { status: "paid", deliveryMethod: "courier", packedAt: null, shippedAt: null, deliveredAt: null };
const now = new Date();

describe("the order state machine", () => {
  it("allows the life of an order and refuses moves backwards or out of an end", () => {
    expect(orderMayMove("pending_payment", "paid")).toBe(true);
    expect(orderMayMove("paid", "processing")).toBe(true);
    expect(orderMayMove("shipped", "delivered")).toBe(true);
    expect(orderMayMove("delivered", "completed")).toBe(true);
    expect(orderMayMove("cancelled", "refunded")).toBe(true);
    expect(orderMayMove("shipped", "cancelled")).toBe(false);
    expect(orderMayMove("paid", "pending_payment")).toBe(false);
    expect(orderMayMove("expired", "paid")).toBe(false);
    expect(orderMayMove("refunded", "partially_refunded")).toBe(false);
  });

  it("packs, ships, delivers once each, in order", () => {
    expect(checkStep(paid, "packed")).toEqual({ ok: true, status: "processing" });
    expect(checkStep({ ...paid, packedAt: now }, "packed")).toEqual({ ok: false, error: "already_done" });
    expect(checkStep(paid, "delivered")).toEqual({ ok: false, error: "not_shipped" });
    expect(checkStep({ ...paid, status: "processing", packedAt: now }, "shipped")).toEqual({ ok: true, status: "shipped" });
    expect(checkStep({ ...paid, status: "shipped", shippedAt: now }, "shipped")).toEqual({ ok: false, error: "already_done" });
    expect(checkStep({ ...paid, status: "shipped", shippedAt: now }, "delivered")).toEqual({ ok: true, status: "delivered" });
    expect(checkStep({ ...paid, status: "pending_payment" }, "packed")).toEqual({ ok: false, error: "not_paid" });
    expect(checkStep({ ...paid, status: "cancelled" }, "shipped")).toEqual({ ok: false, error: "ended" });
  });

  it("picked up is for outlet pickups only, and a partly refunded order keeps its status while it is fulfilled", () => {
    expect(checkStep(paid, "picked_up")).toEqual({ ok: false, error: "wrong_delivery" });
    expect(checkStep({ ...paid, deliveryMethod: "pickup" }, "picked_up")).toEqual({ ok: true, status: "delivered" });
    expect(checkStep({ ...paid, deliveryMethod: "pickup" }, "shipped")).toEqual({ ok: false, error: "wrong_delivery" });
    expect(checkStep({ ...paid, status: "partially_refunded" }, "shipped")).toEqual({ ok: true, status: "partially_refunded" });
  });

  it("cancels only before shipping", () => {
    expect(checkCancel(paid)).toEqual({ ok: true });
    expect(checkCancel({ ...paid, status: "pending_payment" })).toEqual({ ok: true });
    expect(checkCancel({ ...paid, status: "shipped", shippedAt: now })).toEqual({ ok: false, error: "already_shipped" });
    expect(checkCancel({ ...paid, deliveryMethod: "pickup", status: "delivered", deliveredAt: now })).toEqual({ ok: false, error: "already_shipped" });
    expect(checkCancel({ ...paid, status: "expired" })).toEqual({ ok: false, error: "ended" });
  });
});

describe("refund plans", () => {
  const lines = [
    { id: "a", unitPrice: 18_000, quantity: 3, refundedQuantity: 1 },
    { id: "b", unitPrice: 45_000, quantity: 1, refundedQuantity: 0 },
  ];
  it("refunds at the sold price, never more than left per line, shipping or paid", () => {
    const plan = planRefund(lines, { shipping: 0, total: 18_000 }, { shipping: 15_000, paid: 114_000 }, { lines: { a: 2, b: 1 }, shipping: 15_000 });
    expect(plan).toEqual({ ok: true, plan: { lines: [{ orderLineId: "a", quantity: 2, amount: 36_000 }, { orderLineId: "b", quantity: 1, amount: 45_000 }], shippingAmount: 15_000, amount: 96_000 } });
    expect(planRefund(lines, { shipping: 0, total: 18_000 }, { shipping: 15_000, paid: 114_000 }, { lines: { a: 3 }, shipping: 0 })).toEqual({ ok: false, error: "too_many" });
    expect(planRefund(lines, { shipping: 10_000, total: 10_000 }, { shipping: 15_000, paid: 114_000 }, { lines: {}, shipping: 5_001 })).toEqual({ ok: false, error: "too_much_shipping" });
    expect(planRefund(lines, { shipping: 0, total: 0 }, { shipping: 15_000, paid: 114_000 }, { lines: { a: -1 }, shipping: 0 })).toEqual({ ok: false, error: "too_many" });
    expect(planRefund(lines, { shipping: 0, total: 100_000 }, { shipping: 15_000, paid: 114_000 }, { lines: { b: 1 }, shipping: 0 })).toEqual({ ok: false, error: "more_than_paid" });
    expect(statusAfterRefunds(114_000, 114_000)).toBe("refunded");
    expect(statusAfterRefunds(114_000, 18_000)).toBe("partially_refunded");
  });
});
