import os from "node:os";
import path from "node:path";
import { connect, type DatabaseConnection } from "~db/client";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "~db/embedded";
import { migrateDatabase } from "~db/migrate";
import { hasAnyCooperative, seedDemo } from "~db/seed";
import type { Env } from "~/lib/env.server";

export interface Database extends DatabaseConnection {
  /** The connection URL, for what opens its own connections (the job runner). */
  url: string;
  embedded?: RunningPostgres;
  seeded: boolean;
}

/**
 * The shop's database: `DATABASE_URL` when set (migrated, seeded only on request), else an embedded
 * PostgreSQL under `<DATA_DIR>/postgres`, migrated and seeded with the demo cooperative on first start.
 */
export async function openDatabase(env: Env, log: (line: string) => void): Promise<Database> {
  let url = env.DATABASE_URL;
  let embedded: RunningPostgres | undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({ databaseDir: path.join(env.dataDir, "postgres"), notice: log });
    url = embedded.url("etalase");
    log(`Embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${path.join(env.dataDir, "postgres")})`);
  }
  let connection: DatabaseConnection | undefined;
  let seeded = false;
  try {
    if (embedded) await ensureDatabase(embedded, "etalase");
    await migrateDatabase(url);
    connection = connect(url, { max: poolSize(env, url) });
    if (embedded && !(await hasAnyCooperative(connection.db))) {
      log("Seeding the demo cooperative (first start only)…");
      const started = Date.now();
      await seedDemo(connection.db, { mediaRoot: mediaRoot(env) });
      log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      seeded = true;
    }
  } catch (error) {
    // Whatever failed, the PostgreSQL started here stops with it.
    await connection?.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw error;
  }
  const opened = connection;
  return {
    ...opened,
    url,
    embedded,
    seeded,
    close: async () => {
      await opened.close();
      await embedded?.stop();
    },
  };
}

/**
 * How many connections the app keeps to Postgres (decision 46). A Postgres on this machine shares its cores with the
 * app, and connections beyond a few per core only add backends to wake and switch between: on two cores, home cost
 * the machine a tenth more CPU with ten connections than with six. Fewer than six slowed a checkout rush, whose
 * transactions hold theirs while they wait for a row. Another machine's cores are unknown here: postgres.js's ten.
 * `DATABASE_POOL_SIZE` decides when set.
 */
export function poolSize(env: Pick<Env, "DATABASE_POOL_SIZE">, url: string, cores = os.availableParallelism()): number {
  if (env.DATABASE_POOL_SIZE !== undefined) return env.DATABASE_POOL_SIZE;
  return onThisMachine(url) ? Math.max(6, 2 * cores) : 10;
}

/** A URL for a Postgres on this machine: localhost, a loopback address, or a Unix socket (no host). */
function onThisMachine(url: string): boolean {
  // Read as postgres.js reads it: `postgres://user@/db?host=/run/postgresql` is no URL to `new URL`.
  const authority = url.slice(url.indexOf("://") + 3).split(/[/?]/)[0] ?? "";
  const host = authority.slice(authority.lastIndexOf("@") + 1).replace(/:\d+$/, "");
  return host === "" || host === "localhost" || host === "[::1]" || /^127\./.test(host);
}

export function mediaRoot(env: Env): string {
  return path.join(env.dataDir, "media");
}
