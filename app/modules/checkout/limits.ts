/** The most of one variant a cart line may hold. */
export const MAX_LINE_QUANTITY = 999;
