import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustmentReasons, signedDelta } from "~/modules/inventory/adjustments";

describe("the sign of a member's stock adjustment", () => {
  it("adds what was received and removes what was damaged, whichever sign was typed", () => {
    expect(signedDelta("received", 12)).toBe(12);
    expect(signedDelta("received", -12)).toBe(12);
    expect(signedDelta("damaged", 2)).toBe(-2);
    expect(signedDelta("damaged", -2)).toBe(-2);
  });

  it("takes a correction as typed, up or down", () => {
    expect(signedDelta("correction", 3)).toBe(3);
    expect(signedDelta("correction", -3)).toBe(-3);
  });

  it("never changes the size of the change, only its sign", () => {
    fc.assert(
      fc.property(fc.constantFrom(...adjustmentReasons), fc.integer({ min: -100_000, max: 100_000 }), (reason, quantity) => {
        expect(Math.abs(signedDelta(reason, quantity))).toBe(Math.abs(quantity));
      }),
    );
  });
});
