/** The shop's own pages (decision 30): which there are and where each lives (shared with pages, so not server-only). */
export const shopPageKinds = ["about", "returns", "pickup"] as const;
export type ShopPageKind = (typeof shopPageKinds)[number];

/** Where each page lives in the shop. */
export const shopPagePaths: Record<ShopPageKind, string> = { about: "/tentang", returns: "/returns", pickup: "/ambil" };
