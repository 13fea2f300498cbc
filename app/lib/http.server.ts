import { data } from "@remix-run/node";
import type { MessageKey } from "./i18n/core";

/**
 * A 4xx the error boundary renders in the shopper's language: routes throw it, never a bare Error,
 * for anything a shopper can cause.
 */
export function httpError(status: 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429, messageKey: MessageKey) {
  return data({ messageKey }, { status });
}

export function notFound() {
  return httpError(404, "error.notFound.body");
}

/** Public catalog pages: short browser cache, longer shared (CDN) cache, served stale while refreshing. */
export const publicPageCacheControl = "public, max-age=60, s-maxage=300, stale-while-revalidate=600";

export function publicPageHeaders(): HeadersInit {
  return { "Cache-Control": publicPageCacheControl, Vary: "Cookie, Accept-Language" };
}

/** A page opened by a secret link (an order's, an application's): never cached, never indexed, never sent on as a referrer. */
export const secretLinkPageHeaders = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" } as const;

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug from the URL, or a 404: nothing odd a shopper types reaches a query. */
export function requireSlug(value: string | undefined): string {
  if (!value || value.length > 120 || !slugPattern.test(value)) throw notFound();
  return value;
}
