import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { connect } from "../db/client";
import { ensureDatabase, freePort, startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed";
import { ensureBuild } from "../server/build";
import { cpuSecondsOfTree } from "./cpu";
import { startShop, waitForShop } from "./shop";

/**
 * `npm run bench:checkout`: BUYERS shoppers (200) with one unit each in their cart place their orders at the same
 * instant through the real HTTP path (edge, route, flow, Postgres) for the last UNITS (10) of one product. The shop
 * runs as `npm start` does, in its own process against this bench's embedded Postgres, so the load generator does
 * not share its event loop. Prints how many were sold against the stock, refusals, errors, latency, the CPU a
 * checkout cost the shop, Postgres and the clients, the busiest statements (pg_stat_statements, planning apart), and
 * the time one checkout takes alone; exits non-zero if anything was oversold or lost. BENCH_PROFILE=dir also writes
 * the shop's CPU profile.
 */
const buyers = Number(process.env.BENCH_BUYERS ?? 200);
const units = Number(process.env.BENCH_UNITS ?? 10);
process.env.NODE_ENV = "production";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-bench-"));
ensureBuild(console.log);
const postgres = await startEmbeddedPostgres({
  databaseDir: path.join(directory, "postgres"),
  persistent: false,
  settings: { shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track": "all", "pg_stat_statements.track_planning": "on" },
});
await ensureDatabase(postgres, "etalase");
await migrateDatabase(postgres.url("etalase"));
const connection = connect(postgres.url("etalase"), { max: 10 });
await seedDemo(connection.db, { mediaRoot: path.join(directory, "media") });
const port = await freePort();
const base = `http://localhost:${port}`;
// BENCH_PROFILE=dir writes the shop's CPU profile there (open it in Chrome's DevTools) to see where a checkout's time goes.
const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
const server = startShop({ databaseUrl: postgres.url("etalase"), dataDir: path.join(directory, "data"), port, nodeOptions: profile });
const agent = new http.Agent({ keepAlive: true, maxSockets: buyers });
await waitForShop(server, `${base}/healthz`, 120_000);

try {
  const [variant] = await connection.sql<{ id: string; slug: string }[]>`
    select v.id, p.slug from product_variants v join products p on p.id = v.product_id
    where p.live_version_id is not null order by p.slug, v.sku limit 1`;
  let failed = false;
  // A phone with JavaScript posts the form as Remix's single fetch does (`/checkout.data`); without, as a document.
  for (const client of ["javascript", "no JavaScript"] as const) {
    const target = client === "javascript" ? "/checkout.data" : "/checkout";
    // Carts are filled first (not timed), while there is plenty; then the stock drops to the last units.
    await connection.sql`update product_variants set stock = ${buyers} where id = ${variant!.id}`;
    const cookies = await Promise.all(Array.from({ length: buyers }, () => addToCart(variant!.id)));
    await connection.sql`update product_variants set stock = ${units} where id = ${variant!.id}`;
    const [before] = await connection.sql<{ orders: number; quantity: number }[]>`
      select count(distinct l.order_id)::int as orders, coalesce(sum(l.quantity), 0)::int as quantity from order_lines l where l.variant_id = ${variant!.id}`;

    console.log(`\n${buyers} buyers (${client}), ${units} units of ${variant!.slug}, all placing their order at once…`);
    await connection.sql`create extension if not exists pg_stat_statements`;
    await connection.sql`select pg_stat_statements_reset()`;
    const cpuBefore = cpuSplit();
    const started = performance.now();
    const results = await Promise.all(cookies.map((cookie, index) => placeOrder(target, cookie, index)));
    const elapsed = performance.now() - started;
    const cpuAfter = cpuSplit();

    const [stock] = await connection.sql<{ stock: number }[]>`select stock from product_variants where id = ${variant!.id}`;
    const [after] = await connection.sql<{ orders: number; quantity: number }[]>`
      select count(distinct l.order_id)::int as orders, coalesce(sum(l.quantity), 0)::int as quantity from order_lines l where l.variant_id = ${variant!.id}`;
    const sold = { orders: after!.orders - before!.orders, quantity: after!.quantity - before!.quantity };
    const soldOut = results.filter((r) => r.status === 409).length;
    const errors = results.filter((r) => r.status >= 500 || r.status === 0).length;
    const placed = results.filter((r) => r.status >= 200 && r.status < 400).length;
    const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
    const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
    const oversold = sold.quantity > units || stock!.stock < 0;
    const lost = placed !== sold.orders || sold.quantity + stock!.stock !== units;
    console.log(`sold              ${sold.quantity} of ${units} units (stock left ${stock!.stock}) in ${sold.orders} orders
answers           ${placed} placed, ${soldOut} told "sold out" (409), ${errors} errors, ${buyers - placed - soldOut - errors} other
latency           p50 ${percentile(50).toFixed(0)} ms, p95 ${percentile(95).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms; whole burst ${elapsed.toFixed(0)} ms
cpu per checkout  ${(["shop", "postgres", "clients"] as const).map((part) => `${part} ${perCheckout(cpuBefore[part], cpuAfter[part])}`).join(", ")}
oversold          ${oversold ? "YES" : "none"}
lost              ${lost ? "YES" : "none"}`);
    failed ||= oversold || lost || errors > 0;
    const statements = await connection.sql<{ calls: number; ms: number; plan: number; query: string }[]>`
      select calls::int, total_exec_time::float as ms, total_plan_time::float as plan, regexp_replace(query, '[[:space:]]+', ' ', 'g') as query
      from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
      order by total_plan_time + total_exec_time desc limit 5`;
    console.log("busiest statements (calls; planning and running, summed over the burst):");
    for (const s of statements) console.log(`  ${String(s.calls).padStart(6)} ${s.plan.toFixed(0).padStart(6)} ms plan ${s.ms.toFixed(0).padStart(6)} ms run  ${s.query.slice(0, 120)}`);
  }
  // One buyer alone, several times: the work a checkout is, without the queue of a rush.
  await connection.sql`update product_variants set stock = 0 where id = ${variant!.id}`;
  const alone: number[] = [];
  for (const cookie of (await Promise.all(Array.from({ length: 3 }, () => addToCartWithStock(variant!.id))))) {
    for (let i = 0; i < 10; i++) alone.push((await placeOrder("/checkout.data", cookie, i)).ms);
  }
  alone.sort((a, b) => a - b);
  console.log(`\none buyer alone  a refused checkout (javascript) takes ${alone[Math.floor(alone.length / 2)]!.toFixed(1)} ms (median of ${alone.length})`);
  console.log(`machine           ${os.cpus().length} cores (the shop, Postgres and the ${buyers} clients share them)`);
  process.exitCode = failed ? 1 : 0;
} finally {
  agent.destroy();
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await connection.close();
  await postgres.stop();
  fs.rmSync(directory, { recursive: true, force: true });
}

/** CPU seconds so far of the shop's process, Postgres's processes and this load generator (which starts Postgres). */
function cpuSplit() {
  const shop = cpuSecondsOfTree(server.pid!);
  const everything = cpuSecondsOfTree(process.pid, [server.pid!]);
  const clients = process.cpuUsage();
  const clientSeconds = (clients.user + clients.system) / 1e6;
  return { shop, postgres: everything === null ? null : everything - clientSeconds, clients: clientSeconds };
}

function perCheckout(before: number | null, after: number | null) {
  return before === null || after === null ? "n/a" : `${(((after - before) * 1000) / buyers).toFixed(1)} ms`;
}

function request(method: string, pathname: string, body: string, cookie = ""): Promise<{ status: number; headers: http.IncomingHttpHeaders; ms: number }> {
  return new Promise((resolve) => {
    const begun = performance.now();
    const req = http.request(
      base + pathname,
      { method, agent, headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Cookie: cookie, Origin: base, "Accept-Language": "id" } },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, ms: performance.now() - begun }));
      },
    );
    req.on("error", () => resolve({ status: 0, headers: {}, ms: performance.now() - begun }));
    req.end(body);
  });
}

async function addToCart(variantId: string): Promise<string> {
  const answer = await request("POST", "/cart", new URLSearchParams({ intent: "add", variantId, quantity: "1" }).toString());
  const setCookie = answer.headers["set-cookie"] ?? [];
  const cart = setCookie.map((c) => c.split(";")[0]).find((c) => c?.startsWith("etalase_cart="));
  if (answer.status !== 200 || !cart) throw new Error(`Adding to a cart answered ${answer.status}`);
  return cart;
}

function placeOrder(target: string, cookie: string, index: number) {
  const form = new URLSearchParams({
    name: `Pembeli ${index}`,
    email: `pembeli${index}@example.com`,
    phone: "0812 3456 7890",
    deliveryMethod: "pickup",
    provider: "manual",
    terms: "on",
  });
  return request("POST", target, form.toString(), cookie);
}

async function addToCartWithStock(variantId: string): Promise<string> {
  await connection.sql`update product_variants set stock = 1 where id = ${variantId}`;
  const cookie = await addToCart(variantId);
  await connection.sql`update product_variants set stock = 0 where id = ${variantId}`;
  return cookie;
}
