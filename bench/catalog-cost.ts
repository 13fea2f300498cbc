import type { ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { freePort } from "../db/embedded";
import { ensureBuild } from "../server/build";
import { benchDatabase, sizeLabel } from "./database";
import { sequentialClient } from "./load";
import { startShop, waitForShop } from "./shop";

/**
 * `npm run bench:catalog`: what each shopper page costs as the catalog grows. For each size, a fresh embedded
 * Postgres is seeded with the demo cooperative and grown (bench/grow.ts), the shop runs as `npm start` does in its
 * own process twice (the page cache off, and on and warm), and every page is requested one at a time (no concurrency:
 * the time is the page's own cost) of both in turn; prints p50/p95 in ms of each and the HTML size of each page.
 *
 *   npm run bench:catalog                          the demo, 1 cooperative x 20,000, 50 cooperatives x 1,000
 *   npm run bench:catalog -- --products 20000      1 cooperative of 20,000 products
 *   npm run bench:catalog -- --cooperatives 50     50 cooperatives of 1,000 (--products sets another size)
 *   --requests N                                   requests per page (default 100, after 10 to warm up)
 */
const { values: args } = parseArgs({
  options: { products: { type: "string" }, cooperatives: { type: "string" }, requests: { type: "string" } },
});
const requests = Number(args.requests ?? 100);
type Size = { label: string; products: number; cooperatives: number };
const sizes: Size[] =
  args.products === undefined && args.cooperatives === undefined
    ? [
        { label: "demo", products: 0, cooperatives: 1 },
        { label: "1 coop x 20,000", products: 20_000, cooperatives: 1 },
        { label: "50 coops x 1,000", products: 1_000, cooperatives: 50 },
      ]
    : [sizeFrom(Number(args.products ?? (args.cooperatives ? 1_000 : 0)), Number(args.cooperatives ?? 1))];

function sizeFrom(products: number, cooperatives: number): Size {
  return { label: sizeLabel({ products, cooperatives }), products, cooperatives };
}

const pages: [string, string][] = [
  ["home", "/"],
  ["listing", "/products"],
  ["listing page 3, by price", "/products?sort=price_desc&page=3"],
  ["category", "/c/{category}"],
  ["search keripik", "/products?q=keripik"],
  ["typo search keripk", "/products?q=keripk"],
  ["search ke (two letters)", "/products?q=ke"],
  ["suggestions", "/api/suggest?q=keripk"],
  ["product", "{product}"],
  ["producers", "/producers"],
];

process.env.NODE_ENV = "production";
ensureBuild(console.log);
type Row = { page: string; path: string; off: Figures; warm: Figures; bytes: number; gzip: number };
type Figures = { p50: number; p95: number };
const results: { size: Size; rows: Row[] }[] = [];
for (const size of sizes) results.push({ size, rows: await measure(size) });

console.log(`\nOne request at a time, ${requests} per page and mode (ms on the same machine, read to the end; HTML size raw / gzip)`);
for (const { size, rows } of results) {
  console.log(`\n${size.label}`);
  console.log(pad("", 28) + pad("cache off", 16) + pad("cache warm", 16));
  console.log(pad("page", 28) + pad("p50", 8) + pad("p95", 8) + pad("p50", 8) + pad("p95", 8) + "HTML");
  for (const row of rows) {
    const figures = [row.off.p50, row.off.p95, row.warm.p50, row.warm.p95].map((ms) => pad(ms.toFixed(1), 8)).join("");
    console.log(pad(row.page, 28) + figures + `${kb(row.bytes)} / ${kb(row.gzip)}`);
  }
}

/**
 * Two shops on one database, as `npm start` runs them: one renders every page (PAGE_CACHE_MB=0), the other keeps its
 * page cache. Each page is asked of both in turn, so a busy moment of the machine falls on both alike.
 */
async function measure(size: Size): Promise<Row[]> {
  const database = await benchDatabase(size, console.log);
  const shops: ChildProcess[] = [];
  const clients: ReturnType<typeof sequentialClient>[] = [];
  try {
    const warmCache = process.env.PAGE_CACHE_MB && process.env.PAGE_CACHE_MB !== "0" ? process.env.PAGE_CACHE_MB : "64";
    const [off, warm] = await Promise.all(
      ["0", warmCache].map(async (pageCacheMb) => {
        const port = await freePort();
        const base = `http://127.0.0.1:${port}`;
        const shop = startShop({ databaseUrl: database.url, dataDir: database.dataDir, port, env: { PAGE_CACHE_MB: pageCacheMb } });
        shops.push(shop);
        await waitForShop(shop, `${base}/healthz`, 120_000);
        const client = sequentialClient(base);
        clients.push(client);
        return { base, client };
      }),
    );
    const listing = await (await fetch(`${off!.base}/products`)).text();
    const home = await (await fetch(`${off!.base}/`)).text();
    const product = /href="(\/p\/[a-z0-9-]+)"/.exec(listing)?.[1] ?? "/p/none";
    const category = /href="\/c\/([a-z0-9-]+)"/.exec(home)?.[1] ?? "none";
    const rows: Row[] = [];
    for (const [page, pattern] of pages) {
      const target = pattern.replace("{product}", product).replace("{category}", category);
      const times = { off: [] as number[], warm: [] as number[] };
      for (let i = 0; i < requests + 10; i++) {
        const offTime = await off!.client.time(target);
        const warmTime = await warm!.client.time(target);
        if (i >= 10) {
          times.off.push(offTime);
          times.warm.push(warmTime);
        }
      }
      const body = await (await fetch(off!.base + target)).text();
      const bytes = Buffer.byteLength(body);
      const row = { page, path: target, off: figures(times.off), warm: figures(times.warm), bytes, gzip: gzipSync(body).length };
      rows.push(row);
      console.log(`  ${page}: cache off p50 ${row.off.p50.toFixed(1)} ms, p95 ${row.off.p95.toFixed(1)} ms; warm p95 ${row.warm.p95.toFixed(1)} ms; ${kb(bytes)}`);
    }
    return rows;
  } finally {
    for (const client of clients) client.close();
    await Promise.all(
      shops
        .filter((shop) => shop.exitCode === null)
        .map((shop) => {
          const exited = new Promise((resolve) => shop.once("exit", resolve));
          shop.kill("SIGTERM");
          return exited;
        }),
    );
    await database.stop();
  }
}

function figures(times: number[]): Figures {
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function kb(bytes: number) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function pad(text: string, width: number) {
  return text.padEnd(width);
}
