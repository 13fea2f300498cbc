import { spawn } from "node:child_process";
import { freePort } from "../db/embedded";

export interface BenchApp {
  base: string;
  stop: () => void;
  /** The first link on `page` matching `pattern` (its first group), e.g. a product page to measure. */
  firstLink: (page: string, pattern: RegExp) => Promise<string>;
}

/**
 * The built app as the end-to-end tests run it (embedded Postgres, demo seed, its own media folder) on a
 * free port, ready once /healthz answers. Stopped on SIGINT too.
 */
export async function startBenchApp(log: (line: string) => void = console.log): Promise<BenchApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  log(`Starting the app (build if needed, embedded Postgres, demo seed) on ${base}…`);
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/e2e-server.ts"], {
    env: { ...process.env, E2E_PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => {
    server.kill("SIGTERM");
  };
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error("The app exited before it was ready");
    if (Date.now() > deadline) {
      stop();
      throw new Error(`${base}/healthz did not answer within 180 s`);
    }
    const ok = await fetch(`${base}/healthz`).then((response) => response.ok, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { base, stop, firstLink: firstLinkOn(base) };
}

/** A running shop at `base` (nothing to start or stop), e.g. a deployed one. */
export function runningApp(base: string): BenchApp {
  const trimmed = base.replace(/\/$/, "");
  return { base: trimmed, stop: () => {}, firstLink: firstLinkOn(trimmed) };
}

function firstLinkOn(base: string): BenchApp["firstLink"] {
  return async (page, pattern) => {
    const html = await (await fetch(`${base}${page}`)).text();
    const match = pattern.exec(html);
    if (!match?.[1]) throw new Error(`No link matching ${pattern} on ${page}`);
    return match[1];
  };
}
