import { spawn } from "node:child_process";
import os from "node:os";
import { gzipSync } from "node:zlib";
import { freePort } from "../db/embedded";
import { load, type LoadResult } from "./load";

/**
 * `npm run bench`: starts the built app on its own embedded Postgres seeded with the demo cooperative,
 * loads the home, listing, search and product pages and a static file served by the same server, and
 * prints requests/second and latency, with each page's ratio to the static file; then the gzip size
 * of the JavaScript a shopper's product page loads.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;

console.log(`Starting the app (build if needed, embedded Postgres, demo seed) on ${base}…`);
const server = spawn(process.execPath, ["--import", "tsx", "scripts/e2e-server.ts"], {
  env: { ...process.env, E2E_PORT: String(port) },
  stdio: ["ignore", "ignore", "inherit"],
});
const stopServer = () => server.kill("SIGTERM");
process.on("SIGINT", () => {
  stopServer();
  process.exit(130);
});

try {
  await waitFor(`${base}/healthz`, 180_000);
  const productPath = await firstLink("/products", /href="(\/p\/[a-z0-9-]+)"/);
  const categoryPath = await firstLink("/", /href="(\/c\/[a-z0-9-]+)"/);
  const targets: [string, string][] = [
    ["static file", "/favicon.svg"],
    ["home", "/"],
    ["listing", "/products"],
    ["category page 1", categoryPath],
    ["search (typo)", "/products?q=keripk"],
    ["product", productPath],
  ];
  // Warm up: make image variants, fill caches, let the JIT settle.
  for (const [, path] of targets) for (let i = 0; i < 5; i++) await fetch(base + path).then((r) => r.arrayBuffer());

  const results: [string, string, LoadResult][] = [];
  for (const [name, path] of targets) {
    process.stdout.write(`  loading ${name} (${path}) for ${seconds} s… `);
    const result = await load(base + path, { connections, seconds });
    results.push([name, path, result]);
    console.log(`${result.requestsPerSecond.toFixed(0)} req/s`);
  }
  const staticResult = results[0]![2];
  console.log(`\n${connections} connections, ${seconds} s each, one machine (server and load generator share ${navigatorCores()} cores)\n`);
  console.log(pad("page", 18) + pad("req/s", 10) + pad("p50 ms", 9) + pad("p95 ms", 9) + pad("p99 ms", 9) + pad("errors", 8) + "req/s vs static  p95 vs static");
  for (const [name, , r] of results) {
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
  const js = await javascriptOf(productPath);
  console.log(`\nJavaScript on the product page ${productPath}: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gzip / 1024).toFixed(1)} KB gzip`);
  const html = await (await fetch(base + productPath)).text();
  console.log(`HTML of the product page: ${(html.length / 1024).toFixed(1)} KB raw, ${(gzipSync(html).length / 1024).toFixed(1)} KB gzip`);
} finally {
  stopServer();
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
    if (server.exitCode !== null) throw new Error("The app exited before it was ready");
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

function navigatorCores() {
  return os.cpus().length;
}
