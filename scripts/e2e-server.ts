import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { connect } from "~db/client";
import { ensureDatabase, startEmbeddedPostgres } from "~db/embedded";
import { migrateDatabase } from "~db/migrate";
import { seedDemo } from "~db/seed";
import { createApp } from "../server/app";
import { startPageCache } from "../server/page-cache/invalidation";
import { startBackgroundJobs } from "~/flows/jobs.server";
import { parseEnv } from "~/lib/env.server";
import { clientBuildDirectory, ensureBuild, serverBuildFile } from "../server/build";
import { E2E_MIDTRANS_KEYS, E2E_STRIPE_KEYS } from "../tests/support/e2e-keys";
import { FakeMidtrans } from "../tests/support/fake-midtrans";
import { FakeStripe } from "../tests/support/fake-stripe";

/** The app as a shopper meets it, on its own embedded Postgres and media folder, removed on exit. */
process.env.NODE_ENV = "production";
const port = Number(process.env.E2E_PORT ?? 3199);
// Links in e-mails and canonical URLs come from configuration, as in production.
process.env.PUBLIC_URL = `http://localhost:${port}`;
// The tests read e-mails (and their one-time links) from this machine's mailbox, as a person running the demo would.
const mailbox = process.env.E2E_MAILBOX_DIR ?? path.join(os.tmpdir(), `etalase-e2e-mailbox-${port}`);
fs.rmSync(mailbox, { recursive: true, force: true });
// The test clock (decision 34): real time until a spec writes an offset into this file; ours alone, removed on exit.
const clockFile = process.env.E2E_CLOCK_FILE ?? path.join(os.tmpdir(), `etalase-e2e-clock-${port}`);
fs.rmSync(clockFile, { force: true });
process.env.TEST_CLOCK_FILE = clockFile;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-e2e-"));

// Payment providers are local fakes speaking their wire formats, reached through the real SDKs (as in the
// integration tests); the shop's own keys for them come from the environment, as on a one-cooperative deployment.
const midtransKeys = E2E_MIDTRANS_KEYS;
const midtrans = new FakeMidtrans({ ...midtransKeys, notificationUrl: `http://localhost:${port}/webhooks/midtrans` });
const stripe = new FakeStripe({ ...E2E_STRIPE_KEYS, webhookUrl: `http://localhost:${port}/webhooks/stripe` });
await Promise.all([midtrans.start(), stripe.start()]);
Object.assign(process.env, {
  STRIPE_SECRET_KEY: E2E_STRIPE_KEYS.secretKey,
  STRIPE_WEBHOOK_SECRET: E2E_STRIPE_KEYS.webhookSecret,
  STRIPE_API_URL: stripe.url,
  MIDTRANS_SERVER_KEY: midtransKeys.serverKey,
  MIDTRANS_CLIENT_KEY: midtransKeys.clientKey,
  MIDTRANS_SNAP_URL: midtrans.snapBaseUrl,
  MIDTRANS_CORE_URL: midtrans.coreBaseUrl,
});
const mediaRoot = path.join(directory, "media");

// Playwright's global setup built the app once for all workers (E2E_BUILT); run alone, the server builds it itself.
if (!process.env.E2E_BUILT) ensureBuild(console.log);
// How long each start-up step took goes to the worker's shop log (test-results/shop-N.log), to see where time goes.
const phases: string[] = [];
let phaseStarted = performance.now();
const phase = (name: string) => {
  const now = performance.now();
  phases.push(`${name} ${((now - phaseStarted) / 1000).toFixed(1)} s`);
  phaseStarted = now;
};
phase("modules");
const postgres = await startEmbeddedPostgres({ databaseDir: path.join(directory, "postgres"), persistent: false });
phase("postgres");
await ensureDatabase(postgres, "etalase");
await migrateDatabase(postgres.url("etalase"));
phase("migrations");
const connection = connect(postgres.url("etalase"));
// Playwright's global setup drew the demo's pictures once for all workers (decision 41); run alone, the seed draws them.
await seedDemo(connection.db, { mediaRoot, imageCache: process.env.E2E_SEED_IMAGE_CACHE });
phase("seed");

const build = (await import(pathToFileURL(serverBuildFile).href)) as ServerBuild;
// The job runner, as `npm start` runs it: e-mails go to the mailbox the tests read.
const jobs = await startBackgroundJobs(connection.db, postgres.url("etalase"), parseEnv(), { log: () => {}, mailboxDirectory: mailbox });
const pages = await startPageCache(connection.sql, parseEnv().PAGE_CACHE_MB);
phase("app");
const server = createApp({ build, db: connection.db, mediaRoot, clientDirectory: clientBuildDirectory, localMailbox: mailbox, pageCache: pages?.cache }).listen(port, "127.0.0.1", () =>
  console.log(`e2e server on http://localhost:${port} (${phases.join(", ")}, since process start ${(performance.now() / 1000).toFixed(1)} s)`),
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  await Promise.all([midtrans.stop(), stripe.stop()]);
  await jobs.stop();
  await pages?.listener.stop();
  await connection.close();
  await postgres.stop();
  fs.rmSync(directory, { recursive: true, force: true });
  fs.rmSync(mailbox, { recursive: true, force: true });
  fs.rmSync(clockFile, { force: true });
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
