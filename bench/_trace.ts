import fs from "node:fs";
// one-off: Lighthouse run keeping the trace
const { default: lighthouse } = await import("lighthouse");
const chromeLauncher = await import("chrome-launcher").catch(() => null);
