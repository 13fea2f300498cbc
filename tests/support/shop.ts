import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { freePort } from "../../db/embedded";

export { expect };

interface Shop {
  baseURL: string;
  mailbox: string;
}

/**
 * Each Playwright worker runs its own shop (scripts/e2e-server.ts: the built app on its own embedded Postgres, seeded
 * with the demo cooperative, with its own mailbox), so test files run side by side without sharing data, and a
 * journey never meets another one's changes. Specs import `test` and `expect` from here.
 */
export const test = base.extend<object, { shop: Shop }>({
  shop: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, provide, workerInfo) => {
      const port = await freePort();
      const mailbox = path.join(os.tmpdir(), `etalase-e2e-mailbox-${process.pid}-${port}`);
      // The shop's test clock (decision 34): a spec writes an offset in milliseconds there to let the payout hold pass.
      const clockFile = path.join(os.tmpdir(), `etalase-e2e-clock-${process.pid}-${port}`);
      const logFile = path.join(workerInfo.project.outputDir, `shop-${workerInfo.workerIndex}.log`);
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      const log = fs.openSync(logFile, "w");
      const server = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/e2e-server.ts"], {
        // Cheap password hashes for the test shop (decision 41): sign-ins are the journeys' subject, not scrypt's cost.
        env: { ...process.env, E2E_PORT: String(port), E2E_MAILBOX_DIR: mailbox, E2E_CLOCK_FILE: clockFile, ETALASE_TEST_FAST_PASSWORD_HASH: "1" },
        stdio: ["ignore", log, log],
      });
      const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
      const baseURL = `http://localhost:${port}`;
      await expect
        .poll(
          async () => {
            if (server.exitCode !== null) throw new Error(`the e2e shop stopped (exit ${server.exitCode}); see ${logFile}`);
            return fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.status, () => 0);
          },
          { timeout: 180_000, intervals: [250, 500, 1000], message: `the e2e shop on ${baseURL} (log: ${logFile})` },
        )
        .toBe(200);
      // The mailbox helpers (tests/support/e2e.ts) read this worker's shop's mailbox; specs move its clock.
      process.env.E2E_MAILBOX_DIR = mailbox;
      process.env.E2E_CLOCK_FILE = clockFile;
      await provide({ baseURL, mailbox });
      // SIGTERM lets the shop stop its PostgreSQL and remove its data.
      server.kill("SIGTERM");
      const stopped = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("late"), 30_000))]);
      if (stopped === "late") server.kill("SIGKILL");
      fs.closeSync(log);
    },
    { scope: "worker", timeout: 240_000 },
  ],
  baseURL: async ({ shop }, provide) => {
    await provide(shop.baseURL);
  },
});
