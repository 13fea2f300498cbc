/**
 * Turns what PostgreSQL (or initdb) said before giving up into one plain sentence: what is wrong and what
 * to do. Pure, so each kind of failure is tested without breaking a real cluster.
 */
export type FailureKind = "port-taken" | "disk-full" | "shared-memory" | "already-running" | "other-version" | "ownership" | "damaged" | "permission" | "other";

export interface FailureContext {
  /** The data folder as the person knows it (`.data/postgres`), which the advice names. */
  dataDir: string;
  port: number;
  /** The operating-system user PostgreSQL runs as. */
  user: string;
  phase: "initdb" | "start";
}

export interface Failure {
  kind: FailureKind;
  message: string;
}

/** The text after `FATAL:`/`PANIC:`/`ERROR:`/`LOG:` of a log line, without the timestamp and PID before it. */
function messageOf(line: string): string {
  const match = /\b(?:FATAL|PANIC|ERROR|LOG|HINT|DETAIL):\s+(.*)$/.exec(line);
  return (match ? match[1]! : line).trim();
}

export function explainPostgresFailure(output: string, context: FailureContext): Failure {
  const { dataDir, port, user, phase } = context;
  const lines = output.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const find = (pattern: RegExp) => lines.find((line) => pattern.test(line));
  const startOver = `delete ${dataDir} to start over with fresh demo data (or restore it from a backup)`;

  const sharedMemory = find(/could not (?:create|resize|allocate|map|attach|open)\b.*shared memory/i);
  if (sharedMemory) {
    return {
      kind: "shared-memory",
      message: `PostgreSQL could not get the shared memory it needs (${messageOf(sharedMemory)}); give the machine or container more (for Docker: --shm-size=256m) and start again.`,
    };
  }
  if (find(/No space left on device|could not extend file|Disk quota exceeded/i)) {
    return { kind: "disk-full", message: `The disk that holds ${dataDir} is full; free some space there and start again.` };
  }
  if (find(/could not bind IPv[46] address.*Address already in use|could not create any TCP\/IP sockets/i)) {
    return {
      kind: "port-taken",
      message: `Port ${port} on 127.0.0.1, which the embedded PostgreSQL was to use, is taken by another program; stop that program (or free the port) and start again.`,
    };
  }
  const lock = find(/lock file "postmaster\.pid" already exists|Is another postmaster/i);
  if (lock) {
    const pid = /PID (\d+)/.exec(lines.join(" "))?.[1];
    return {
      kind: "already-running",
      message: `Another PostgreSQL${pid ? ` (PID ${pid})` : ""} is already running on ${dataDir}; stop it (or the npm start that owns it) and start again.`,
    };
  }
  const version = find(/initialized by PostgreSQL version \S+/i);
  if (version) {
    const theirs = /initialized by PostgreSQL version (\d+(?:\.\d+)*)/i.exec(version)?.[1];
    const ours = /compatible with this version (\d+(?:\.\d+)*)/i.exec(lines.join(" "))?.[1];
    return {
      kind: "other-version",
      message: `The database in ${dataDir} was made by PostgreSQL ${theirs ?? "of another version"}, and this Etalase runs PostgreSQL ${ours ?? "of another version"}; start it with the Etalase that made it, or ${startOver}.`,
    };
  }
  if (find(/has wrong ownership|has invalid permissions|must be owned by|should be owned by/i)) {
    return {
      kind: "ownership",
      message: `The database folder ${dataDir} belongs to another user or has the wrong permissions for PostgreSQL (running as ${user}); start Etalase as the user who made it, or ${startOver}.`,
    };
  }
  if (find(/exists but is not empty/i)) {
    return { kind: "damaged", message: `${dataDir} holds files but no complete database (an interrupted first start?); ${startOver}.` };
  }
  if (
    find(
      /not a valid data directory|PG_VERSION|pg_control|checkpoint record|could not locate a valid checkpoint|incorrect checksum|invalid magic number|could not open file "(?:global|base|pg_wal|pg_xact)|could not read file|invalid resource manager|database system was not properly shut down.*corrupt|could not open directory "(?:pg_|base|global)/i,
    )
  ) {
    return { kind: "damaged", message: `The database in ${dataDir} is damaged or incomplete; ${startOver}.` };
  }
  if (find(/Permission denied|Operation not permitted/i)) {
    return {
      kind: "permission",
      message: `PostgreSQL, running as ${user}, may not use ${dataDir} (${messageOf(find(/Permission denied|Operation not permitted/i)!)}); give that user the folder, or ${startOver}.`,
    };
  }
  const last = [...lines].reverse().find((line) => /\b(FATAL|PANIC|ERROR)\b|error|failed|could not/i.test(line)) ?? lines.at(-1);
  const what = phase === "initdb" ? "set up its database" : "start";
  return {
    kind: "other",
    message: `PostgreSQL did not ${what}${last ? ` (${messageOf(last)})` : ""}; ${phase === "initdb" ? `check that ${dataDir} is on a writable disk with some free space` : `if this persists, ${startOver}`}.`,
  };
}
