import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Cheap password hashes in test runs (decision 41); tests of the production parameters clear it.
    env: { ETALASE_TEST_FAST_PASSWORD_HASH: "1" },
    // Two test files at a time on 2 cores (vitest's default is one fewer than the cores): an integration test spends
    // much of its time waiting for PostgreSQL, which runs in processes of its own (decision 41).
    maxWorkers: 2,
    // Unit tests are pure (no database, no module state they change), so a worker loads the app's modules once for
    // all its unit files instead of once per file (the unit project: 6 s instead of 20). Isolation is a pool-wide
    // setting in vitest 3; the integration project asks for it back below.
    poolOptions: { forks: { isolate: false } },
    projects: [
      {
        extends: true,
        // 60 s, not 5 s: loading the area data took 7 s with both cores busy.
        test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], environment: "node", testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          // Budgets for 2 cores shared with other work: password hashing (scrypt, 32 MiB) in a loop of 51
          // sign-ins took over 30 s there while the other test files ran beside it.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          poolOptions: { forks: { isolate: true } },
        },
      },
    ],
  },
});
