/** What makes a new SKU unique in practice: the time in base 36, upper case (SKUs are unique per cooperative). */
export function skuStamp(now: number = Date.now()): string {
  return now.toString(36).toUpperCase();
}
