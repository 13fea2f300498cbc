import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkReturnWindow, planReturn, returnRefunded } from "~/modules/orders/returns";

const day = 86_400_000;
const delivered = new Date("2026-12-01T03:00:00Z");

describe("the return window", () => {
  it("opens at delivery or pickup and closes after the cooperative's days", () => {
    expect(checkReturnWindow({ status: "paid", deliveredAt: null }, 7, delivered)).toEqual({ ok: false, error: "not_delivered" });
    expect(checkReturnWindow({ status: "delivered", deliveredAt: delivered }, 7, new Date(delivered.getTime() + 7 * day))).toMatchObject({ ok: true });
    expect(checkReturnWindow({ status: "completed", deliveredAt: delivered }, 7, new Date(delivered.getTime() + 7 * day + 1))).toEqual({ ok: false, error: "window_closed" });
    expect(checkReturnWindow({ status: "delivered", deliveredAt: delivered }, 0, delivered)).toEqual({ ok: false, error: "window_closed" });
    expect(checkReturnWindow({ status: "refunded", deliveredAt: delivered }, 7, delivered)).toEqual({ ok: false, error: "ended" });
  });
});

describe("planning a return", () => {
  const lines = [
    { id: "a", quantity: 3, takenQuantity: 1 },
    { id: "b", quantity: 1, takenQuantity: 0 },
  ];

  it("never asks for more than is left of a line, nor for a line of another order", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2, max: 6 }), fc.integer({ min: -2, max: 3 }), (qa, qb) => {
        const plan = planReturn(lines, { a: qa, b: qb });
        const fits = qa >= 0 && qa <= 2 && qb >= 0 && qb <= 1;
        if (!fits) expect(plan).toEqual({ ok: false, error: "too_many" });
        else if (qa === 0 && qb === 0) expect(plan).toEqual({ ok: false, error: "nothing_chosen" });
        else expect(plan.ok).toBe(true);
      }),
    );
    expect(planReturn(lines, { z: 1 })).toEqual({ ok: false, error: "too_many" });
    expect(planReturn(lines, { a: 1.5 })).toEqual({ ok: false, error: "too_many" });
  });

  it("counts an accepted request as refunded once a refund after the acceptance gives back one of its lines", () => {
    const request = { status: "accepted" as const, decidedAt: delivered, lines: [{ orderLineId: "a" }] };
    expect(returnRefunded(request, [{ status: "succeeded", createdAt: new Date(delivered.getTime() - 1000), lines: [{ orderLineId: "a" }] }])).toBe(false);
    expect(returnRefunded(request, [{ status: "failed", createdAt: new Date(delivered.getTime() + 1000), lines: [{ orderLineId: "a" }] }])).toBe(false);
    expect(returnRefunded(request, [{ status: "pending", createdAt: new Date(delivered.getTime() + 1000), lines: [{ orderLineId: "b" }] }])).toBe(false);
    expect(returnRefunded(request, [{ status: "pending", createdAt: new Date(delivered.getTime() + 1000), lines: [{ orderLineId: "a" }] }])).toBe(true);
    expect(returnRefunded({ ...request, status: "requested" }, [{ status: "pending", createdAt: new Date(delivered.getTime() + 1000), lines: [{ orderLineId: "a" }] }])).toBe(false);
  });
});
