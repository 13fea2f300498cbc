/**
 * A percentage as people type it ("10", "7,5", "7.25") in basis points (1000 = 10%), exactly: no floats
 * touch the rate a fee is computed from. Null when it is not a percentage from 0 to 100 with at most two
 * decimals.
 */
export function percentToBasisPoints(input: string): number | null {
  const match = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(input);
  if (!match) return null;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return basisPoints <= 10_000 ? basisPoints : null;
}

/** 750 → "7,5" (or "7.5" in English): what the settings form shows. */
export function basisPointsToPercent(basisPoints: number, decimalSeparator: "," | "." = ","): string {
  const whole = Math.floor(basisPoints / 100);
  const fraction = String(basisPoints % 100).padStart(2, "0").replace(/0+$/, "");
  return fraction ? `${whole}${decimalSeparator}${fraction}` : String(whole);
}
