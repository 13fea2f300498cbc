import { defineConfig, devices } from "@playwright/test";

/**
 * Each worker runs the built app on a throwaway embedded Postgres seeded with the demo cooperative, with its own
 * mailbox (the `shop` fixture in tests/support/shop.ts), so test files run side by side without sharing data.
 * E2E_WORKERS sets how many (default 2: the machine this project is tested on has 2 cores, and a journey spends
 * much of its time waiting for what a person would see).
 */
export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "tests/support/e2e-global-setup.ts",
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  // Budgets for a machine shared with other work (2 cores, Chromium, the server and Postgres together):
  // a state the user would see may take seconds to come; long journeys ask for more with test.slow().
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    // Recording a trace costs every test a screenshot and a DOM snapshot per action, about a tenth of the run's CPU
    // (measured: 18 journeys took 174–184 s with traces kept on failure, 151–163 s without). With CI set (as CI services
    // set it), a failed test runs once more, with a trace; locally, `npx playwright test --trace on` records what is needed.
    trace: "on-first-retry",
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
});
