import { SCROLL_POSITIONS_KEY } from "./scroll-restoration";

/**
 * Set by the inline script when this page made its history entry (a link followed, an address typed): nothing can be
 * saved for an entry that did not exist, so the page reads nothing from sessionStorage as it starts. The router reads
 * the flag in two patched places: react-router-dom's `useScrollRestoration` (the scroll positions) and
 * @remix-run/router's `initialize` (the view transitions applied), see patches/ and decision 53.
 */
export const FRESH_ENTRY_FLAG = "__etalaseFreshHistoryEntry";

function restoreScroll(storageKey: string, freshEntryFlag: string) {
  const state = window.history.state as { key?: string } | null;
  if (!state?.key) {
    // With the index the router would give the entry (`idx: 0`), so it need not write the entry a second time.
    window.history.replaceState({ key: Math.random().toString(32).slice(2), idx: 0 }, "");
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

/** The inline script that restores a page's scroll position before its first paint (not in the shop's JavaScript). */
export const restoreScrollSource = `(${restoreScroll.toString()})(${JSON.stringify(SCROLL_POSITIONS_KEY)}, ${JSON.stringify(FRESH_ENTRY_FLAG)})`;
