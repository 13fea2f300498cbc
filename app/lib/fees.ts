import { feeOf, rupiah, type Rupiah } from "./money";

/** The rates that may apply to a sale, in basis points; null where no override is set. */
export interface FeeRates {
  cooperative: number;
  category: number | null;
  member: number | null;
}

/**
 * The one fee rule (decision 32): a member business's own rate wins (a deal the cooperative made with that
 * business), then the category's, then the cooperative's default.
 */
export function effectiveFeeRateBp(rates: FeeRates): number {
  return rates.member ?? rates.category ?? rates.cooperative;
}

/** A sold line split once: the fee rounded to whole rupiah, the member's share the rest, so they add up exactly. */
export function splitLine(unitPrice: number, quantity: number, rateBp: number): { lineTotal: Rupiah; fee: Rupiah; memberShare: Rupiah } {
  const lineTotal = rupiah(unitPrice * quantity);
  const fee = feeOf(lineTotal, rateBp);
  return { lineTotal, fee, memberShare: rupiah(lineTotal - fee) };
}
