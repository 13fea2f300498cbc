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
