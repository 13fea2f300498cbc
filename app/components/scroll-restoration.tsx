import { UNSAFE_useScrollRestoration as useScrollRestoration } from "react-router-dom";

/** Where the router keeps scroll positions in sessionStorage: the key Remix's own `<ScrollRestoration>` uses. */
export const SCROLL_POSITIONS_KEY = "positions";

/**
 * Set by the inline script when this page made its history entry (a link followed, an address typed): nothing can be
 * saved for an entry that did not exist, so the page reads nothing from sessionStorage as it starts. The router reads
 * the flag in two patched places: react-router-dom's `useScrollRestoration` (the scroll positions) and
 * @remix-run/router's `initialize` (the view transitions applied), see patches/.
 */
export const FRESH_ENTRY_FLAG = "__etalaseFreshHistoryEntry";

/**
 * Remix's `<ScrollRestoration>` but for one thing: the first read of sessionStorage costs a phone 13–28 ms of its
 * main thread, before the page's first paint, and on a page opened from a link there is nothing to read. So the
 * inline script reads the saved positions only for an entry that has a key already (back, forward, reload), and
 * marks a new one; the router does the same as it hydrates, and when the page is hidden it adds what it saved to
 * what was there rather than replacing it (decision 53).
 */
export function ScrollRestoration({ nonce }: { nonce?: string }) {
  useScrollRestoration({ storageKey: SCROLL_POSITIONS_KEY });
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: restoreScrollSource }} />;
}

function restoreScroll(storageKey: string, freshEntryFlag: string) {
  const state = window.history.state as { key?: string } | null;
  if (!state?.key) {
    window.history.replaceState({ key: Math.random().toString(32).slice(2) }, "");
    (window as unknown as Record<string, boolean>)[freshEntryFlag] = true;
    return;
  }
  try {
    const positions = JSON.parse(sessionStorage.getItem(storageKey) || "{}") as Record<string, unknown>;
    const y = positions[state.key];
    if (typeof y === "number") window.scrollTo(0, y);
  } catch (error) {
    console.error(error);
    sessionStorage.removeItem(storageKey);
  }
}

const restoreScrollSource = `(${restoreScroll.toString()})(${JSON.stringify(SCROLL_POSITIONS_KEY)}, ${JSON.stringify(FRESH_ENTRY_FLAG)})`;
