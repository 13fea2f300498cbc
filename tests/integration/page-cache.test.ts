import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connect, type DatabaseConnection } from "~db/client";
import { createApp } from "../../server/app";
import { cachedPage, inlineScriptHashes, PageCache, pageKey, pageTags } from "../../server/page-cache/page-cache";
import { listenForPageChanges, type CacheListener } from "../../server/page-cache/invalidation";
import { pagePath } from "../../server/page-cache/serve";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { createTestDatabase, type TestDatabase } from "../support/database";

/**
 * The page cache against real Postgres: the triggers of migration page_cache_notify tell every listening process
 * what changed, and exactly the pages that show it are forgotten. The full HTTP path with real Remix pages is in
 * tests/e2e/page-cache.spec.ts.
 */
let database: TestDatabase;
let a: string;
let b: string;
let cache: PageCache;
let listener: CacheListener;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  // No settling after a cooperative's own change here (these tests change it often); its own test below has one.
  cache = new PageCache(8 * 1024 * 1024, { settleMs: 0 });
  listener = await listenForPageChanges(database.sql, cache);
});
afterAll(async () => {
  await listener.stop();
  await database.close();
});

/** Every kind of page of both cooperatives, as the edge would keep them. */
function fillCache(target = cache) {
  for (const cooperativeId of [a, b]) {
    for (const path of ["/", "/products", "/c/keripik", "/producers/dapur-bu-siti", "/p/keripik-pisang", "/p/abon-ikan-tongkol"]) {
      const page = cachedPage({ cooperativeId, headers: new Headers({ "Content-Type": "text/html" }), body: Buffer.from(`<p>${path}</p>`), tags: pageTags(path) });
      target.put(pageKey(cooperativeId, "id", path, ""), page, target.generation(cooperativeId));
    }
  }
}

function keptPaths(cooperativeId: string, target = cache) {
  return ["/", "/products", "/c/keripik", "/producers/dapur-bu-siti", "/p/keripik-pisang", "/p/abon-ikan-tongkol"].filter((path) =>
    target.get(pageKey(cooperativeId, "id", path, "")),
  );
}

const everyPage = ["/", "/products", "/c/keripik", "/producers/dapur-bu-siti", "/p/keripik-pisang", "/p/abon-ikan-tongkol"];

async function product(cooperativeId: string, slug: string) {
  const [row] = await database.sql<{ id: string; live_version_id: string; variant_id: string; stock: number }[]>`
    select p.id, p.live_version_id, v.id as variant_id, v.stock from products p join product_variants v on v.product_id = p.id
    where p.cooperative_id = ${cooperativeId} and p.slug = ${slug} order by v.sku limit 1`;
  return row!;
}

describe("what changes evict", () => {
  beforeEach(async () => {
    await listener.caughtUp();
    cache.clear();
    fillCache();
  });

  it("a product taken out of the shop (archived) evicts every page of its cooperative, and none of the other's", async () => {
    await database.sql`update products set archived_at = now() where cooperative_id = ${a} and slug = 'keripik-pisang'`;
    await listener.caughtUp();
    expect(keptPaths(a)).toEqual([]);
    expect(keptPaths(b)).toEqual(everyPage);
    await database.sql`update products set archived_at = null where cooperative_id = ${a} and slug = 'keripik-pisang'`;
  });

  it("a new live version (approval, a price change) evicts the cooperative's pages", async () => {
    const pisang = await product(a, "keripik-pisang");
    await database.sql`update products set live_version_id = null where id = ${pisang.id}`;
    await listener.caughtUp();
    expect(keptPaths(a)).toEqual([]);
    fillCache();
    await database.sql`update products set live_version_id = ${pisang.live_version_id} where id = ${pisang.id}`;
    await listener.caughtUp();
    expect(keptPaths(a)).toEqual([]);
    expect(keptPaths(b)).toEqual(everyPage);
  });

  it("stock selling out evicts; a sale that leaves plenty evicts nothing", async () => {
    const balado = await product(a, "keripik-singkong-balado");
    expect(balado.stock).toBe(20);
    await database.sql`update product_variants set stock = 12 where id = ${balado.variant_id}`;
    await listener.caughtUp();
    expect(keptPaths(a)).toEqual(everyPage);

    await database.sql`update product_variants set stock = 0 where id = ${balado.variant_id}`;
    await listener.caughtUp();
    expect(keptPaths(a)).toEqual([]);
    expect(keptPaths(b)).toEqual(everyPage);
    await database.sql`update product_variants set stock = 20 where id = ${balado.variant_id}`;
  });

  it("stock moving while low evicts (the page says how many are left)", async () => {
    const abon = await product(a, "abon-ikan-tongkol");
    await database.sql`update product_variants set stock = 4 where id = ${abon.variant_id}`;
    await listener.caughtUp();
    expect(keptPaths(a)).toEqual([]);
    await database.sql`update product_variants set stock = ${abon.stock} where id = ${abon.variant_id}`;
  });

  it("the cooperative's settings and a producer's profile evict its pages; a draft and another cooperative's change do not", async () => {
    await database.sql`update cooperatives set tagline_id = 'Baru' where id = ${a}`;
    await listener.caughtUp();
    expect(keptPaths(a)).toEqual([]);
    expect(keptPaths(b)).toEqual(everyPage);

    fillCache();
    await database.sql`update members set business_name = 'Dapur Bu Siti Baru' where cooperative_id = ${a} and slug = 'dapur-bu-siti'`;
    await listener.caughtUp();
    expect(keptPaths(a)).toEqual([]);

    fillCache();
    // A draft: a version that is not live, edited.
    await database.sql`
      update product_versions set name_id = name_id || ' (draf)'
      where cooperative_id = ${a} and id not in (select live_version_id from products where live_version_id is not null)`;
    await database.sql`update cooperatives set tagline_id = 'Lain' where id = ${b}`;
    await listener.caughtUp();
    expect(keptPaths(a)).toEqual(everyPage);
  });

  it("reaches every process that listens: a second one with its own connection forgets too", async () => {
    const otherProcess: DatabaseConnection = connect(database.url, { max: 1 });
    const otherCache = new PageCache(1024 * 1024, { settleMs: 0 });
    const otherListener = await listenForPageChanges(otherProcess.sql, otherCache);
    try {
      fillCache(otherCache);
      await database.sql`update categories set name_en = 'Crisps' where cooperative_id = ${a} and slug = 'keripik'`;
      await listener.caughtUp();
      await otherListener.caughtUp();
      expect(keptPaths(a)).toEqual([]);
      expect(keptPaths(a, otherCache)).toEqual([]);
      expect(keptPaths(b, otherCache)).toEqual(everyPage);
    } finally {
      await otherListener.stop();
      await otherProcess.close();
    }
  });

  it("after a change to the cooperative's own row or hosts, keeps none of its pages until another process's host cache has expired", async () => {
    let now = 1_000_000;
    const otherProcess: DatabaseConnection = connect(database.url, { max: 1 });
    const settling = new PageCache(1024 * 1024, { settleMs: 5_000, now: () => now });
    const settlingListener = await listenForPageChanges(otherProcess.sql, settling);
    const keep = (cooperativeId: string, body: string) =>
      settling.put(
        pageKey(cooperativeId, "id", "/products", ""),
        cachedPage({ cooperativeId, headers: new Headers(), body: Buffer.from(body), tags: pageTags("/products") }),
        settling.generation(cooperativeId),
      );
    try {
      expect(keep(a, "before")).toBe(true);
      await database.sql`update cooperatives set tagline_id = 'Sore ini' where id = ${a}`;
      await settlingListener.caughtUp();
      // Rendered after the notice, perhaps from the row this process still remembered: shown, not kept.
      expect(settling.get(pageKey(a, "id", "/products", ""))).toBeUndefined();
      expect(keep(a, "maybe stale")).toBe(false);
      // Another cooperative, and a product's change, are no reason to wait.
      expect(keep(b, "b")).toBe(true);
      now += 5_001;
      expect(keep(a, "after")).toBe(true);

      await database.sql`insert into cooperative_hosts (cooperative_id, host) values (${a}, 'toko-baru.etalase.test')`;
      await settlingListener.caughtUp();
      expect(settling.get(pageKey(a, "id", "/products", ""))).toBeUndefined();
      expect(keep(a, "maybe stale")).toBe(false);
      await database.sql`delete from cooperative_hosts where host = 'toko-baru.etalase.test'`;
    } finally {
      await settlingListener.stop();
      await otherProcess.close();
    }
  });

  it("a page rendered before a change is not kept after it", async () => {
    const key = pageKey(a, "id", "/products", "");
    cache.clear();
    const renderedAt = cache.generation(a);
    await database.sql`update cooperatives set tagline_id = 'Sementara' where id = ${a}`;
    await listener.caughtUp();
    const stale = cachedPage({ cooperativeId: a, headers: new Headers(), body: Buffer.from("old"), tags: pageTags("/products") });
    expect(cache.put(key, stale, renderedAt)).toBe(false);
    expect(cache.get(key)).toBeUndefined();
  });
});

describe("the cache's own rules", () => {
  it("keys pages by cooperative, language, path and the query in a fixed order", () => {
    expect(pageKey("c", "id", "/products", "?sort=new&q=kopi")).toBe(pageKey("c", "id", "/products", "?q=kopi&sort=new"));
    expect(pageKey("c", "id", "/products", "")).not.toBe(pageKey("c", "en", "/products", ""));
    expect(pageKey("c", "id", "/products", "")).not.toBe(pageKey("d", "id", "/products", ""));
  });

  it("names each inline script by its hash and leaves scripts with a source alone", () => {
    const hashes = inlineScriptHashes(`<script nonce="x">window.a=1</script><script type="module" src="/a.js"></script><script>b()</script>`);
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(hashes).toEqual([hash("window.a=1"), hash("b()")]);
  });

  it("stays within its size, the least recently used going first", () => {
    const small = new PageCache(3 * 1024);
    for (let i = 0; i < 10; i++) {
      const page = cachedPage({ cooperativeId: a, headers: new Headers(), body: Buffer.alloc(400, i), tags: ["listings"] });
      small.put(`k${i}`, page, small.generation(a));
    }
    expect(small.stats().bytes).toBeLessThanOrEqual(3 * 1024);
    expect(small.get("k9")).toBeDefined();
    expect(small.get("k0")).toBeUndefined();
  });
});

describe("over HTTP", () => {
  let server: http.Server;
  let port: number;
  const pageCache = new PageCache(4 * 1024 * 1024, { settleMs: 0 });
  let httpListener: CacheListener;
  let renders = 0;

  /** Stands in for Remix: a product page read from the database, with an inline script as Remix writes them. */
  async function render(request: Request, context: AppLoadContext): Promise<Response> {
    renders++;
    const url = new URL(request.url);
    const data = url.pathname.endsWith(".data");
    const slug = url.pathname.replace(/^\/p\//, "").replace(/\.data$/, "");
    const [row] = await context.db.execute<{ name_id: string; tagline_id: string }>(sql`
      select pv.name_id, c.tagline_id from products p join product_versions pv on pv.id = p.live_version_id join cooperatives c on c.id = p.cooperative_id
      where p.slug = ${slug} and c.id = (select cooperative_id from cooperative_hosts where host = ${url.hostname})`);
    if (!row) return new Response("not found", { status: 404, headers: { "Content-Type": "text/html" } });
    const publicPage = !url.searchParams.has("private");
    if (data) {
      return new Response(JSON.stringify([row.name_id, row.tagline_id]), {
        headers: { "Content-Type": "text/x-script", "Cache-Control": publicPage ? "public, max-age=60" : "private, no-store", "X-Remix-Response": "yes" },
      });
    }
    return new Response(`<html><body><h1>${row.name_id}</h1><p>${row.tagline_id}</p><script nonce="${context.cspNonce}">window.ready=true</script></body></html>`, {
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": publicPage ? "public, max-age=60" : "private, no-store" },
    });
  }

  beforeAll(async () => {
    httpListener = await listenForPageChanges(database.sql, pageCache);
    const app = createApp({ build: {} as ServerBuild, handle: render, db: database.db, mediaRoot: database.mediaRoot, clientDirectory: database.mediaRoot, pageCache });
    server = await new Promise<http.Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await httpListener.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path, headers: { Host: "a.test", ...headers } }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
  }

  it("renders once, then serves the same page to everyone, gzipped, with a validator and a CSP naming its script", async () => {
    const first = await get("/p/keripik-pisang");
    expect(first.headers["x-page-cache"]).toBe("miss");
    const before = renders;
    const second = await get("/p/keripik-pisang", { "Accept-Encoding": "gzip", Cookie: "etalase_cart=abc" });
    expect(renders).toBe(before);
    expect(second.headers["x-page-cache"]).toBe("hit");
    expect(second.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(second.body).toString()).toBe(first.body.toString());
    const csp = String(second.headers["content-security-policy"]);
    expect(csp).toContain(inlineScriptHashes(first.body.toString())[0]);
    expect(csp).not.toContain("nonce-");

    const again = await get("/p/keripik-pisang", { "If-None-Match": String(second.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("shows a change on the next request once the database has told the cache", async () => {
    await get("/p/keripik-pisang");
    await database.sql`update cooperatives set tagline_id = 'Oleh-oleh segar hari ini' where id = ${a}`;
    await httpListener.caughtUp();
    const after = await get("/p/keripik-pisang");
    expect(after.headers["x-page-cache"]).toBe("miss");
    expect(after.body.toString()).toContain("Oleh-oleh segar hari ini");
  });

  it("keeps nothing private, nothing rendered for a session, and nothing that is not 200", async () => {
    const before = renders;
    await get("/p/keripik-pisang?private=1");
    await get("/p/keripik-pisang?private=1");
    expect(renders).toBe(before + 2);
    await get("/p/no-such-product");
    await get("/p/no-such-product");
    expect(renders).toBe(before + 4);
    // Someone signed in (here: a session cookie the app does not know) is served what is kept but never fills it.
    await get("/p/abon-ikan-tongkol", { Cookie: "etalase_session=unknown" });
    await get("/p/abon-ikan-tongkol", { Cookie: "etalase_session=unknown" });
    expect(renders).toBe(before + 6);
  });

  it("answers HEAD from what is kept but never keeps a HEAD's answer", async () => {
    const head = (path: string) =>
      new Promise<{ status: number; cache?: string }>((resolve, reject) => {
        http
          .request({ host: "127.0.0.1", port, path, method: "HEAD", headers: { Host: "a.test" } }, (response) => {
            response.resume();
            response.on("end", () => resolve({ status: response.statusCode ?? 0, cache: response.headers["x-page-cache"] as string | undefined }));
          })
          .on("error", reject)
          .end();
      });
    await head("/p/abon-ikan-tongkol?head=1");
    const after = await get("/p/abon-ikan-tongkol?head=1");
    expect(after.headers["x-page-cache"]).toBe("miss");
    expect(after.body.toString()).toContain("<h1>");
    expect((await head("/p/abon-ikan-tongkol?head=1")).cache).toBe("hit");
  });

  it("keeps a page's data for client-side navigations too, and forgets it with the page", async () => {
    const first = await get("/p/keripik-pisang.data?_routes=routes%2Fp.%24slug");
    expect(first.headers["x-page-cache"]).toBe("miss");
    const before = renders;
    const second = await get("/p/keripik-pisang.data?_routes=routes%2Fp.%24slug");
    expect(renders).toBe(before);
    expect(second.headers["x-page-cache"]).toBe("hit");
    expect(second.headers["content-type"]).toBe("text/x-script");
    expect(second.headers["x-remix-response"]).toBe("yes");
    expect(second.body.toString()).toBe(first.body.toString());

    await database.sql`update cooperatives set tagline_id = 'Data segar' where id = ${a}`;
    await httpListener.caughtUp();
    const after = await get("/p/keripik-pisang.data?_routes=routes%2Fp.%24slug");
    expect(after.headers["x-page-cache"]).toBe("miss");
    expect(after.body.toString()).toContain("Data segar");
  });

  it("names the page a data request shows, for its tags", () => {
    expect(pagePath("/p/kopi.data")).toBe("/p/kopi");
    expect(pagePath("/_root.data")).toBe("/");
    expect(pagePath("/products")).toBe("/products");
    expect(pageTags(pagePath("/p/kopi.data"))).toContain("product:kopi");
  });

  it("never serves one cooperative's page at another's host", async () => {
    const atA = await get("/p/keripik-pisang");
    const atB = await get("/p/keripik-pisang", { Host: "b.test" });
    expect(atB.headers["x-page-cache"]).not.toBe("hit");
    expect(atB.body.toString()).not.toBe(atA.body.toString());
  });
});
