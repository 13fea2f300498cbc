import { formatQuantity } from "./i18n/core";

/**
 * `Rp 25.000`: integer rupiah, Indonesian grouping, no decimals, whatever the shopper's language; `-Rp 25.000` below
 * zero. What `Intl.NumberFormat("id-ID", IDR)` writes (with a plain space after "Rp", which copies and wraps
 * predictably), written out by hand: a browser's first `Intl.NumberFormat` loads its number data, some 25 ms on the
 * main thread of a phone's page start (decision 45), and a shop page needs no other.
 */
export function formatRupiah(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Not an integer rupiah amount: ${amount}`);
  return `${amount < 0 ? "-" : ""}Rp ${formatQuantity("id", Math.abs(amount))}`;
}

/**
 * A whole-rupiah amount as people type it: "21000", "21.000", "Rp 21.000", "21 000". Null for anything
 * else, including decimals ("21.000,50"), so a typo is refused rather than read as another amount.
 */
export function parseRupiah(input: string): number | null {
  if (typeof input !== "string") return null;
  const compact = input.trim().replace(/^rp\.?\s*/i, "").replace(/[\s\u00a0]/g, "");
  if (!/^(\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+|\d+)$/.test(compact)) return null;
  const amount = Number(compact.replace(/[.,]/g, ""));
  return Number.isSafeInteger(amount) ? amount : null;
}

declare const rupiahBrand: unique symbol;

/**
 * An amount of money in whole rupiah. Branded, so a count, a rate or a loose number cannot pass for money by
 * accident; make one with `rupiah(n)` (which refuses fractions and unsafe integers).
 */
export type Rupiah = number & { readonly [rupiahBrand]: true };

export function rupiah(amount: number): Rupiah {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Not a whole rupiah amount: ${amount}`);
  return amount as Rupiah;
}

/** The sum of amounts, still exact (throws past Number.MAX_SAFE_INTEGER rather than rounding). */
export function sumRupiah(amounts: readonly Rupiah[]): Rupiah {
  return rupiah(amounts.reduce((total, amount) => total + amount, 0));
}

/** Basis points: 1 bp = 0.01 %, so a fee of 7.5 % is 750. */
export const BASIS_POINTS = 10_000;

/**
 * The fee on an amount at a rate in basis points, rounded once, half up, to whole rupiah. Integer arithmetic
 * only (BigInt where the product could leave the safe range), so the result never depends on floating point.
 * The member's share is `amount - feeOf(amount, bp)`, so share and fee always add up to the amount.
 */
export function feeOf(amount: Rupiah, basisPoints: number): Rupiah {
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > BASIS_POINTS) {
    throw new RangeError(`A fee rate is 0 to ${BASIS_POINTS} basis points: ${basisPoints}`);
  }
  if (amount < 0) return rupiah(-feeOf(rupiah(-amount), basisPoints));
  const product = BigInt(amount) * BigInt(basisPoints);
  const scale = BigInt(BASIS_POINTS);
  return rupiah(Number((product + scale / 2n) / scale));
}

/**
 * Splits `total` into parts proportional to `weights` (non-negative integers, not all zero) by the largest
 * remainder method: each part is the floor of its exact share, and the rupiah left over go one each to the
 * parts with the largest remainders (ties to the earlier part). The parts always add up to `total` exactly;
 * used to share a refund or a provider's charge over order lines.
 */
export function allocate(total: Rupiah, weights: readonly number[]): Rupiah[] {
  if (weights.length === 0) throw new RangeError("allocate: no weights");
  if (weights.some((weight) => !Number.isSafeInteger(weight) || weight < 0)) throw new RangeError("allocate: weights are non-negative integers");
  const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (weightSum === 0n) throw new RangeError("allocate: the weights are all zero");
  if (total < 0) return allocate(rupiah(-total), weights).map((part) => rupiah(-part));
  const exact = weights.map((weight) => BigInt(total) * BigInt(weight));
  const parts = exact.map((value) => value / weightSum);
  let left = BigInt(total) - parts.reduce((sum, part) => sum + part, 0n);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value % weightSum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    parts[index]! += 1n;
    left -= 1n;
  }
  return parts.map((part) => rupiah(Number(part)));
}
