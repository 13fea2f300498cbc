import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const serverBuildFile = path.join(root, "build/server/index.js");
export const clientBuildDirectory = path.join(root, "build/client");

/** The newest modification time under the folders the build reads. */
function newestSource(): number {
  let newest = 0;
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const folder of ["app", "public", "db/schema"]) walk(path.join(root, folder));
  for (const file of ["package-lock.json", "vite.config.ts", "remix.config.js"]) newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
  return newest;
}

/** Builds the app with Vite when there is no build yet or the sources changed since. */
export function ensureBuild(log: (line: string) => void): void {
  if (fs.existsSync(serverBuildFile) && fs.statSync(serverBuildFile).mtimeMs >= newestSource()) return;
  log("Building the app (first start or sources changed)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) throw new Error("The build failed; see the messages above.");
}
