import { StartupError } from "~db/startup-error";
import { EnvError } from "~/lib/env.server";

/**
 * One plain line for whatever stopped `npm start` (what went wrong and what to do), never a stack trace:
 * our own start-up errors as they are, and the usual system and database failures by their codes.
 * Anything else is named by its message, with `DEBUG=1` for the full error.
 */
export function describeStartupError(error: unknown, context: { port?: number; host?: string; databaseUrl?: string } = {}): string {
  if (error instanceof StartupError || error instanceof EnvError) return error.message;
  const line = describe(error, context);
  return line.charAt(0).toUpperCase() + line.slice(1);
}

function describe(error: unknown, context: { port?: number; host?: string; databaseUrl?: string }): string {
  const failure = error as { code?: unknown; message?: unknown; address?: unknown; port?: unknown; path?: unknown; syscall?: unknown };
  const code = typeof failure.code === "string" ? failure.code : undefined;
  const message = typeof failure.message === "string" ? failure.message.split("\n")[0]!.trim() : String(error);
  const port = typeof failure.port === "number" ? failure.port : context.port;
  const where = typeof failure.path === "string" ? ` (${failure.path})` : "";
  const database = context.databaseUrl ? describeUrl(context.databaseUrl) : "the database";

  if (failure.syscall === "listen" || code === "EADDRINUSE") {
    if (code === "EADDRINUSE") return `Port ${port} is already in use by another program; stop it, or start on another port: PORT=${(port ?? 3000) + 1} npm start.`;
    if (code === "EACCES") return `Port ${port} needs administrator rights on this machine; use a port above 1023 (PORT=3000 npm start).`;
    if (code === "EADDRNOTAVAIL") return `HOST=${context.host} is not an address of this machine; leave HOST unset to listen on all addresses.`;
  }
  switch (code) {
    case "ENOSPC":
    case "53100": // PostgreSQL: disk_full
      return `The disk is full${where}; free some space and start again.`;
    case "EROFS":
      return `Etalase must write to a folder on a read-only disk${where}; point DATA_DIR at a writable folder.`;
    case "EACCES":
    case "EPERM":
      return `Etalase may not write to a folder it needs${where}; give this user the folder, or point DATA_DIR at one of yours.`;
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "ETIMEDOUT":
    case "CONNECT_TIMEOUT":
      return `Cannot reach ${database} (${code}); check that it is running and that DATABASE_URL is right.`;
    case "28P01":
    case "28000":
      return `${database} refused the user or password in DATABASE_URL; correct them.`;
    case "3D000":
      return `The database named in DATABASE_URL does not exist on ${database}; create it (createdb) or correct the URL.`;
    case "57P03":
      return `${database} is still starting up or shutting down; start again in a moment.`;
    case "53300":
      return `${database} has no free connections; raise max_connections or stop other clients.`;
    case "42501":
      return `The DATABASE_URL user may not change the schema (${message}); give it ownership of the database, or use the owner's URL.`;
  }
  return `Etalase could not start: ${message.replace(/[.\s]+$/, "")}. (DEBUG=1 npm start shows the full error.)`;
}

/** The host and database of a postgres:// URL, without its password. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `the PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "the database";
  }
}
