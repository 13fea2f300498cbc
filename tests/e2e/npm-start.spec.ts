import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../../db/embedded";
import { DEMO_PASSWORD } from "../../db/seed/demo-users";
import { SHOP_NODE_FLAGS } from "../../server/node-flags";

/**
 * `npm start` as a person runs it on a fresh folder (embedded Postgres, the demo seeded), with two app processes
 * (decision 52): a session made in one is good in the other, a process that dies is replaced, and SIGTERM stops
 * every process and the database. Not the e2e shop fixture: this spec starts its own shop.
 */
test("npm start serves from one app process a core, shares sessions among them, replaces one that dies and stops them all", async ({ page }) => {
  test.slow();
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-npm-start-"));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", WEB_CONCURRENCY: "2" };
  for (const name of ["DATABASE_URL", "SESSION_SECRET", "PUBLIC_URL", "SMTP_URL"]) delete env[name];
  const shop = spawn(process.execPath, [...SHOP_NODE_FLAGS, "--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  shop.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  shop.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => shop.once("exit", resolve));
  try {
    await expect
      .poll(() => (shop.exitCode !== null ? Promise.reject(new Error(`npm start stopped:\n${output}`)) : status(`${base}/healthz`)), {
        timeout: 300_000,
        intervals: [500, 1000],
      })
      .toBe(200);
    // The first app process may answer before the second listens; the primary says so once both do.
    await expect.poll(() => output, { timeout: 120_000 }).toContain(`Etalase is running at http://localhost:${port} (2 app processes)`);
    const workers = appProcesses(shop.pid!);
    expect(workers).toHaveLength(2);

    // Signed in through the form on one connection; every fresh connection (the primary hands them out in turn)
    // finds the session, whichever process answers.
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("E-mail").fill("pembeli@example.com");
    await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
    await page.getByRole("main").getByRole("button", { name: "Masuk" }).click();
    await expect(page).toHaveURL(`${base}/account`);
    const cookie = (await page.context().cookies(base)).map((c) => `${c.name}=${c.value}`).join("; ");
    for (let i = 0; i < 6; i++) {
      const account = await get(`${base}/account`, cookie);
      expect(account.status, `fresh connection ${i + 1}`).toBe(200);
      expect(account.body).toContain("Wisatawan Demo");
    }

    // A process that dies is replaced; the shop answers all along.
    process.kill(workers[0]!, "SIGKILL");
    await expect.poll(() => output, { timeout: 60_000 }).toContain(`An app process (PID ${workers[0]}) exited (SIGKILL); starting another.`);
    await expect.poll(() => appProcesses(shop.pid!).filter((pid) => pid !== workers[0]).length, { timeout: 120_000 }).toBe(2);
    expect(await status(`${base}/`)).toBe(200);

    const running = appProcesses(shop.pid!);
    shop.kill("SIGTERM");
    expect(await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 60_000))])).toBe(0);
    expect(output).toContain("Stopped cleanly.");
    for (const pid of running) expect(alive(pid), `app process ${pid}`).toBe(false);
  } finally {
    if (shop.exitCode === null) {
      shop.kill("SIGKILL");
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/** The shop's app processes: the primary's children running scripts/start.ts (its Postgres is a child too). */
function appProcesses(primary: number): number[] {
  const children = fs.readFileSync(`/proc/${primary}/task/${primary}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return children.filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("scripts/start.ts");
    } catch {
      return false;
    }
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function status(url: string): Promise<number> {
  return get(url).then(
    (response) => response.status,
    () => 0,
  );
}

/** A GET on a connection of its own (no keep-alive agent), so that each may reach another app process. */
function get(url: string, cookie?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: cookie ? { cookie } : {} }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}
