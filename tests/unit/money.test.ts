import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, BASIS_POINTS, feeOf, rupiah, sumRupiah } from "~/lib/money";

const amounts = fc.integer({ min: 0, max: 5_000_000_000 }).map(rupiah);
const rates = fc.integer({ min: 0, max: BASIS_POINTS });

describe("rupiah", () => {
  it("is a whole, safe number or refused", () => {
    expect(rupiah(25_000)).toBe(25_000);
    for (const bad of [0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) expect(() => rupiah(bad)).toThrow(RangeError);
    expect(() => sumRupiah([rupiah(Number.MAX_SAFE_INTEGER), rupiah(2)])).toThrow(RangeError);
  });
});

describe("feeOf", () => {
  it("rounds once, half up, to whole rupiah", () => {
    expect(feeOf(rupiah(25_000), 750)).toBe(1_875);
    expect(feeOf(rupiah(15_000), 1_000)).toBe(1_500);
    expect(feeOf(rupiah(1_005), 1_000)).toBe(101); // 100.5 rounds up
    expect(feeOf(rupiah(1_004), 1_000)).toBe(100); // 100.4 rounds down
    expect(feeOf(rupiah(3), 5_000)).toBe(2); // 1.5 rounds up
    expect(feeOf(rupiah(0), 1_000)).toBe(0);
    expect(feeOf(rupiah(-1_005), 1_000)).toBe(-101); // a reversal mirrors its entry
    expect(() => feeOf(rupiah(100), 10_001)).toThrow(RangeError);
    expect(() => feeOf(rupiah(100), 7.5)).toThrow(RangeError);
  });

  it("property: fee and share add up to the amount, the fee within half a rupiah of the exact rate", () => {
    fc.assert(
      fc.property(amounts, rates, (amount, bp) => {
        const fee = feeOf(amount, bp);
        const share = amount - fee;
        expect(Number.isSafeInteger(fee)).toBe(true);
        expect(fee + share).toBe(amount);
        expect(fee).toBeGreaterThanOrEqual(0);
        expect(fee).toBeLessThanOrEqual(amount);
        // |fee - amount*bp/10000| <= 1/2, checked in integers: |fee*10000 - amount*bp| <= 5000
        const error = BigInt(fee) * BigInt(BASIS_POINTS) - BigInt(amount) * BigInt(bp);
        expect(error <= 5_000n && error >= -5_000n).toBe(true);
      }),
    );
  });

  it("property: a higher rate never takes a smaller fee", () => {
    fc.assert(
      fc.property(amounts, rates, rates, (amount, a, b) => {
        expect(feeOf(amount, Math.min(a, b))).toBeLessThanOrEqual(feeOf(amount, Math.max(a, b)));
      }),
    );
  });
});

describe("allocate", () => {
  it("splits by the largest remainder, ties to the earlier part", () => {
    expect(allocate(rupiah(100), [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(rupiah(10_000), [25_000, 15_000])).toEqual([6_250, 3_750]);
    expect(allocate(rupiah(5), [1, 0, 1])).toEqual([3, 0, 2]);
    expect(allocate(rupiah(-100), [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(() => allocate(rupiah(10), [])).toThrow(RangeError);
    expect(() => allocate(rupiah(10), [0, 0])).toThrow(RangeError);
    expect(() => allocate(rupiah(10), [1, -1])).toThrow(RangeError);
  });

  it("property: parts add up to the total exactly and each is within one rupiah of its exact share", () => {
    const weights = fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0));
    fc.assert(
      fc.property(amounts, weights, (total, w) => {
        const parts = allocate(total, w);
        expect(parts).toHaveLength(w.length);
        expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total);
        const weightSum = w.reduce((sum, x) => sum + BigInt(x), 0n);
        parts.forEach((part, index) => {
          expect(part).toBeGreaterThanOrEqual(0);
          if (w[index] === 0) expect(part).toBe(0);
          // part*sum - total*weight lies in [0, sum): the floor, or one above it.
          const scaled = BigInt(part) * weightSum - BigInt(total) * BigInt(w[index]!);
          expect(scaled > -weightSum && scaled < weightSum).toBe(true);
        });
      }),
    );
  });

  it("property: fees per line, then shares, add up to the order: the money rule of DESIGN.md", () => {
    const line = fc.record({ price: fc.integer({ min: 1, max: 2_000_000 }), quantity: fc.integer({ min: 1, max: 50 }), bp: rates });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
        const totals = lines.map((l) => rupiah(l.price * l.quantity));
        const fees = lines.map((l, i) => feeOf(totals[i]!, l.bp));
        const shares = totals.map((total, i) => rupiah(total - fees[i]!));
        expect(sumRupiah(fees) + sumRupiah(shares)).toBe(sumRupiah(totals));
      }),
    );
  });
});
