import { expect, test } from "../support/shop";
import { expectNoSeriousA11yViolations, signInAs } from "../support/e2e";

test("a manager changes the fee, the review limit and the tagline; a bad fee is refused; the change is in the audit log", async ({ page }) => {
  await signInAs(page, "pengurus@kopwan-binor.example");
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("navigation", { name: "Menu pengurus" }).getByRole("link", { name: "Pengaturan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pengaturan koperasi");
  await expect(page.getByLabel("Potongan koperasi (%)")).toHaveValue("10");
  await expect(page.getByLabel("Bank", { exact: true })).toHaveValue("jatim");
  await expectNoSeriousA11yViolations(page);

  // A fee over the limit and a short postal code: each named, nothing saved, what was typed kept.
  await page.getByLabel("Potongan koperasi (%)").fill("75");
  await page.getByLabel("Kode pos").fill("672");
  const refused = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/admin/settings"));
  await page.getByRole("button", { name: "Simpan" }).click();
  expect((await refused).status()).toBe(422);
  // Said next to the field, and listed in the error summary as a link to it.
  await expect(page.locator("#feeRate-error")).toHaveText("Potongan antara 0 dan 50 persen, paling banyak dua angka di belakang koma (mis. 7,5).");
  await expect(page.getByRole("link", { name: "Potongan antara 0 dan 50 persen, paling banyak dua angka di belakang koma (mis. 7,5)." })).toHaveAttribute("href", "#feeRate");
  await expect(page.locator("#postalCode-error")).toHaveText("Kode pos 5 angka.");
  await expect(page.getByLabel("Potongan koperasi (%)")).toHaveValue("75");
  await expect(page.getByLabel("Potongan koperasi (%)")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Potongan koperasi (%)").fill("7,5");
  await page.getByLabel("Kode pos").fill("67291");
  await page.getByLabel("Perubahan harga tanpa tinjauan (±%)").fill("15");
  await page.getByLabel("Slogan (Bahasa Indonesia)").fill("Oleh-oleh pesisir Paiton, langsung dari pembuatnya");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByText("Tersimpan: 3 isian berubah dan tercatat di jejak audit.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Potongan koperasi (%)")).toHaveValue("7,5");
  await expect(page.getByLabel("Perubahan harga tanpa tinjauan (±%)")).toHaveValue("15");

  await page.goto("/admin/audit?kind=settings");
  const entry = page.getByRole("listitem").filter({ hasText: "mengubah pengaturan" }).filter({ hasText: "Sebelum dan sesudah" }).first();
  await entry.getByText("Sebelum dan sesudah").click();
  await expect(entry.getByRole("row", { name: /feeRateBp/ })).toContainText("1000");
  await expect(entry.getByRole("row", { name: /feeRateBp/ })).toContainText("750");

  await page.goto("/");
  await expect(page.getByRole("main").getByText("Oleh-oleh pesisir Paiton, langsung dari pembuatnya")).toBeVisible();
});
