import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDatabase, startEmbeddedPostgres } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";

export const TEMPLATE_DATABASE = "etalase_template";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** One real PostgreSQL per test run, with a migrated template each test file copies in milliseconds. */
export default async function setup(project: TestProject) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-test-"));
  const postgres = await startEmbeddedPostgres({ databaseDir: path.join(directory, "postgres"), persistent: false });
  const stop = async () => {
    await postgres.stop().catch(() => {});
    fs.rmSync(directory, { recursive: true, force: true });
  };
  const onSignal = () => void stop().then(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  await ensureDatabase(postgres, TEMPLATE_DATABASE);
  await migrateDatabase(postgres.url(TEMPLATE_DATABASE));
  project.provide("postgresUrl", postgres.url());
  return async () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await stop();
  };
}
