/** Limits of a listing that both the editor in the browser and the server's checks need (no zod here). */

/** Variants a product can have (flavours, sizes): each its own SKU, price and stock. */
export const MAX_VARIANTS = 8;

/** A price in whole rupiah. */
export const MIN_PRICE = 500;
export const MAX_PRICE = 100_000_000;
