import { describe, expect, it } from "vitest";
import { StartupError } from "~db/startup-error";
import { EnvError } from "~/lib/env.server";
import { describeStartupError } from "../../server/startup-errors";

describe("npm start's one line for a failure", () => {
  const systemError = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${code}: something`), { code, ...extra });

  it("passes our own start-up and configuration errors through as they are", () => {
    expect(describeStartupError(new StartupError("Do this."))).toBe("Do this.");
    expect(describeStartupError(new EnvError("PORT must be a number"))).toBe("PORT must be a number");
  });

  it("a taken or privileged HTTP port", () => {
    expect(describeStartupError(systemError("EADDRINUSE", { syscall: "listen", port: 3000 }))).toBe(
      "Port 3000 is already in use by another program; stop it, or start on another port: PORT=3001 npm start.",
    );
    expect(describeStartupError(systemError("EACCES", { syscall: "listen", port: 80 }))).toMatch(/^Port 80 needs administrator rights/);
  });

  it("a full disk, from the system or from PostgreSQL", () => {
    expect(describeStartupError(systemError("ENOSPC", { path: ".data/media/x.webp" }))).toBe("The disk is full (.data/media/x.webp); free some space and start again.");
    expect(describeStartupError(systemError("53100"))).toBe("The disk is full; free some space and start again.");
  });

  it("an external database that cannot be reached or refuses, named without its password", () => {
    const databaseUrl = "postgres://shop:secret@db.internal:5433/etalase";
    const unreachable = describeStartupError(systemError("ECONNREFUSED"), { databaseUrl });
    expect(unreachable).toBe("Cannot reach the PostgreSQL at db.internal:5433/etalase (ECONNREFUSED); check that it is running and that DATABASE_URL is right.");
    expect(describeStartupError(systemError("28P01"), { databaseUrl })).toBe("The PostgreSQL at db.internal:5433/etalase refused the user or password in DATABASE_URL; correct them.");
  });

  it("anything else by its first line, without a stack trace", () => {
    const line = describeStartupError(new Error("The build failed; see the messages above.\n    at somewhere (file.ts:1:1)"));
    expect(line).toBe("Etalase could not start: The build failed; see the messages above. (DEBUG=1 npm start shows the full error.)");
  });
});
