import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clusterLocaleFlags } from "~db/embedded";
import { repairNativeDirectory } from "~db/postgres-binaries";
import { explainPostgresFailure, type FailureContext } from "~db/postgres-failures";

const context: FailureContext = { dataDir: ".data/postgres", port: 41234, user: "postgres", phase: "start" };
const stamp = "2026-12-02 00:58:47.982 UTC [16776]";

describe("what PostgreSQL said, in one sentence", () => {
  it("a taken port", () => {
    const log = [
      `${stamp} LOG:  could not bind IPv4 address "127.0.0.1": Address already in use`,
      `${stamp} HINT:  Is another postmaster already running on port 41234? If not, wait a few seconds and retry.`,
      `${stamp} FATAL:  could not create any TCP/IP sockets`,
    ].join("\n");
    expect(explainPostgresFailure(log, context)).toEqual({
      kind: "port-taken",
      message: "Port 41234 on 127.0.0.1, which the embedded PostgreSQL was to use, is taken by another program; stop that program (or free the port) and start again.",
    });
  });

  it("a full disk, while the cluster is made or started", () => {
    const initdb = `running bootstrap script ... \n${stamp} FATAL:  could not write to file "pg_wal/xlogtemp.16890": No space left on device\nchild process exited with exit code 1`;
    expect(explainPostgresFailure(initdb, { ...context, phase: "initdb" })).toEqual({
      kind: "disk-full",
      message: "The disk that holds .data/postgres is full; free some space there and start again.",
    });
    expect(explainPostgresFailure(`${stamp} PANIC:  could not write to file "pg_wal/xlogtemp.1": No space left on device`, context).kind).toBe("disk-full");
  });

  it("too little shared memory (a small /dev/shm in a container) is not taken for a full disk", () => {
    const failure = explainPostgresFailure(`${stamp} FATAL:  could not resize shared memory segment "/PostgreSQL.1" to 1048576 bytes: No space left on device`, context);
    expect(failure.kind).toBe("shared-memory");
    expect(failure.message).toMatch(/--shm-size/);
  });

  it("another PostgreSQL on the same folder, with its PID", () => {
    const log = `${stamp} FATAL:  lock file "postmaster.pid" already exists\n${stamp} HINT:  Is another postmaster (PID 4242) running in data directory ".data/postgres"?`;
    expect(explainPostgresFailure(log, context)).toEqual({
      kind: "already-running",
      message: "Another PostgreSQL (PID 4242) is already running on .data/postgres; stop it (or the npm start that owns it) and start again.",
    });
  });

  it("a cluster of another PostgreSQL version", () => {
    const log = `${stamp} FATAL:  database files are incompatible with server\n${stamp} DETAIL:  The data directory was initialized by PostgreSQL version 16, which is not compatible with this version 18.4.`;
    const failure = explainPostgresFailure(log, context);
    expect(failure.kind).toBe("other-version");
    expect(failure.message).toMatch(/^The database in \.data\/postgres was made by PostgreSQL 16, and this Etalase runs PostgreSQL 18\.4; .*delete \.data\/postgres to start over/);
  });

  it("a damaged cluster: a broken or missing control file, a lost checkpoint", () => {
    for (const line of [
      `${stamp} PANIC:  could not read file "global/pg_control": read 7 of 296`,
      'postgres: could not find the database system\nExpected to find it in the directory ".data/postgres",\nbut could not open file ".data/postgres/global/pg_control": No such file or directory',
      `${stamp} PANIC:  could not locate a valid checkpoint record at 0/1A2B3C4`,
    ]) {
      expect(explainPostgresFailure(line, context)).toEqual({
        kind: "damaged",
        message: "The database in .data/postgres is damaged or incomplete; delete .data/postgres to start over with fresh demo data (or restore it from a backup).",
      });
    }
  });

  it("wrong ownership or permissions of the folder", () => {
    const log = `${stamp} FATAL:  data directory ".data/postgres" has invalid permissions\n${stamp} DETAIL:  Permissions should be u=rwx (0700) or u=rwx,g=rx (0750).`;
    expect(explainPostgresFailure(log, context).kind).toBe("ownership");
    expect(explainPostgresFailure(`${stamp} FATAL:  data directory ".data/postgres" has wrong ownership`, context).message).toMatch(/running as postgres/);
  });

  it("a refused file names the user PostgreSQL runs as", () => {
    const failure = explainPostgresFailure(`${stamp} FATAL:  could not open file "postgresql.conf": Permission denied`, context);
    expect(failure.kind).toBe("permission");
    expect(failure.message).toMatch(/^PostgreSQL, running as postgres, may not use \.data\/postgres \(could not open file "postgresql\.conf": Permission denied\)/);
  });

  it("anything else: its last error line, without timestamps, on one line", () => {
    const failure = explainPostgresFailure(`${stamp} LOG:  starting PostgreSQL 18.4\n${stamp} FATAL:  something nobody has seen before`, context);
    expect(failure).toEqual({
      kind: "other",
      message: "PostgreSQL did not start (something nobody has seen before); if this persists, delete .data/postgres to start over with fresh demo data (or restore it from a backup).",
    });
  });
});

describe("the cluster's encoding and locale", () => {
  it("keeps an installed UTF-8 locale of the environment", () => {
    expect(clusterLocaleFlags("C.UTF-8", ["C", "C.utf8", "POSIX"])).toEqual(["--encoding=UTF8", "--locale=C.UTF-8"]);
    expect(clusterLocaleFlags("id_ID.UTF-8", ["C", "id_ID.utf8"])).toEqual(["--encoding=UTF8", "--locale=id_ID.UTF-8"]);
  });

  it("makes a UTF-8 cluster where a bare container has no LANG (initdb would make SQL_ASCII) or one not installed", () => {
    expect(clusterLocaleFlags(undefined, ["C", "C.utf8", "POSIX"])).toEqual(["--encoding=UTF8", "--locale=C.UTF-8"]);
    expect(clusterLocaleFlags("en_GB.UTF-8", ["C", "POSIX", "en_US.utf8"])).toEqual(["--encoding=UTF8", "--locale=en_US.UTF-8"]);
    expect(clusterLocaleFlags("POSIX", ["C", "POSIX"])).toEqual(["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"]);
  });
});

describe("the binaries' library links, when npm did not run the package's install step", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it("makes the links the package lists, relative, and marks the programs executable", () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-native-"));
    const native = path.join(root, "native");
    fs.mkdirSync(path.join(native, "lib"), { recursive: true });
    fs.mkdirSync(path.join(native, "bin"));
    fs.writeFileSync(path.join(native, "lib", "libicuuc.so.60.2"), "library");
    fs.writeFileSync(path.join(native, "bin", "postgres"), "program", { mode: 0o644 });
    fs.writeFileSync(
      path.join(native, "pg-symlinks.json"),
      JSON.stringify([
        { source: "native/lib/libicuuc.so.60.2", target: "native/lib/libicuuc.so.60" },
        { source: "native/lib/libicuuc.so.60.2", target: "native/lib/libicuuc.so" },
      ]),
    );
    expect(repairNativeDirectory(native)).toBe(true);
    expect(fs.readlinkSync(path.join(native, "lib", "libicuuc.so.60"))).toBe("libicuuc.so.60.2");
    expect(fs.readFileSync(path.join(native, "lib", "libicuuc.so"), "utf8")).toBe("library");
    expect(fs.statSync(path.join(native, "bin", "postgres")).mode & 0o555).toBe(0o555);
    // Run again, nothing changes.
    expect(repairNativeDirectory(native)).toBe(true);
  });
});
