/** At or below this, shoppers are told how many are left. */
export const LOW_STOCK = 5;

/**
 * What a shopper is shown of a stock: the count while it is low (0 to LOW_STOCK), otherwise just "plenty"
 * (LOW_STOCK + 1). A page then changes only when stock sells out, turns low or moves while low, which is exactly
 * when the page cache is told to forget it (decision 25); a sale out of plenty changes no page.
 */
export function shownStock(stock: number): number {
  return stock > LOW_STOCK ? LOW_STOCK + 1 : Math.max(0, stock);
}
