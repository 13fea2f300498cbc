const rupiahFormat = new Intl.NumberFormat("id-ID", {
  style: "currency",
  currency: "IDR",
  maximumFractionDigits: 0,
  minimumFractionDigits: 0,
});

/** `Rp 25.000`: integer rupiah, Indonesian grouping, no decimals, whatever the shopper's language. */
export function formatRupiah(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Not an integer rupiah amount: ${amount}`);
  // Intl puts a no-break space after "Rp"; a plain space copies and wraps predictably.
  return rupiahFormat.format(amount).replace(/\u00a0/g, " ");
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
