import type { ChildProcess } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { freePort } from "../db/embedded";
import { ensureBuild } from "../server/build";
import { benchDatabase, sizeLabel, type BenchSize } from "./database";
import { chromiumPath, DEFAULT_LIGHTHOUSE_RUNS, formatLighthouseTable, lighthouseTable, warmPages, type LighthouseRow } from "./lighthouse";
import { cpuSecondsOfTree, machineBusySeconds } from "./cpu";
import { load, type LoadResult } from "./load";
import { startShop, waitForShop } from "./shop";
import { pageJavaScript } from "./page-javascript";

/** A load's result with the CPU it cost a request: the shop's process, and the whole machine (Postgres and the load generator too). */
type Measured = LoadResult & { shopCpuMs: number | null; machineCpuMs: number | null };

/**
 * `npm run bench`: the shop's speed in one run, side by side. One embedded Postgres is seeded with the demo
 * cooperative and, when asked, grown (bench/grow.ts); the shop runs as `npm start` runs it (its own processes), twice:
 * with the page cache on and warm, then off (what a cold render costs). Each time the home, listing, category,
 * search, producer and product pages and a static file served by the same server are loaded at each connection
 * count; then mobile Lighthouse measures home, listing and product with the cache on, in the Chromium the e2e
 * tests use. Prints req/s and p50/p95/p99 with each page's ratio to the static file, the product page's
 * JavaScript and HTML, and the Lighthouse table, all at the end.
 *
 *   npm run bench                                        the demo (53 products)
 *   npm run bench -- --products 20000                    the demo cooperative grown to 20,000 products
 *   npm run bench -- --cooperatives 50                   50 cooperatives of 1,000 (--products sets another size)
 *   --seconds 8  --connections 16,50                     per page and connection count (BENCH_SECONDS, BENCH_CONNECTIONS)
 *   --warm-up 2                                          seconds of load a page gets before it is measured (BENCH_WARM_UP)
 *   --lighthouse-runs 5 (0: none)                        runs a page, the median reported (LIGHTHOUSE_RUNS)
 */
const { values: args } = parseArgs({
  options: {
    products: { type: "string" },
    cooperatives: { type: "string" },
    seconds: { type: "string" },
    connections: { type: "string" },
    "warm-up": { type: "string" },
    "lighthouse-runs": { type: "string" },
  },
});
const cooperatives = Number(args.cooperatives ?? 1);
const size: BenchSize = { products: Number(args.products ?? (cooperatives > 1 ? 1_000 : 0)), cooperatives };
const seconds = Number(args.seconds ?? process.env.BENCH_SECONDS ?? 8);
const connectionCounts = (args.connections ?? process.env.BENCH_CONNECTIONS ?? "16,50").split(",").map(Number);
const warmUpSeconds = Number(args["warm-up"] ?? process.env.BENCH_WARM_UP ?? 2);
const lighthouseRuns = Number(args["lighthouse-runs"] ?? process.env.LIGHTHOUSE_RUNS ?? DEFAULT_LIGHTHOUSE_RUNS);
if ([size.products, size.cooperatives, seconds, warmUpSeconds, lighthouseRuns, ...connectionCounts].some((value) => !Number.isInteger(value) || value < 0)) {
  throw new Error("--products, --cooperatives, --seconds, --connections, --warm-up and --lighthouse-runs take whole numbers");
}

// The shop as shoppers meet it (page cache warm), then with the cache off: what a cold render costs.
const modes: { name: string; pageCacheMb: string }[] = [
  { name: "page cache on", pageCacheMb: process.env.PAGE_CACHE_MB ?? "64" },
  { name: "page cache off", pageCacheMb: "0" },
];

process.env.NODE_ENV = "production";
ensureBuild(console.log);
// Found (or installed) before the loads, not after minutes of them.
if (lighthouseRuns > 0) chromiumPath(console.log);
const tables: { title: string; results: [string, Measured][] }[] = [];
const notes: string[] = [];
let lighthouse: LighthouseRow[] | undefined;

const database = await benchDatabase(size, console.log);
let server: ChildProcess | undefined;
process.on("SIGINT", () => {
  server?.kill("SIGTERM");
  void database.stop().finally(() => process.exit(130));
});
try {
  for (const mode of modes) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    console.log(`\nStarting the shop (${mode.name}) on ${base}…`);
    server = startShop({ databaseUrl: database.url, dataDir: database.dataDir, port, env: { PAGE_CACHE_MB: mode.pageCacheMb } });
    try {
      await waitForShop(server, `${base}/healthz`, 180_000);
      const firstLink = async (page: string, pattern: RegExp) => {
        const match = pattern.exec(await (await fetch(`${base}${page}`)).text());
        if (!match?.[1]) throw new Error(`No link matching ${pattern} on ${page}`);
        return match[1];
      };
      const productPath = await firstLink("/products", /href="(\/p\/[a-z0-9-]+)"/);
      const targets: [string, string][] = [
        ["static file", "/favicon.svg"],
        ["home", "/"],
        ["listing", "/products"],
        ["category page 1", await firstLink("/", /href="(\/c\/[a-z0-9-]+)"/)],
        ["search (typo)", "/products?q=keripk"],
        ["producer", await firstLink("/producers", /href="(\/producers\/[a-z0-9-]+)"/)],
        ["product", productPath],
      ];
      // Warm up: fill the caches, and let V8 optimise each page's code under load, as a shop that has served a
      // minute of traffic has: measured after a few requests only, the first page cost 40 % more CPU a request (decision 52).
      for (const [, path] of targets) for (let i = 0; i < 5; i++) await fetch(base + path).then((r) => r.arrayBuffer());
      if (warmUpSeconds > 0) {
        process.stdout.write(`  ${mode.name}: warming up, ${warmUpSeconds} s a page at ${connectionCounts[0]} connections… `);
        for (const [, path] of targets) await load(base + path, { connections: connectionCounts[0]!, seconds: warmUpSeconds });
        console.log("done");
      }

      for (const connections of connectionCounts) {
        const results: [string, Measured][] = [];
        for (const [name, path] of targets) {
          process.stdout.write(`  ${mode.name}, ${connections} connections: ${name} (${path}) for ${seconds} s… `);
          const shopBefore = cpuSecondsOfTree(server.pid!);
          const machineBefore = machineBusySeconds();
          const result = await load(base + path, { connections, seconds });
          const perRequest = (before: number | null, after: number | null) =>
            before === null || after === null || result.requests === 0 ? null : ((after - before) * 1000) / result.requests;
          results.push([name, { ...result, shopCpuMs: perRequest(shopBefore, cpuSecondsOfTree(server.pid!)), machineCpuMs: perRequest(machineBefore, machineBusySeconds()) }]);
          console.log(`${result.requestsPerSecond.toFixed(0)} req/s`);
        }
        tables.push({ title: `${mode.name}, ${connections} connections, ${seconds} s each`, results });
      }
      if (mode === modes[0]) {
        const js = await pageJavaScript(productPath, async (path) => Buffer.from(await (await fetch(base + path)).arrayBuffer()));
        notes.push(`JavaScript on the product page ${productPath}: ${js.files.length} files, ${kb(js.raw)} raw, ${kb(js.gzip)} gzip`);
        const html = await (await fetch(base + productPath)).text();
        notes.push(`HTML of the product page: ${kb(html.length)} raw, ${kb(gzipSync(html).length)} gzip`);
        if (lighthouseRuns > 0) {
          console.log(`\nMobile Lighthouse (default preset), ${lighthouseRuns} runs a page, page cache on:`);
          const paths = ["/", "/products", productPath];
          await warmPages(base, paths);
          lighthouse = await lighthouseTable(base, paths, { runs: lighthouseRuns, log: console.log, reportDirectory: process.env.LIGHTHOUSE_REPORTS });
        }
      }
    } finally {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
  }
} finally {
  await database.stop();
}

console.log(`\n=== npm run bench: ${sizeLabel(size)}; server and load generator share ${os.cpus().length} cores (load average ${os.loadavg().map((n) => n.toFixed(1)).join(", ")}) ===`);
for (const table of tables) printTable(table.title, table.results);
console.log("");
for (const note of notes) console.log(note);
if (lighthouse) console.log(`\nMobile Lighthouse, page cache on, median of ${lighthouseRuns} by performance score\n\n${formatLighthouseTable(lighthouse)}`);

function printTable(title: string, results: [string, Measured][]) {
  const staticResult = results[0]![1];
  const cpu = (ms: number | null) => (ms === null ? "n/a" : ms.toFixed(2));
  console.log(`\n${title}\n`);
  console.log(pad("page", 18) + pad("req/s", 10) + pad("p50 ms", 9) + pad("p95 ms", 9) + pad("p99 ms", 9) + pad("errors", 8) + "req/s vs static  p95 vs static  CPU ms/req: shop  all");
  for (const [name, r] of results) {
    console.log(
      pad(name, 18) +
        pad(r.requestsPerSecond.toFixed(0), 10) +
        pad(r.p50.toFixed(1), 9) +
        pad(r.p95.toFixed(1), 9) +
        pad(r.p99.toFixed(1), 9) +
        pad(String(r.errors), 8) +
        pad((r.requestsPerSecond / staticResult.requestsPerSecond).toFixed(3), 17) +
        pad((r.p95 / staticResult.p95).toFixed(1) + "x", 15) +
        pad(cpu(r.shopCpuMs), 17) +
        cpu(r.machineCpuMs),
    );
  }
}

function kb(bytes: number) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function pad(text: string, width: number) {
  return text.padEnd(width);
}
