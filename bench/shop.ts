import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { SHOP_NODE_FLAGS } from "../server/node-flags";

/**
 * The shop as `npm start` runs it (its Node flags and app processes too), in processes of its own (so a load generator never shares its event loop), against
 * `databaseUrl`, with its data folder, on 127.0.0.1:`port`, jobs off. `nodeOptions` go before the script (a CPU
 * profile, say); `env` adds or overrides variables (PAGE_CACHE_MB, say).
 */
export function startShop(options: { databaseUrl: string; dataDir: string; port: number; nodeOptions?: string[]; env?: Record<string, string> }): ChildProcess {
  return spawn(process.execPath, [...SHOP_NODE_FLAGS, ...(options.nodeOptions ?? []), "--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      SESSION_SECRET: randomBytes(32).toString("hex"),
      DATA_DIR: options.dataDir,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      JOBS: "off",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Waits until `url` answers 200, or fails when the shop exits or the time is up. */
export async function waitForShop(shop: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (shop.exitCode !== null) throw new Error("The shop exited before it was ready");
    if (await fetch(url).then((response) => response.ok).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The shop did not start at ${url}`);
}
