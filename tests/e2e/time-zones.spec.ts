import type { Page } from "@playwright/test";
import { expect, test } from "../support/shop";
import { signInAs } from "../support/e2e";

// A tourist's phone (or a manager's laptop) set to another zone than both the server (UTC here) and the cooperative.
test.use({ viewport: { width: 390, height: 844 }, timezoneId: "America/Los_Angeles" });

/** React's complaints when the browser's render differs from the server's HTML (and it throws the HTML away). */
function watchHydration(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && /hydrat|#418|#423|#425|Minified React error|did not match/i.test(message.text())) problems.push(message.text());
  });
  return problems;
}

/** Each minute from `from` to now as the demo cooperative (Jawa Timur: WIB) writes it, e.g. "17.05 WIB". */
function wibMinutesSince(from: number): string[] {
  const format = new Intl.DateTimeFormat("id-ID", { timeStyle: "short", timeZone: "Asia/Jakarta" });
  const minutes: string[] = [];
  for (let at = from - 60_000; at <= Date.now() + 60_000; at += 30_000) minutes.push(`${format.format(new Date(at))} WIB`);
  return [...new Set(minutes)];
}

test("dates show in the cooperative's zone (WIB) on server and browser alike, with no hydration error", async ({ page }) => {
  const problems = watchHydration(page);
  const started = Date.now();
  await signInAs(page, "pengurus@kopwan-binor.example");

  // The account page: this sign-in, seen just now.
  await page.goto("/account");
  const session = page.getByRole("region", { name: "Perangkat yang masuk" });
  await expect(session).toContainText(/\d{1,2}[.:]\d{2} WIB/);
  const sessionText = await session.innerText();
  expect(wibMinutesSince(started).some((time) => sessionText.includes(time)), `${sessionText} shows now in WIB`).toBe(true);

  // A change the audit log records, then the audit log: its time in WIB, as the server wrote it and the browser kept it.
  await page.goto("/admin/settings");
  await page.getByLabel("Slogan (English, boleh kosong)").fill(`Coastal souvenirs, straight from the makers (${started})`);
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByText(/^Tersimpan: 1 isian berubah/)).toBeVisible();
  await page.goto("/admin/audit");
  const entry = page.getByRole("listitem").filter({ hasText: "mengubah pengaturan" }).first();
  await expect(entry).toContainText(/\d{1,2}[.:]\d{2} WIB/);
  const entryText = await entry.innerText();
  expect(wibMinutesSince(started).some((time) => entryText.includes(time)), `${entryText} shows now in WIB`).toBe(true);
  // Not the browser's own zone (Los Angeles), nor the server's (UTC).
  const elsewhere = (zone: string) => new Intl.DateTimeFormat("id-ID", { timeStyle: "short", timeZone: zone }).format(new Date());
  expect(entryText).not.toContain(`${elsewhere("America/Los_Angeles")} `);
  expect(entryText).not.toContain(`${elsewhere("UTC")} `);

  // A shopper's page with a date (a producer's "member since").
  await page.goto("/producers");
  await page.getByRole("main").locator('a[href^="/producers/"]').first().click();
  await expect(page.getByText(/^Anggota .* sejak \w+ \d{4}$/)).toBeVisible();

  expect(problems).toEqual([]);
});
