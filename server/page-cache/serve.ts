import type express from "express";
import { localeOf } from "~/lib/i18n/locale.server";
import { SESSION_COOKIE_NAME } from "~/lib/session-cookie.server";
import { cachedPage, pageKey, pageTags, type CachedPage, type PageCache } from "./page-cache";

/** What the HTTP edge needs to serve shop pages from a cache. */
export interface ShopPages {
  cache: PageCache;
  /** The cooperative whose shop this host is, or undefined (then nothing is cached). */
  cooperativeOf: (host: string) => Promise<string | undefined>;
  /** Whether the session in these cookies belongs to someone who works in this cooperative's back office. */
  worksHere: (cookieHeader: string, cooperativeId: string) => Promise<boolean>;
  /** The Content-Security-Policy of a page whose inline scripts are allowed by these hashes. */
  policyFor: (scriptHashes: readonly string[]) => string;
  /** The gzip a kept page is served with (deflated once, so at the strongest level). */
  gzip?: (body: Buffer) => Buffer;
}

const SESSION_COOKIE = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE_NAME}=`);

/**
 * Serves a shop page from the cache, or renders it and keeps it when it may be shared (decision 25):
 * - only GET and HEAD of pages and of their data for client-side navigations (`.data`), at a host that is a
 *   cooperative's shop;
 * - staff, members and operators signed in here bypass the cache both ways: they may see more, and they see their
 *   own changes at once (who someone is, a database read, is asked only when a kept page would be served);
 * - a page is kept only when rendered for a GET by a visitor without a session, answered 200 as `public` HTML without
 *   cookies; anyone else (a signed-in shopper included) is served that same page and learns their name after load;
 * - a kept page answers `If-None-Match` with 304, gzip to whoever takes it, and its own script-hash CSP.
 * Returns false when the request is not the cache's to answer (the caller renders as usual).
 */
export async function serveShopPage(req: express.Request, res: express.Response, pages: ShopPages, render: () => Promise<Response>, send: (response: Response) => Promise<void>): Promise<boolean> {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const cooperativeId = await pages.cooperativeOf(req.headers.host ?? "");
  if (!cooperativeId) return false;
  const cookies = req.headers.cookie ?? "";
  const signedIn = SESSION_COOKIE.test(cookies);
  const queryAt = req.originalUrl.indexOf("?");
  const search = queryAt === -1 ? "" : req.originalUrl.slice(queryAt);
  const locale = localeOf(new URLSearchParams(search).get("lang"), cookies || null, req.headers["accept-language"] ?? null);
  const key = pageKey(cooperativeId, locale, req.path, search);
  const cached = pages.cache.get(key);
  if (cached && !(signedIn && (await pages.worksHere(cookies, cooperativeId)))) {
    sendCached(req, res, pages, cached, "hit");
    return true;
  }
  // Rendered for someone signed in: theirs alone, never kept.
  if (signedIn) res.setHeader("X-Page-Cache", "bypass");
  const renderedAt = pages.cache.generation(cooperativeId);
  const response = await render();
  if (signedIn || req.method !== "GET" || !shareable(response)) {
    await send(response);
    return true;
  }
  const page = cachedPage({ cooperativeId, headers: response.headers, body: Buffer.from(await response.arrayBuffer()), tags: pageTags(pagePath(req.path)), gzip: pages.gzip });
  pages.cache.put(key, page, renderedAt);
  sendCached(req, res, pages, page, "miss");
  return true;
}

/** The page a request shows: `/p/kopi.data` is the data of `/p/kopi`, `/_root.data` that of the home page. */
export function pagePath(requestPath: string): string {
  if (!requestPath.endsWith(".data")) return requestPath;
  const page = requestPath.slice(0, -".data".length);
  return page === "/_root" ? "/" : page;
}

/** HTML pages, and the turbo-stream data Remix's single fetch asks for when a shopper navigates in the browser. */
const shareableTypes = /^text\/(html|x-script)\b/;

function shareable(response: Response): boolean {
  return (
    response.status === 200 &&
    /^public\b/.test(response.headers.get("Cache-Control") ?? "") &&
    !response.headers.has("Set-Cookie") &&
    shareableTypes.test(response.headers.get("Content-Type") ?? "")
  );
}

function sendCached(req: express.Request, res: express.Response, pages: ShopPages, page: CachedPage, outcome: "hit" | "miss") {
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader("Content-Security-Policy", pages.policyFor(page.scriptHashes));
  res.setHeader("ETag", page.etag);
  res.setHeader("X-Page-Cache", outcome);
  res.vary("Accept-Encoding");
  if (req.headers["if-none-match"]?.split(/\s*,\s*/).includes(page.etag)) {
    res.status(304).end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? page.gzipped : page.body;
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.status(200);
  if (req.method === "HEAD") res.end();
  else res.end(body);
}
