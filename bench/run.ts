import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { gzipSync } from "node:zlib";
import { freePort } from "../db/embedded";
import { load, type LoadResult } from "./load";

/**
 * `npm run bench`: starts the built app on its own embedded Postgres seeded with the demo cooperative, twice (the
 * page cache warm, then off), loads the home, listing, category, search, producer and product pages and a static
 * file served by the same server at each of BENCH_CONNECTIONS (16 and 50), and prints requests/second and
 * p50/p95/p99 latency with each page's ratio to the static file; then the gzip size of the JavaScript and HTML of
 * a shopper's product page.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connectionCounts = (process.env.BENCH_CONNECTIONS ?? "16,50").split(",").map(Number);

let server: ChildProcess | undefined;
let base = "";
process.on("SIGINT", () => {
  server?.kill("SIGTERM");
  process.exit(130);
});

// The shop as shoppers meet it (page cache warm), then with the cache off: what a cold render costs.
const modes: { name: string; pageCacheMb: string }[] = [
  { name: "page cache on", pageCacheMb: process.env.PAGE_CACHE_MB ?? "64" },
  { name: "page cache off", pageCacheMb: "0" },
];
let productPath = "";
for (const mode of modes) {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  console.log(`\nStarting the app (${mode.name}; build if needed, embedded Postgres, demo seed) on ${base}…`);
  server = spawn(process.execPath, ["--import", "tsx", "scripts/e2e-server.ts"], {
    env: { ...process.env, E2E_PORT: String(port), PAGE_CACHE_MB: mode.pageCacheMb },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitFor(`${base}/healthz`, 180_000);
    productPath = await firstLink("/products", /href="(\/p\/[a-z0-9-]+)"/);
    const categoryPath = await firstLink("/", /href="(\/c\/[a-z0-9-]+)"/);
    const producerPath = await firstLink("/producers", /href="(\/producers\/[a-z0-9-]+)"/);
    const targets: [string, string][] = [
      ["static file", "/favicon.svg"],
      ["home", "/"],
      ["listing", "/products"],
      ["category page 1", categoryPath],
      ["search (typo)", "/products?q=keripk"],
      ["producer", producerPath],
      ["product", productPath],
    ];
    // Warm up: make image variants, fill caches, let the JIT settle.
    for (const [, path] of targets) for (let i = 0; i < 5; i++) await fetch(base + path).then((r) => r.arrayBuffer());

    for (const connections of connectionCounts) {
      const results: [string, LoadResult][] = [];
      for (const [name, path] of targets) {
        process.stdout.write(`  ${mode.name}, ${connections} connections: ${name} (${path}) for ${seconds} s… `);
        const result = await load(base + path, { connections, seconds });
        results.push([name, result]);
        console.log(`${result.requestsPerSecond.toFixed(0)} req/s`);
      }
      printTable(`${mode.name}, ${connections} connections, ${seconds} s each (server and load generator share ${os.cpus().length} cores)`, results);
    }
    if (mode === modes[0]) {
      const js = await javascriptOf(productPath);
      console.log(`\nJavaScript on the product page ${productPath}: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gzip / 1024).toFixed(1)} KB gzip`);
      const html = await (await fetch(base + productPath)).text();
      console.log(`HTML of the product page: ${(html.length / 1024).toFixed(1)} KB raw, ${(gzipSync(html).length / 1024).toFixed(1)} KB gzip`);
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
}

function printTable(title: string, results: [string, LoadResult][]) {
  const staticResult = results[0]![1];
  console.log(`\n${title}\n`);
  console.log(pad("page", 18) + pad("req/s", 10) + pad("p50 ms", 9) + pad("p95 ms", 9) + pad("p99 ms", 9) + pad("errors", 8) + "req/s vs static  p95 vs static");
  for (const [name, r] of results) {
    console.log(
      pad(name, 18) +
        pad(r.requestsPerSecond.toFixed(0), 10) +
        pad(r.p50.toFixed(1), 9) +
        pad(r.p95.toFixed(1), 9) +
        pad(r.p99.toFixed(1), 9) +
        pad(String(r.errors), 8) +
        pad((r.requestsPerSecond / staticResult.requestsPerSecond).toFixed(3), 17) +
        (r.p95 / staticResult.p95).toFixed(1) + "x",
    );
  }
}

async function firstLink(page: string, pattern: RegExp): Promise<string> {
  const html = await (await fetch(`${base}${page}`)).text();
  const match = pattern.exec(html);
  if (!match?.[1]) throw new Error(`No link matching ${pattern} on ${page}`);
  return match[1];
}

async function javascriptOf(path: string) {
  const html = await (await fetch(base + path)).text();
  const sources = new Set<string>();
  for (const match of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) sources.add(match[1]!);
  for (const match of html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)) sources.add(match[1]!);
  for (const match of html.matchAll(/import\s*(?:\*\s*as\s*\w+\s*from\s*)?"(\/assets\/[^"]+\.js)"/g)) sources.add(match[1]!);
  let raw = 0;
  let gzip = 0;
  for (const source of sources) {
    const body = Buffer.from(await (await fetch(base + source)).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: sources.size, raw, gzip };
}

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error("The app exited before it was ready");
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function pad(text: string, width: number) {
  return text.padEnd(width);
}
