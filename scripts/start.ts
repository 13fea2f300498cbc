import { createServer, type Server } from "node:http";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { parseEnv, type Env } from "~/lib/env.server";
import { createApp } from "../server/app";
import { clientBuildDirectory, ensureBuild, serverBuildFile } from "../server/build";
import { mediaRoot, openDatabase, type Database } from "../server/database";
import { describeStartupError } from "../server/startup-errors";
import { startPageCache } from "../server/page-cache/invalidation";
import { DEMO_PASSWORD, demoUsers } from "~db/seed/demo-users";
import { localMailboxDirectory } from "~/flows/email-delivery.server";
import { startBackgroundJobs } from "~/flows/jobs.server";
import { emailDelivery } from "~/modules/notifications/outbox.server";
import { FAST_PASSWORD_HASH_VARIABLE } from "~/modules/identity/password.server";

const log = (line: string) => console.log(`[etalase] ${line}`);

let env: Env | undefined;
let database: Database | undefined;

/** `npm start`: build if needed, open (or start) the database, serve the shop; Ctrl-C stops both. */
async function main() {
  process.env.NODE_ENV ??= "production";
  // Cheap password hashes are for test shops only (decision 41): `npm start` always hashes at the strong parameters.
  if (process.env[FAST_PASSWORD_HASH_VARIABLE] !== undefined) {
    log(`${FAST_PASSWORD_HASH_VARIABLE} is for test shops only; ignored here.`);
    delete process.env[FAST_PASSWORD_HASH_VARIABLE];
  }
  env = parseEnv();
  // A taken port is said at once, not after the build and the database start.
  await listen(createServer(), env.PORT, env.HOST).then((probe) => new Promise((resolve) => probe.close(resolve)));
  ensureBuild(log);
  database = await openDatabase(env, log);
  const build = (await import(pathToFileURL(serverBuildFile).href)) as ServerBuild;
  const pages = await startPageCache(database.sql, env.PAGE_CACHE_MB);
  const app = createApp({
    build,
    db: database.db,
    mediaRoot: mediaRoot(env),
    clientDirectory: clientBuildDirectory,
    trustProxy: env.TRUST_PROXY,
    localMailbox: emailDelivery() === "local-mailbox" ? localMailboxDirectory(env) : undefined,
    pageCache: pages?.cache,
  });
  // The job runner (e-mails, housekeeping, inbound events), unless this app server leaves it to `npm run worker`.
  const jobs = env.JOBS ? await startBackgroundJobs(database.db, database.url, env, { log }) : undefined;
  const server = await listen(app, env.PORT, env.HOST).catch(async (error: unknown) => {
    await jobs?.stop();
    throw error;
  });
  log(`Etalase is running at http://localhost:${env.PORT}`);
  if (database.embedded) {
    log("Demo data: Koperasi Wanita Pesisir Binor, Probolinggo. Sign in at /sign-in with any of these,");
    log(`password "${DEMO_PASSWORD}":`);
    for (const user of demoUsers) log(`  ${user.email.padEnd(32)} ${user.name}`);
  }
  const delivery = emailDelivery();
  log(
    delivery === "smtp"
      ? "E-mail: sent through SMTP_URL."
      : delivery === "local-mailbox"
        ? `E-mail: no SMTP_URL, so e-mails go to this machine's mailbox (${localMailboxDirectory(env)}, http://localhost:${env.PORT}/dev/mailbox) and their links are printed here.`
        : "E-mail: no SMTP_URL, messages are kept in the outbox (staff: /admin/outbox); one-time links cannot be sent until SMTP_URL is set.",
  );
  log(jobs ? "Background jobs: running in this process." : "Background jobs: off here (JOBS=off); run them with `npm run worker`.");
  log(pages ? `Page cache: up to ${env.PAGE_CACHE_MB} MB of shop pages, kept in step with the database.` : "Page cache: off (PAGE_CACHE_MB=0).");
  log("Ctrl-C stops the shop and its database.");
  const opened = database;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pages?.listener.stop();
    await jobs?.stop();
    await opened.close();
    log("Stopped cleanly.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

/** Resolves once the server listens; a taken port or a bad HOST rejects instead of crashing the process. */
function listen(app: { listen: (port: number, host: string) => Server }, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once("listening", () => resolve(server));
    server.once("error", reject);
  });
}

main().catch(async (error: unknown) => {
  // One plain line says what went wrong and what to do; DEBUG=1 adds the full error.
  console.error(`[etalase] ${describeStartupError(error, { port: env?.PORT, host: env?.HOST, databaseUrl: env?.DATABASE_URL })}`);
  if (process.env.DEBUG) console.error(error);
  await database?.close().catch(() => {});
  process.exit(1);
});
