import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findOrInstallChromium } from "./find-chromium";

/**
 * `npm test`: lint, type check, unit and integration tests (real Postgres), then end-to-end tests in
 * Chromium at a phone viewport against a fresh build. Ends with one line of totals.
 */
const log = (line: string) => console.log(`\n[test] ${line}`);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-test-reports-"));
const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");
const bin = (name: string) => path.join("node_modules", ".bin", name);
const timings: string[] = [];
let failedStep: string | undefined;

function step(name: string, command: string, args: string[], env: Record<string, string> = {}) {
  if (failedStep) return;
  log(name);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) failedStep = name;
}

const chromium = findOrInstallChromium(log);
step("lint", bin("eslint"), ["--max-warnings", "0", "."]);
step("typecheck", bin("tsc"), ["--noEmit"]);
step("unit and integration tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]);
step("build", bin("remix"), ["vite:build"]);
step("end-to-end tests", bin("playwright"), ["test", "--reporter=list,json"], {
  CHROMIUM_PATH: chromium,
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
});

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(vitestReport)) {
  const report = JSON.parse(fs.readFileSync(vitestReport, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests;
}
if (fs.existsSync(playwrightReport)) {
  const { stats } = JSON.parse(fs.readFileSync(playwrightReport, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
}
fs.rmSync(reports, { recursive: true, force: true });
log(timings.join(" · "));
if (failedStep) {
  console.log(`[test] failed at: ${failedStep}`);
  failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failedStep ? 1 : 0);
