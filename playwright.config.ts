import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3199);
// The shop's local mailbox (no SMTP in the e2e run): tests read e-mails there, as a person running the demo would.
process.env.E2E_MAILBOX_DIR ??= path.join(os.tmpdir(), `etalase-e2e-mailbox-${port}`);
// The shop's test clock (decision 34): a spec writes an offset in milliseconds there to let the payout hold pass.
process.env.E2E_CLOCK_FILE ??= path.join(os.tmpdir(), `etalase-e2e-clock-${port}`);

/** Runs the built app on a throwaway embedded Postgres seeded with the demo cooperative. */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  // Budgets for a machine shared with other work (2 cores, Chromium, the server and Postgres together):
  // a state the user would see may take seconds to come; long journeys ask for more with test.slow().
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || undefined,
      // Every *.etalase.test host is this machine: a second cooperative gets a host of its own.
      args: ["--host-resolver-rules=MAP *.etalase.test 127.0.0.1", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    {
      name: "phone",
      use: { ...devices["Pixel 7"], browserName: "chromium", locale: "id-ID" },
    },
  ],
  webServer: {
    command: `tsx scripts/e2e-server.ts`,
    env: { E2E_PORT: String(port), E2E_MAILBOX_DIR: process.env.E2E_MAILBOX_DIR, E2E_CLOCK_FILE: process.env.E2E_CLOCK_FILE },
    url: `http://localhost:${port}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM lets the server stop its PostgreSQL and remove its data (the default, SIGKILL, left both).
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
