import { runningApp, startBenchApp } from "./app-server";
import { DEFAULT_LIGHTHOUSE_RUNS, formatLighthouseTable, lighthouseTable, warmPages } from "./lighthouse";

/**
 * `npm run bench:lighthouse`: starts the built app on its own seeded database and prints mobile Lighthouse
 * figures (median of LIGHTHOUSE_RUNS runs, default 5) for the home page, the listing and a product page.
 * LIGHTHOUSE_BASE_URL measures a shop that is already running instead; LIGHTHOUSE_REPORTS names a folder
 * for each run's full report.
 */
const runs = Number(process.env.LIGHTHOUSE_RUNS ?? DEFAULT_LIGHTHOUSE_RUNS);
const app = process.env.LIGHTHOUSE_BASE_URL ? runningApp(process.env.LIGHTHOUSE_BASE_URL) : await startBenchApp();
try {
  const productPath = await app.firstLink("/products", /href="(\/p\/[a-z0-9-]+)"/);
  const paths = ["/", "/products", productPath];
  await warmPages(app.base, paths);
  const throttling = process.env.LIGHTHOUSE_THROTTLING === "devtools" ? "devtools throttling, observed" : "default preset, simulated";
  console.log(`Mobile Lighthouse (${throttling}), ${runs} runs a page, median by performance score:`);
  const rows = await lighthouseTable(app.base, paths, { runs, log: console.log, reportDirectory: process.env.LIGHTHOUSE_REPORTS });
  console.log(`\n${formatLighthouseTable(rows)}`);
} finally {
  app.stop();
}

