import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findOrInstallChromium } from "../scripts/find-chromium";
import { blockingSplit, type BlockingSplit } from "./lighthouse-blocking";

/** One Lighthouse run's figures: scores 0–100, times in milliseconds, CLS unitless. */
export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Lighthouse's measure of the machine's speed during the run (a quiet desktop ~1000-2000; under 600 the CPU figures mean little). */
  benchmarkIndex: number;
  /** The TBT's sources, the document's own loading and the page's module scripts (absent when Lighthouse's internals could not be read). */
  blocking?: BlockingSplit;
}

export interface LighthouseRow {
  path: string;
  /** The run with the median performance score (Lighthouse's own advice for noisy machines). */
  median: LighthouseFigures;
  runs: LighthouseFigures[];
}

/**
 * Five runs a page: Lighthouse's variability guide finds the median of five about halves the spread of a single run, where
 * three left a page's median score 3-5 points apart between runs of the same build here (decision 52).
 */
export const DEFAULT_LIGHTHOUSE_RUNS = 5;

export interface LighthouseOptions {
  /** Runs a page (default `DEFAULT_LIGHTHOUSE_RUNS`; the median is reported). */
  runs?: number;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
  /** A folder for each run's full Lighthouse report (JSON), to read what it found. */
  reportDirectory?: string;
}

/**
 * Mobile Lighthouse (the default preset: a mid-range phone on slow 4G, simulated) over each path, in the
 * Chromium the end-to-end tests use (CHROMIUM_PATH, else /usr/bin/chromium). Needs the `lighthouse` package
 * (a dev dependency; 12.x is the line that still runs on Node 20).
 */
export async function lighthouseTable(baseUrl: string, paths: string[], options: LighthouseOptions = {}): Promise<LighthouseRow[]> {
  const runs = options.runs ?? DEFAULT_LIGHTHOUSE_RUNS;
  const lighthouse = await loadLighthouse();
  const rows: LighthouseRow[] = [];
  for (const pagePath of paths) {
    const figures: LighthouseFigures[] = [];
    for (let run = 1; run <= runs; run++) {
      // A fresh browser a run: nothing cached or warmed from the run before (Lighthouse also clears storage).
      const browser = await launchChromium();
      try {
        const result = await lighthouse(new URL(pagePath, baseUrl).href, {
          port: browser.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
          // "devtools": the browser really throttled (slow 4G, CPU x4) and the figures observed, not simulated.
          ...(process.env.LIGHTHOUSE_THROTTLING === "devtools" ? { throttlingMethod: "devtools" as const } : {}),
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${pagePath}`);
        if (options.reportDirectory) {
          fs.mkdirSync(options.reportDirectory, { recursive: true });
          const name = `${pagePath.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home"}-${run}.json`;
          fs.writeFileSync(path.join(options.reportDirectory, name), JSON.stringify(result.lhr, null, 1));
        }
        const blocking = await blockingSplit(lighthouseModule(), result);
        const runFigures = { ...figuresOf(result.lhr), ...(blocking ? { blocking } : {}) };
        figures.push(runFigures);
        options.log?.(`  ${pagePath} run ${run}: ${describe(runFigures)}`);
      } finally {
        await browser.close();
      }
    }
    rows.push({ path: pagePath, median: medianRun(figures), runs: figures });
  }
  return rows;
}

/** Requests each page and every photo it names: image variants are made on first request; a shopper after the first meets them ready. */
export async function warmPages(baseUrl: string, paths: string[]): Promise<void> {
  for (const page of paths) {
    const html = await (await fetch(baseUrl + page)).text();
    for (const image of new Set(html.match(/\/media\/[^\s",\\]+/g))) await fetch(baseUrl + image).then((response) => response.arrayBuffer());
  }
}

/** The table as text: each page's median run, and the range of performance and LCP over its runs. */
export function formatLighthouseTable(rows: LighthouseRow[]): string {
  const header = ["page", "perf", "a11y", "best", "seo", "LCP s", "TBT ms", "doc/js ms", "CLS", "perf range", "LCP range s", "CPU index"];
  const widths = [28, 6, 6, 6, 5, 7, 8, 11, 7, 12, 13, 10];
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index] ?? 8)).join("").trimEnd();
  const lines = [line(header)];
  for (const row of rows) {
    const m = row.median;
    const perfs = row.runs.map((run) => run.performance);
    const lcps = row.runs.map((run) => run.lcp / 1000);
    lines.push(
      line([
        row.path.length > 27 ? `${row.path.slice(0, 26)}…` : row.path,
        String(m.performance),
        String(m.accessibility),
        String(m.bestPractices),
        String(m.seo),
        (m.lcp / 1000).toFixed(2),
        m.tbt.toFixed(0),
        m.blocking ? `${m.blocking.document.toFixed(0)}/${m.blocking.scripts.toFixed(0)}` : "–",
        m.cls.toFixed(3),
        `${Math.min(...perfs)}–${Math.max(...perfs)}`,
        `${Math.min(...lcps).toFixed(2)}–${Math.max(...lcps).toFixed(2)}`,
        m.benchmarkIndex.toFixed(0),
      ]),
    );
  }
  return lines.join("\n");
}

interface LighthouseResult {
  lhr: {
    categories: Record<string, { score: number | null } | undefined>;
    audits: Record<string, { numericValue?: number } | undefined>;
    runtimeError?: { code: string; message: string };
    environment?: { benchmarkIndex?: number };
    configSettings?: unknown;
  };
  artifacts?: unknown;
}
type RunLighthouse = (url: string, flags: Record<string, unknown>) => Promise<LighthouseResult | undefined>;

/**
 * Loaded when a table is asked for, so the rest of the bench (and the type check) does not depend on it:
 * Lighthouse is a large dev-only package.
 */
const lighthouseModule = (): string => process.env.LIGHTHOUSE_MODULE ?? "lighthouse";

async function loadLighthouse(): Promise<RunLighthouse> {
  const specifier = lighthouseModule();
  try {
    const loaded = (await import(specifier)) as { default: RunLighthouse };
    return loaded.default;
  } catch (error) {
    throw new Error(`Could not load Lighthouse (${specifier}); install it with \`npm install --save-dev lighthouse@^12.8.2\`.`, { cause: error });
  }
}

function figuresOf(lhr: LighthouseResult["lhr"]): LighthouseFigures {
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    lcp: value("largest-contentful-paint"),
    tbt: value("total-blocking-time"),
    cls: value("cumulative-layout-shift"),
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? Number.NaN,
  };
}

function medianRun(runs: LighthouseFigures[]): LighthouseFigures {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance || a.lcp - b.lcp);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function describe(f: LighthouseFigures): string {
  return `perf ${f.performance}, a11y ${f.accessibility}, best ${f.bestPractices}, seo ${f.seo}, LCP ${(f.lcp / 1000).toFixed(2)} s, TBT ${f.tbt.toFixed(0)} ms${f.blocking ? ` (document ${f.blocking.document.toFixed(0)}, scripts ${f.blocking.scripts.toFixed(0)})` : ""}, CLS ${f.cls.toFixed(3)} (CPU index ${f.benchmarkIndex.toFixed(0)})`;
}

let chromium: string | undefined;

/** The Chromium `npm test` uses (CHROMIUM_PATH, Debian's, Playwright's), installed as it installs one when there is none. */
export function chromiumPath(log: (line: string) => void = console.log): string {
  chromium ??= findOrInstallChromium(log);
  return chromium;
}

/** Headless Chromium with a DevTools port for Lighthouse, in a throwaway profile. */
async function launchChromium(): Promise<{ port: number; close: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-lighthouse-"));
  const args = [
    "--headless=new",
    "--remote-debugging-port=0",
    `--user-data-dir=${profile}`,
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    // Chromium refuses to run as root with its sandbox (these machines run as root).
    ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
    "about:blank",
  ];
  const child = spawn(chromiumPath(), args, { stdio: ["ignore", "ignore", "pipe"] });
  const port = await devToolsPort(child);
  return {
    port,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      // Chromium's helper processes may still be writing their caches for a moment after the browser exits.
      try {
        fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch {
        // a leftover profile folder in the temp directory is no reason to lose a measurement
      }
    },
  };
}

function devToolsPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`Chromium did not open a DevTools port within 30 s:\n${output}`)), 30_000);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        child.stderr?.removeAllListeners("data");
        child.stderr?.resume();
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => fail(new Error(`Chromium exited (${code}) before opening a DevTools port:\n${output}`)));
  });
}
