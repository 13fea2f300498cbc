import { expect, test } from "../support/shop";
import { expectNoSeriousA11yViolations, signInAs, waitForMail } from "../support/e2e";

test.use({ viewport: { width: 390, height: 844 } });

test("a sale at the outlet counter on a phone, paid cash, with its receipt, then the day's close", async ({ page }) => {
  test.slow();
  await signInAs(page, "gudang@kopwan-binor.example");
  await page.goto("/admin/outlet");
  await expect(page.getByRole("heading", { level: 1, name: "Kasir outlet" })).toBeVisible();
  await expect(page.getByText("Belum ada barang.")).toBeVisible();

  // A scanner types the SKU and Enter: the product goes straight onto the sale.
  const search = page.getByRole("searchbox", { name: "Nama produk atau SKU" });
  await search.fill("bnr-krp-001-150");
  await search.press("Enter");
  await expect(page.getByTestId("line-total")).toHaveText("Rp 17.000");
  await expect(search).toHaveValue("");
  await page.getByRole("button", { name: /^Tambah satu Keripik Singkong Balado/ }).click();
  await expect(page.getByTestId("sale-total")).toHaveText("Rp 34.000");

  // Searching by name shows what can be sold, with its stock.
  await search.fill("petis");
  await page.getByRole("button", { name: "Cari" }).click();
  await expect(page.getByRole("list", { name: "Hasil pencarian" }).getByText(/Petis Udang/).first()).toBeVisible();

  // Too little cash is refused in plain words, before and after sending.
  await page.getByLabel("Uang diterima").fill("20000");
  await expect(page.getByText("Uang yang diterima kurang dari total.")).toBeVisible();
  await page.getByLabel("Uang diterima").fill("50.000");
  await expect(page.getByTestId("change")).toHaveText("Rp 16.000");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath("counter.png"), fullPage: true });
  await page.getByRole("button", { name: "Terima tunai dan selesaikan" }).click();

  await expect(page.getByRole("heading", { name: /^Struk [A-Z]+-\d{2}-\d{6}$/ })).toBeVisible();
  await expect(page.getByTestId("receipt-total")).toHaveText("Rp 34.000");
  await expect(page.getByTestId("receipt-change")).toHaveText("Rp 16.000");
  await expect(page.getByText("Dibayar tunai")).toBeVisible();
  const number = (await page.getByRole("heading", { name: /^Struk / }).textContent())!.replace("Struk ", "");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath("receipt.png"), fullPage: true });

  // WhatsApp: digits only, the summary, no link to anything.
  await page.getByLabel("Nomor WhatsApp pembeli").fill("0812 3456 7890");
  const whatsApp = page.getByRole("link", { name: "Buka WhatsApp" });
  const href = (await whatsApp.getAttribute("href"))!;
  expect(href.startsWith("https://wa.me/6281234567890?text=")).toBe(true);
  const text = decodeURIComponent(href.split("?text=")[1]!);
  expect(text).toContain(number);
  expect(text).toContain("Total: Rp 34.000");
  expect(text).not.toMatch(/https?:/);

  await page.getByLabel("Alamat e-mail pembeli").fill("turis.outlet@example.com");
  await page.getByRole("button", { name: "Kirim e-mail" }).click();
  await expect(page.getByText("Struk akan dikirim ke e-mail pembeli.")).toBeVisible();
  const mail = await waitForMail("turis.outlet@example.com", new RegExp(`Struk ${number}`));
  expect(mail.text).toContain("2 x Keripik Singkong Balado");

  // The day's close: the cash sales of today, what was counted, the difference.
  await page.getByRole("link", { name: "Penjualan baru" }).click();
  await page.getByRole("link", { name: "Tutup hari" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tutup kas harian" })).toBeVisible();
  await expect(page.getByTestId("cash-sales")).toHaveText("Rp 34.000");
  await page.getByLabel("Uang tunai dihitung").fill("30000");
  await page.getByRole("button", { name: "Simpan tutup hari" }).click();
  await expect(page.getByText("Hari ini sudah ditutup.")).toBeVisible();
  await expect(page.getByTestId("difference")).toHaveText("-Rp 4.000");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath("close.png"), fullPage: true });
});

test("the manager sees every past close", async ({ page }) => {
  await signInAs(page, "pengurus@kopwan-binor.example");
  await page.goto("/admin/outlet/close");
  await expect(page.getByRole("heading", { name: "Tutup hari sebelumnya" })).toBeVisible();
});
