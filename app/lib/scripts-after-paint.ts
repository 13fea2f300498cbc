/**
 * A shopper's browsing pages work before they hydrate (links are links, forms post), so their scripts wait
 * until the page has painted with its photos (decision 42): on a phone over a weak connection the photo a
 * shopper came for does not share the bandwidth or the processor with the code that makes the page lively.
 *
 * The server writes Remix's module script and its module preloads inert (an unknown script type, an unknown
 * link relation) and the page carries a small loader that, after the load event and the next frame, adds
 * live copies of them to a holder React leaves alone. The page's elements stay as React rendered them, so
 * hydration matches.
 */

import type { DictionaryPart } from "./i18n/dictionaries";

export const INERT_MODULE_TYPE = "text/x-etalase-module";
export const INERT_PRELOAD_REL = "x-etalase-modulepreload";
export const LATE_SCRIPTS_HOLDER_ID = "etalase-late-scripts";
export const LATE_SCRIPTS_LOADER_ID = "etalase-late-scripts-loader";

/** Whether a page is one of a shopper's browsing pages, from its dictionary parts: it needs only the shop's words. */
export function paintsBeforeScripts(parts: readonly DictionaryPart[]): boolean {
  return parts.length === 1 && parts[0] === "shop";
}
