import cluster, { type Worker } from "node:cluster";
import { createServer, type Server } from "node:http";
import os from "node:os";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { parseEnv, type Env } from "~/lib/env.server";
import { createApp } from "../server/app";
import { clientBuildDirectory, ensureBuild, serverBuildFile } from "../server/build";
import { mediaRoot, openDatabase, poolSize, type Database } from "../server/database";
import { connect, type DatabaseConnection } from "~db/client";
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
  const processes = env.WEB_CONCURRENCY ?? os.availableParallelism();
  // The job runner (e-mails, housekeeping, inbound events), unless this app server leaves it to `npm run worker`.
  const jobs = env.JOBS ? await startBackgroundJobs(database.db, database.url, env, { log }) : undefined;
  let serving: { stop: () => Promise<void> };
  try {
    serving = processes > 1 ? await serveWithWorkers(env, database, processes) : await serveHere(env, database);
  } catch (error) {
    await jobs?.stop();
    throw error;
  }
  log(`Etalase is running at http://localhost:${env.PORT}${processes > 1 ? ` (${processes} app processes)` : ""}`);
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
  log(env.PAGE_CACHE_MB > 0 ? `Page cache: up to ${env.PAGE_CACHE_MB} MB of shop pages${processes > 1 ? " in each app process" : ""}, kept in step with the database.` : "Page cache: off (PAGE_CACHE_MB=0).");
  log("Ctrl-C stops the shop and its database.");
  const opened = database;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    await serving.stop();
    await jobs?.stop();
    await opened.close();
    log("Stopped cleanly.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

/** The shop's HTTP server in this process, on `connection`: its page cache, its app, listening. */
async function serveHere(env: Env, connection: Pick<DatabaseConnection, "db" | "sql">): Promise<{ stop: () => Promise<void> }> {
  const build = (await import(pathToFileURL(serverBuildFile).href)) as ServerBuild;
  const pages = await startPageCache(connection.sql, env.PAGE_CACHE_MB);
  const app = createApp({
    build,
    db: connection.db,
    mediaRoot: mediaRoot(env),
    clientDirectory: clientBuildDirectory,
    trustProxy: env.TRUST_PROXY,
    localMailbox: emailDelivery() === "local-mailbox" ? localMailboxDirectory(env) : undefined,
    pageCache: pages?.cache,
  });
  const server = await listen(app, env.PORT, env.HOST).catch(async (error: unknown) => {
    await pages?.listener.stop();
    throw error;
  });
  return {
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pages?.listener.stop();
    },
  };
}

/** What the primary tells each app process it forks (decision 52). */
const WORKER_DATABASE_URL = "ETALASE_WORKER_DATABASE_URL";
const WORKER_POOL_SIZE = "ETALASE_WORKER_POOL_SIZE";

/**
 * One app process a core (node:cluster): the shop renders on one thread a process, so a single process used one core
 * of the machine however busy it was. The primary keeps the database (and the embedded Postgres) and the job runner;
 * each worker serves HTTP on the shared port with its own connections and page cache, kept in step through Postgres
 * as separate app servers are. A worker that dies is replaced; one that cannot start stops the shop.
 */
async function serveWithWorkers(env: Env, database: Database, processes: number): Promise<{ stop: () => Promise<void> }> {
  // The default pool (decision 46) is the shop's, shared among its workers; DATABASE_POOL_SIZE stays per process.
  const pool = env.DATABASE_POOL_SIZE ?? Math.max(3, Math.ceil(poolSize(env, database.url) / processes));
  let stopping = false;
  const fork = () => cluster.fork({ [WORKER_DATABASE_URL]: database.url, [WORKER_POOL_SIZE]: String(pool) });
  const ready = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const failed = (code: number | null, signal: string | null) => reject(new Error(`An app process exited while starting (${signal ?? code})`));
      worker.once("exit", failed);
      worker.once("listening", () => {
        worker.off("exit", failed);
        resolve();
      });
    });
  const workers = Array.from({ length: processes }, fork);
  const started = Promise.allSettled(workers.map(ready));
  const failure = (await started).find((result) => result.status === "rejected");
  if (failure) {
    stopping = true;
    for (const worker of workers) worker.process.kill("SIGTERM");
    throw (failure as PromiseRejectedResult).reason;
  }
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    log(`An app process (PID ${worker.process.pid}) exited (${signal ?? code}); starting another.`);
    fork();
  });
  return {
    stop: async () => {
      stopping = true;
      const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
      await Promise.all(
        running.map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.once("exit", () => resolve());
              worker.process.kill("SIGTERM");
              setTimeout(() => worker.process.kill("SIGKILL"), 10_000).unref();
            }),
        ),
      );
    },
  };
}

/** An app process forked by `serveWithWorkers`: HTTP only, on the primary's database; the primary says when to stop. */
async function serveAsWorker() {
  process.env.NODE_ENV ??= "production";
  const env = parseEnv();
  const connection = connect(process.env[WORKER_DATABASE_URL]!, { max: Number(process.env[WORKER_POOL_SIZE]) });
  const serving = await serveHere(env, connection);
  const stop = async () => {
    await serving.stop();
    await connection.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  // Ctrl-C reaches every process of the terminal: the primary stops the workers in order.
  process.on("SIGINT", () => {});
}

/** Resolves once the server listens; a taken port or a bad HOST rejects instead of crashing the process. */
function listen(app: { listen: (port: number, host: string) => Server }, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once("listening", () => resolve(server));
    server.once("error", reject);
  });
}

if (cluster.isWorker) {
  serveAsWorker().catch((error: unknown) => {
    console.error(`[etalase] An app process could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} else {
  main().catch(async (error: unknown) => {
    // One plain line says what went wrong and what to do; DEBUG=1 adds the full error.
    console.error(`[etalase] ${describeStartupError(error, { port: env?.PORT, host: env?.HOST, databaseUrl: env?.DATABASE_URL })}`);
    if (process.env.DEBUG) console.error(error);
    await database?.close().catch(() => {});
    process.exit(1);
  });
}
