import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { COOPERATIVE_CACHE_MS } from "~/modules/tenancy/cooperative.server";
import { shopPagePaths } from "~/modules/tenancy/shop-pages";

/**
 * A rendered shop page kept for everyone who asks the same thing: the body once as is and once gzipped, its own
 * validator, and the hashes of its inline scripts (a cached page cannot carry a per-response CSP nonce, so its
 * policy names those scripts by hash instead; decision 25).
 */
export interface CachedPage {
  status: 200;
  headers: [string, string][];
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  scriptHashes: string[];
  /** What the page shows, in the change notices' words (see pageTags). */
  tags: string[];
  cooperativeId: string;
}

/** Headers a cached page keeps; everything else (CSP, cookies, dates) belongs to one response. */
const keptHeaders = new Set(["content-type", "cache-control", "vary", "content-language", "link", "x-robots-tag", "x-remix-response"]);

export function cachedPage(input: { cooperativeId: string; headers: Headers; body: Buffer; tags: string[]; gzip?: (body: Buffer) => Buffer }): CachedPage {
  const headers: [string, string][] = [];
  input.headers.forEach((value, name) => {
    if (keptHeaders.has(name)) headers.push([name, value]);
  });
  return {
    status: 200,
    headers,
    body: input.body,
    gzipped: input.gzip ? input.gzip(input.body) : gzipSync(input.body, { level: 9 }),
    etag: `"${createHash("sha256").update(input.body).digest("base64url").slice(0, 27)}"`,
    scriptHashes: inlineScriptHashes(input.body.toString("utf8")),
    tags: input.tags,
    cooperativeId: input.cooperativeId,
  };
}

/** `'sha256-…'` of each inline script's text, exactly as a browser hashes it for CSP. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(match[1]!)) continue;
    const text = match[2]!;
    if (text.length === 0) continue;
    hashes.add(`'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/** The shop's own pages (decision 30) by path, each told apart when a manager edits it. */
const shopPageAt = new Map(Object.entries(shopPagePaths).map(([kind, path]) => [path, kind]));

/**
 * What a shop page shows, as tags the database's change notices use: every cached page shows products a shopper
 * may see and the cooperative's settings (`listings`: the header, lists, a product page's related products), and a
 * product page also its own variants' stock (`product:<slug>`), which can change without changing any list. The
 * home page shows the featured products (`home`); the shop's own pages their text (`shop-page:<kind>`).
 */
export function pageTags(pathname: string): string[] {
  const product = /^\/p\/([a-z0-9-]+)$/.exec(pathname);
  if (product) return ["listings", `product:${product[1]}`];
  if (pathname === "/") return ["listings", "home"];
  const shopPage = shopPageAt.get(pathname);
  return shopPage ? ["listings", `shop-page:${shopPage}`] : ["listings"];
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

/**
 * The shop pages of this app process, bounded in bytes (least recently used go first) and forgotten by tag when
 * Postgres says what changed. Keys are built by `pageKey`; tags are scoped to a cooperative.
 */
export class PageCache {
  private readonly pages: LRUCache<string, CachedPage>;
  private readonly byTag = new Map<string, Set<string>>();
  /** Bumped by every change notice: a page rendered before one is not stored after it (it may show the old data). */
  private readonly generations = new Map<string, number>();
  /**
   * Until when a cooperative's pages are not kept, after a change to its own row (its settings, say): another app process
   * may hold the cooperative's row from before the change for `COOPERATIVE_CACHE_MS` (its host cache), and a page it
   * rendered from that row meanwhile would be kept as current. Rendered, not kept, they show the change within that time.
   */
  private readonly settlingUntil = new Map<string, number>();
  private clears = 0;
  private counts = { hits: 0, misses: 0, evictions: 0 };

  private readonly settleMs: number;
  private readonly now: () => number;

  /** `settleMs`: how long no page of a cooperative is kept after a change to its own row (tests set it, and the clock). */
  constructor(maxBytes: number, options: { settleMs?: number; now?: () => number } = {}) {
    this.settleMs = options.settleMs ?? COOPERATIVE_CACHE_MS;
    this.now = options.now ?? Date.now;
    this.pages = new LRUCache<string, CachedPage>({
      maxSize: maxBytes,
      sizeCalculation: (page) => page.body.length + page.gzipped.length + 512,
      dispose: (page, key) => this.unindex(page, key),
    });
  }

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page) this.counts.hits++;
    else this.counts.misses++;
    return page;
  }

  /** Take before rendering a page that may be stored; `put` refuses it if a change was noticed meanwhile. */
  generation(cooperativeId: string): string {
    return `${this.clears}.${this.generations.get(cooperativeId) ?? 0}`;
  }

  put(key: string, page: CachedPage, renderedAt: string): boolean {
    if (renderedAt !== this.generation(page.cooperativeId)) return false;
    const settling = this.settlingUntil.get(page.cooperativeId);
    if (settling !== undefined) {
      if (settling > this.now()) return false;
      this.settlingUntil.delete(page.cooperativeId);
    }
    this.pages.set(key, page);
    if (!this.pages.has(key)) return false;
    for (const tag of page.tags) {
      const scoped = `${page.cooperativeId} ${tag}`;
      let keys = this.byTag.get(scoped);
      if (!keys) this.byTag.set(scoped, (keys = new Set()));
      keys.add(key);
    }
    return true;
  }

  /** The cooperative's own row or hosts changed: every page of it is forgotten, and none is kept for a while. */
  cooperativeChanged(cooperativeId: string): number {
    this.settlingUntil.set(cooperativeId, this.now() + this.settleMs);
    return this.forget(cooperativeId, ["listings"]);
  }

  /** Forgets every page of the cooperative that shows any of these tags. */
  forget(cooperativeId: string, tags: readonly string[]): number {
    this.generations.set(cooperativeId, (this.generations.get(cooperativeId) ?? 0) + 1);
    let forgotten = 0;
    for (const tag of tags) {
      for (const key of [...(this.byTag.get(`${cooperativeId} ${tag}`) ?? [])]) {
        if (this.pages.delete(key)) forgotten++;
      }
    }
    this.counts.evictions += forgotten;
    return forgotten;
  }

  clear(): void {
    this.clears++;
    this.counts.evictions += this.pages.size;
    this.pages.clear();
    this.byTag.clear();
  }

  stats(): PageCacheStats {
    return { entries: this.pages.size, bytes: this.pages.calculatedSize, ...this.counts };
  }

  private unindex(page: CachedPage, key: string): void {
    for (const tag of page.tags) {
      const scoped = `${page.cooperativeId} ${tag}`;
      const keys = this.byTag.get(scoped);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(scoped);
    }
  }
}

/**
 * The cache key of a shop page: cooperative, language, path and the query with its parameters in a fixed order
 * (so `?a=1&b=2` and `?b=2&a=1` are one page). The language is part of it because the page is rendered in it.
 */
export function pageKey(cooperativeId: string, locale: string, pathname: string, search: string): string {
  const params = [...new URLSearchParams(search)].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  const query = new URLSearchParams(params).toString();
  return `${cooperativeId} ${locale} ${pathname}${query ? `?${query}` : ""}`;
}
