/** Where the router keeps scroll positions in sessionStorage: the key Remix's own `<ScrollRestoration>` uses, so what pages saved before is still found. */
export const SCROLL_POSITIONS_KEY = "positions";
