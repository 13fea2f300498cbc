import { gzipSync } from "node:zlib";
import { INERT_PRELOAD_REL } from "../app/lib/scripts-after-paint";

/** What a page makes a phone download of JavaScript: its modules and its dictionary script, raw and gzipped at level 9. */
export interface PageJavaScript {
  files: string[];
  raw: number;
  gzip: number;
}

/** Issue 13's budget for the product page's JavaScript, its dictionary script included. */
export const PRODUCT_PAGE_JAVASCRIPT_BUDGET_BYTES = 100 * 1024;

/**
 * The JavaScript `path` loads: the modules its HTML names (preloaded, imported by its inline
 * module, or named with the inert relation a browsing page uses until it has painted, decision 42) and its dictionary
 * scripts. `get` fetches a path's body (the bench uses `fetch`, the e2e tests their page's request context).
 */
export async function pageJavaScript(path: string, get: (path: string) => Promise<Buffer>): Promise<PageJavaScript> {
  const html = (await get(path)).toString("utf8");
  const sources = new Set<string>();
  for (const match of html.matchAll(new RegExp(`<link rel="(?:modulepreload|${INERT_PRELOAD_REL})" href="([^"]+)"`, "g"))) sources.add(match[1]!);
  for (const match of html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)) sources.add(match[1]!);
  for (const match of html.matchAll(/<script[^>]*\ssrc="(\/i18n\/[^"]+)"/g)) sources.add(match[1]!);
  for (const match of html.matchAll(/import\s*(?:\*\s*as\s*\w+\s*from\s*)?"(\/assets\/[^"]+\.js)"/g)) sources.add(match[1]!);
  let raw = 0;
  let gzip = 0;
  for (const source of sources) {
    const body = await get(source);
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: [...sources], raw, gzip };
}
