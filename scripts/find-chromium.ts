import { execSync, spawnSync } from "node:child_process";
import fs from "node:fs";

/**
 * A Chromium for the end-to-end tests: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own;
 * when there is none, installs one (apt on Debian as root, else Playwright's installer).
 */
export function findOrInstallChromium(log: (line: string) => void): string {
  const found = findChromium();
  if (found) return found;
  const debian = fs.existsSync("/etc/debian_version");
  const root = process.getuid?.() === 0;
  if (debian && (root || commandExists("sudo"))) {
    log("No Chromium found; installing Debian's chromium package…");
    const sudo = root ? "" : "sudo ";
    execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
      stdio: "inherit",
    });
  } else {
    log("No Chromium found; installing Playwright's Chromium…");
    execSync("npx playwright install chromium", { stdio: "inherit" });
  }
  const installed = findChromium();
  if (!installed) throw new Error("Could not find or install Chromium. Set CHROMIUM_PATH to a Chromium or Chrome binary.");
  return installed;
}

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", playwrightChromium()];
  return candidates.find((candidate): candidate is string => Boolean(candidate && fs.existsSync(candidate)));
}

function playwrightChromium(): string | undefined {
  const result = spawnSync(process.execPath, ["-e", "process.stdout.write(require('playwright-core').chromium.executablePath())"], {
    encoding: "utf8",
  });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function commandExists(command: string) {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
}
