/** Before and after screenshots of the staff screens for issue 14: `BASE=http://localhost:3341 npx tsx scripts/staff-screenshots.ts after` against a running demo. */
import { chromium, type Page } from "@playwright/test";
import sharp from "sharp";
import fs from "node:fs";

const base = process.env.BASE ?? "http://localhost:3341";
const prefix = process.argv[2] ?? "before";
const out = "/work/wt-staff/docs/screenshots/issue-14";
fs.mkdirSync(out, { recursive: true });

async function save(page: Page, name: string, kind: string) {
  const raw = await page.screenshot({ fullPage: true });
  let img = sharp(raw);
  const meta = await img.metadata();
  const maxH = kind === "phone" ? 3200 : 2400;
  if ((meta.height ?? 0) > maxH) img = img.extract({ left: 0, top: 0, width: meta.width!, height: maxH });
  const quality = 70;
  let width = meta.width!;
  for (;;) {
    const buf = await sharp(await img.toBuffer()).resize({ width }).png({ palette: true, quality, colors: 64, compressionLevel: 9 }).toBuffer();
    if (buf.length < 150_000 || width < 300) { fs.writeFileSync(`${out}/${prefix}-${name}-${kind}.png`, buf); break; }
    width = Math.round(width * 0.8);
  }
}

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Kata sandi").fill("etalase-demo");
  await page.getByRole("main").getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const [kind, viewport] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 800 }]] as const) {
  const as = async (email: string) => {
    const context = await browser.newContext({ viewport, locale: "id-ID" });
    const page = await context.newPage();
    await signIn(page, email);
    return page;
  };
  const manager = await as("pengurus@kopwan-binor.example");
  await manager.goto(`${base}/admin`); await save(manager, "home-manager", kind);
  await manager.goto(`${base}/admin/audit`); await save(manager, "audit", kind);
  await manager.goto(`${base}/admin/members`); await save(manager, "members", kind);
  const memberHref = await manager.locator('a[href^="/admin/members/"]').first().getAttribute("href");
  await manager.goto(`${base}${memberHref}`); await save(manager, "member", kind);
  await manager.goto(`${base}/admin/members?q=Mbak%20Ani`);
  const invited = manager.locator('main a[href^="/admin/members/"]').first();
  if (await invited.count()) { await manager.goto(`${base}${await invited.getAttribute("href")}`); await save(manager, "member-invited", kind); }
  await manager.goto(`${base}/admin/applications`); await save(manager, "applications", kind);
  const appLink = manager.locator('a[href^="/admin/applications/"]').first();
  if (await appLink.count()) { await manager.goto(`${base}${await appLink.getAttribute("href")}`); await save(manager, "application", kind); }
  const curator = await as("kurator@kopwan-binor.example");
  await curator.goto(`${base}/admin`); await save(curator, "home-curator", kind);
  await curator.goto(`${base}/admin/review`); await save(curator, "review-queue", kind);
  const reviewLink = curator.locator('a[href^="/admin/review/"]').first();
  if (await reviewLink.count()) { await curator.goto(`${base}${await reviewLink.getAttribute("href")}`); await save(curator, "review", kind); }
  const treasurer = await as("bendahara@kopwan-binor.example");
  await treasurer.goto(`${base}/admin`); await save(treasurer, "home-treasurer", kind);
  await treasurer.goto(`${base}/admin/bank-accounts`); await save(treasurer, "bank-accounts", kind);
}
await browser.close();
