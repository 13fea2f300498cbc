import { createContext } from "react";
import { UNSAFE_useScrollRestoration as useScrollRestoration } from "react-router-dom";
import { SCROLL_POSITIONS_KEY } from "~/lib/scroll-restoration";
import { useServerScriptSource } from "./server-script-source";

/** The inline script's source, given by the server's render (entry.server.tsx): it is not in the shop's JavaScript. */
export const RestoreScrollSourceContext = createContext<string | undefined>(undefined);

const SCRIPT_ID = "etalase-restore-scroll";

/**
 * Remix's `<ScrollRestoration>` but for one thing: the first read of sessionStorage costs a phone 13–28 ms of its
 * main thread, before the page's first paint, and on a page opened from a link there is nothing to read. So the
 * inline script (lib/scroll-restoration.server.ts) reads the saved positions only for an entry that has a key already
 * (back, forward, reload), and marks a new one; the router does the same as it hydrates, and when the page is hidden
 * it adds what it saved to what was there rather than replacing it (decision 53). In the browser the script's text is
 * taken back from the page, so hydration finds what the server wrote.
 */
export function ScrollRestoration({ nonce }: { nonce?: string }) {
  useScrollRestoration({ storageKey: SCROLL_POSITIONS_KEY });
  const source = useServerScriptSource(RestoreScrollSourceContext, SCRIPT_ID);
  return <script id={SCRIPT_ID} nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: source }} />;
}
