import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres, StartupError, type RunningPostgres } from "~db/embedded";

/**
 * The embedded PostgreSQL's start on a real cluster: each way a start can fail ends in one sentence that
 * says what to do (a `StartupError`), and a start as root in a folder only root may enter works.
 */
const isRoot = process.getuid?.() === 0;
let scratch: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-embedded-test-"));
  // The shared cluster below lives in a folder anyone may enter, so it stays in place when run as root.
  fs.chmodSync(scratch, 0o755);
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function startFailure(options: Parameters<typeof startEmbeddedPostgres>[0]): Promise<StartupError> {
  const outcome = await startEmbeddedPostgres(options).then(
    async (running) => {
      await running.stop();
      return undefined;
    },
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(StartupError);
  const error = outcome as StartupError;
  expect(error.message.split("\n")).toHaveLength(1);
  return error;
}

describe("one cluster, started and refused", () => {
  let databaseDir: string;

  beforeAll(async () => {
    databaseDir = path.join(scratch, "shared", "postgres");
    const first = await startEmbeddedPostgres({ databaseDir });
    await first.stop();
  }, 120_000);

  it("says which port is taken when the one asked for is in use", async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const error = await startFailure({ databaseDir, port });
      expect(error.message).toMatch(new RegExp(`Port ${port} on 127\\.0\\.0\\.1.*is taken by another program`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 60_000);

  it("leaves the cluster as it was after a refused start", async () => {
    const running = await startEmbeddedPostgres({ databaseDir });
    await running.stop();
  }, 60_000);

  it("starts over a lock file a crash left behind (its PID now another program's)", async () => {
    const pidFile = path.join(databaseDir, "postmaster.pid");
    fs.writeFileSync(pidFile, `${process.pid}\n${databaseDir}\n`);
    const running = await startEmbeddedPostgres({ databaseDir });
    await running.stop();
    expect(fs.existsSync(pidFile)).toBe(false);
  }, 60_000);

  it("refuses a second start on a folder whose PostgreSQL is running", async () => {
    const running = await startEmbeddedPostgres({ databaseDir });
    try {
      const error = await startFailure({ databaseDir });
      expect(error.message).toMatch(/Another PostgreSQL \(PID \d+\) is already running on .*postgres; stop it/);
    } finally {
      await running.stop();
    }
  }, 60_000);

  it("names the version a cluster of another PostgreSQL was made by", async () => {
    const versionFile = path.join(databaseDir, "PG_VERSION");
    const original = fs.readFileSync(versionFile, "utf8");
    fs.writeFileSync(versionFile, "16\n");
    try {
      const error = await startFailure({ databaseDir });
      expect(error.message).toMatch(/was made by PostgreSQL 16, and this Etalase runs PostgreSQL 18[\d.]*; .*delete .* to start over/);
    } finally {
      fs.writeFileSync(versionFile, original);
    }
  }, 60_000);

  it("calls a cluster with its control file gone damaged, and says how to start over (last: it breaks the cluster)", async () => {
    fs.rmSync(path.join(databaseDir, "global", "pg_control"));
    const error = await startFailure({ databaseDir });
    expect(error.message).toMatch(/The database in .*postgres is damaged or incomplete; delete .* to start over/);
  }, 60_000);
});

it("refuses a folder that holds files but no database, naming it", async () => {
  const databaseDir = path.join(scratch, "not-a-cluster");
  fs.mkdirSync(databaseDir, { recursive: true });
  fs.writeFileSync(path.join(databaseDir, "notes.txt"), "not PostgreSQL\n");
  const error = await startFailure({ databaseDir });
  expect(error.message).toBe(`${databaseDir} holds files but no database (an interrupted first start?); delete ${databaseDir} to start over.`);
});

it.skipIf(!isRoot)(
  "as root, in a folder only root may enter: PostgreSQL (as user postgres) keeps its data in a folder it can reach, linked from the one asked for",
  async () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-closed-"));
    expect(fs.statSync(closed).mode & 0o777).toBe(0o700);
    const databaseDir = path.join(closed, "postgres");
    let running: RunningPostgres | undefined;
    try {
      const notices: string[] = [];
      running = await startEmbeddedPostgres({ databaseDir, notice: (line) => notices.push(line) });
      expect(fs.lstatSync(databaseDir).isSymbolicLink()).toBe(true);
      expect(fs.realpathSync(databaseDir)).toBe(running.dataDirectory);
      expect(notices.join("\n")).toMatch(/runs as user postgres, who may not enter .*etalase-closed-/);
      await running.stop();

      // The next start reuses the cluster behind the link.
      const marker = path.join(running.dataDirectory, "PG_VERSION");
      running = await startEmbeddedPostgres({ databaseDir });
      expect(fs.existsSync(marker)).toBe(true);
      await running.stop();

      // Deleting the folder asked for (as README says, to start over) gives a fresh cluster, the old one removed.
      const oldClusterMark = path.join(running.dataDirectory, "old-cluster");
      fs.writeFileSync(oldClusterMark, "");
      fs.rmSync(databaseDir);
      running = await startEmbeddedPostgres({ databaseDir });
      expect(fs.existsSync(path.join(running.dataDirectory, "PG_VERSION"))).toBe(true);
      expect(fs.existsSync(oldClusterMark)).toBe(false);
      await running.stop();
      fs.rmSync(path.dirname(running.dataDirectory), { recursive: true, force: true });
      running = undefined;
    } finally {
      await running?.stop();
      // The cluster behind the link, if a failed check left it.
      if (fs.lstatSync(databaseDir, { throwIfNoEntry: false })?.isSymbolicLink()) fs.rmSync(path.dirname(fs.readlinkSync(databaseDir)), { recursive: true, force: true });
      fs.rmSync(closed, { recursive: true, force: true });
    }
  },
  120_000,
);

it("follows a link of one's own (to another disk, say) and leaves it as it was", async () => {
  const elsewhere = path.join(scratch, "other-disk", "cluster");
  fs.mkdirSync(path.dirname(elsewhere), { recursive: true });
  const databaseDir = path.join(scratch, "linked", "postgres");
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
  fs.symlinkSync(elsewhere, databaseDir);
  const running = await startEmbeddedPostgres({ databaseDir });
  await running.stop();
  expect(fs.existsSync(path.join(elsewhere, "PG_VERSION"))).toBe(true);
  expect(fs.readlinkSync(databaseDir)).toBe(elsewhere);
}, 120_000);

it.skipIf(!isRoot)(
  "as root, a cluster that does not persist (test runs) is removed with its link on stop",
  async () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-closed-"));
    try {
      const databaseDir = path.join(closed, "postgres");
      const running = await startEmbeddedPostgres({ databaseDir, persistent: false });
      const container = path.dirname(running.dataDirectory);
      await running.stop();
      expect(fs.existsSync(container)).toBe(false);
      expect(fs.lstatSync(databaseDir, { throwIfNoEntry: false })).toBeUndefined();
    } finally {
      fs.rmSync(closed, { recursive: true, force: true });
    }
  },
  120_000,
);

/** A small disk of its own (tmpfs), where root may mount one; skipped elsewhere. */
function smallDisk(megabytes: number): { path: string; remove: () => void } | undefined {
  if (!isRoot || process.platform !== "linux") return undefined;
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-small-disk-"));
  fs.chmodSync(mountPoint, 0o755);
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m,mode=0755`, "tmpfs", mountPoint], { stdio: "ignore" });
  if (mounted.status !== 0) {
    fs.rmSync(mountPoint, { recursive: true, force: true });
    return undefined;
  }
  return {
    path: mountPoint,
    remove: () => {
      spawnSync("umount", [mountPoint], { stdio: "ignore" });
      fs.rmSync(mountPoint, { recursive: true, force: true });
    },
  };
}

it("says the disk is full when there is no room for the database (on a 12 MB disk, where it can mount one)", async (context) => {
  const disk = smallDisk(12);
  if (!disk) return context.skip();
  try {
    const databaseDir = path.join(disk.path, "postgres");
    const error = await startFailure({ databaseDir });
    expect(error.message).toBe(`The disk that holds ${databaseDir} is full; free some space there and start again.`);
    // Nothing half-made is left behind (nor the password file initdb read).
    expect(fs.readdirSync(disk.path)).toEqual([]);
  } finally {
    disk.remove();
  }
}, 120_000);
