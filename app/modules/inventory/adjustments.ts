/** Why a member changes a variant's stock by hand (sales and reservations change it on their own). */
export const adjustmentReasons = ["received", "damaged", "correction"] as const;
export type AdjustmentReason = (typeof adjustmentReasons)[number];

/**
 * The change a member's adjustment makes to stock, from the quantity as typed: what was received adds and what
 * was damaged removes, whichever sign was typed; a correction goes the way it was typed.
 */
export function signedDelta(reason: AdjustmentReason, quantity: number): number {
  switch (reason) {
    case "received":
      return Math.abs(quantity);
    case "damaged":
      return -Math.abs(quantity);
    case "correction":
      return quantity;
  }
}
