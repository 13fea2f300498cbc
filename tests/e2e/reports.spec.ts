import { parse } from "csv-parse/sync";
import fs from "node:fs";
import { expect, test } from "../support/shop";
import { expectNoSeriousA11yViolations, signInAs } from "../support/e2e";

test.use({ viewport: { width: 390, height: 844 } });

test("a manager opens the reports on a phone, switches the period, sees the chart and downloads a CSV", async ({ page }) => {
  await signInAs(page, "pengurus@kopwan-binor.example");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Laporan", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Laporan penjualan");
  await expect(page.getByRole("heading", { name: "Ringkasan" })).toBeVisible();
  await expect(page.getByTestId("report-omzet")).toHaveText(/^Rp \d/);

  // This year, by month: the chart has a bar pair per month so far, the table says the same.
  await page.getByRole("link", { name: "Tahun ini" }).click();
  await expect(page).toHaveURL(/grain=month/);
  await expect(page.getByRole("link", { name: "Tahun ini" })).toHaveAttribute("aria-current", "true");
  const chart = page.getByRole("img", { name: /Omzet dan hasil bersih per periode/ });
  await expect(chart).toBeVisible();
  const months = await page.getByRole("region", { name: "Per periode" }).getByRole("row").count();
  expect(months).toBeGreaterThanOrEqual(3); // header, at least one month, total
  await expect(chart.locator("g")).toHaveCount(months - 2);

  // A period typed by hand, then a wrong one: the page says what is wrong next to the picker.
  await page.getByLabel("Dari tanggal").fill("2026-01-01");
  await page.getByLabel("Sampai tanggal").fill("2026-01-31");
  await page.getByLabel("Kelompokkan per").selectOption("week");
  await page.getByRole("button", { name: "Tampilkan" }).click();
  await expect(page.getByTestId("report-period")).toContainText("2026-01-01 sampai 2026-01-31 (WIB)");
  await page.goto("/admin/reports?from=2026-02-30");
  await expect(page.getByText("Tanggal tidak valid. Tulis seperti 2026-11-30.")).toBeVisible();
  await page.getByRole("link", { name: "Tahun ini" }).click();
  await expect(page.getByRole("link", { name: "Tahun ini" })).toHaveAttribute("aria-current", "true");

  // The members' table as CSV: parsed back, the same header as the page's table.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Unduh CSV: Per usaha anggota" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^laporan-members-\d{4}-01-01_\d{4}-\d\d-\d\d\.csv$/);
  const rows = parse(fs.readFileSync((await download.path())!, "utf8").replace(/^\ufeff/, "")) as string[][];
  expect(rows[0]).toEqual(["No. anggota", "Usaha", "Terjual", "Omzet", "Potongan koperasi", "Pengembalian dana", "Bagian bersih anggota"]);
  for (const row of rows.slice(1)) expect(row[3]).toMatch(/^-?\d+$/);

  // Reconciliation for the same period, one tap away.
  await page.getByRole("link", { name: "Rekonsiliasi pembayaran" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rekonsiliasi pembayaran");
  await expect(page.getByTestId("recon-outlet_cash")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
