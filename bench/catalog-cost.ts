import type { ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { freePort } from "../db/embedded";
import { ensureBuild } from "../server/build";
import { benchDatabase, sizeLabel } from "./database";
import { startShop, waitForShop } from "./shop";

/**
 * `npm run bench:catalog`: what each shopper page costs as the catalog grows. For each size, a fresh embedded
 * Postgres is seeded with the demo cooperative and grown (bench/grow.ts), the shop runs as `npm start` does in its
 * own process, and every page is requested one at a time (no concurrency: the time is the page's own cost); prints
 * p50/p95 in ms and the HTML size of each page.
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
  ["suggestions", "/api/suggest?q=keripk"],
  ["product", "{product}"],
  ["producers", "/producers"],
];

process.env.NODE_ENV = "production";
ensureBuild(console.log);
const results: { size: Size; rows: { page: string; path: string; p50: number; p95: number; bytes: number; gzip: number }[] }[] = [];
for (const size of sizes) results.push({ size, rows: await measure(size) });

console.log(`\nOne request at a time, ${requests} per page (ms, client side on the same machine; HTML size raw / gzip)`);
for (const { size, rows } of results) {
  console.log(`\n${size.label}`);
  console.log(pad("page", 28) + pad("p50", 8) + pad("p95", 8) + "HTML");
  for (const row of rows) {
    console.log(pad(row.page, 28) + pad(row.p50.toFixed(1), 8) + pad(row.p95.toFixed(1), 8) + `${kb(row.bytes)} / ${kb(row.gzip)}`);
  }
}

async function measure(size: Size) {
  const database = await benchDatabase(size, console.log);
  let server: ChildProcess | undefined;
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = startShop({ databaseUrl: database.url, dataDir: database.dataDir, port });
    await waitForShop(server, `${base}/healthz`, 120_000);
    const listing = await (await fetch(`${base}/products`)).text();
    const home = await (await fetch(`${base}/`)).text();
    const product = /href="(\/p\/[a-z0-9-]+)"/.exec(listing)?.[1] ?? "/p/none";
    const category = /href="\/c\/([a-z0-9-]+)"/.exec(home)?.[1] ?? "none";
    const rows = [];
    for (const [page, pattern] of pages) {
      const target = pattern.replace("{product}", product).replace("{category}", category);
      const times: number[] = [];
      let body = "";
      for (let i = 0; i < requests + 10; i++) {
        const begin = performance.now();
        const response = await fetch(base + target);
        body = await response.text();
        if (!response.ok) throw new Error(`${target} answered ${response.status}`);
        if (i >= 10) times.push(performance.now() - begin);
      }
      times.sort((a, b) => a - b);
      const bytes = Buffer.byteLength(body);
      rows.push({ page, path: target, p50: quantile(times, 0.5), p95: quantile(times, 0.95), bytes, gzip: gzipSync(body).length });
      console.log(`  ${page}: p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms, ${kb(bytes)}`);
    }
    return rows;
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await database.stop();
  }
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
