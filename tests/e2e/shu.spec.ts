import { expect, test } from "../support/shop";
import { PDFParse } from "pdf-parse";
import { expectNoSeriousA11yViolations, signInAs } from "../support/e2e";

test.use({ viewport: { width: 390, height: 844 } });

// A fiscal year no other journey touches, so this spec stands on its own data.
const YEAR = "2019";

test("the manager opens an SHU year, enters the split, imports savings, reads the report and downloads its PDF", async ({ page }) => {
  test.slow();
  await signInAs(page, "pengurus@kopwan-binor.example");
  await page.goto("/admin");
  await page.getByRole("link", { name: "SHU", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SHU (sisa hasil usaha)");

  await page.getByRole("textbox", { name: "Tahun buku" }).fill(YEAR);
  await page.getByRole("button", { name: "Buka tahun" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`SHU tahun ${YEAR}`);
  await expectNoSeriousA11yViolations(page);

  // Percentages that do not add up to 100 % are refused, with the message at the total.
  await page.getByLabel("SHU tahun ini (Rp)").fill("10.000.000");
  await page.getByLabel("Jasa usaha (%)").fill("45");
  await page.getByRole("button", { name: "Simpan SHU" }).click();
  await expect(page.locator("#total")).toHaveText("Jumlah semua persentase harus tepat 100 %.");
  await expect(page.getByTestId("shu-surplus")).toHaveText("Rp 0");

  await page.getByLabel("Jasa usaha (%)").fill("40");
  await page.getByRole("button", { name: "Simpan SHU" }).click();
  await expect(page.getByText("SHU dan persentase tersimpan.")).toBeVisible();
  await expect(page.getByTestId("shu-surplus")).toHaveText("Rp 10.000.000");
  // Reserve 25 %, jasa usaha 40 %, jasa modal 20 %, funds 15 %.
  const lines = page.getByTestId("shu-lines");
  await expect(lines.getByRole("row", { name: /Dana cadangan/ })).toContainText("Rp 2.500.000");
  await expect(lines.getByRole("row", { name: /Jasa usaha/ })).toContainText("Rp 4.000.000");
  await expect(lines.getByRole("row", { name: /Jasa modal/ })).toContainText("Rp 2.000.000");

  // A file with an unknown member number saves nothing and says which row.
  await page.getByLabel("Berkas CSV").setInputFiles({ name: "simpanan.csv", mimeType: "text/csv", buffer: Buffer.from("nomor_anggota,pokok,wajib\nAGT-0001,100000,900000\nAGT-9999,1,1\n") });
  await page.getByRole("button", { name: "Unggah simpanan" }).click();
  await expect(page.getByTestId("shu-import-problems")).toHaveText("Baris 3: nomor anggota “AGT-9999” tidak ada di koperasi ini.");

  await page.getByLabel("Berkas CSV").setInputFiles({
    name: "simpanan.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("nomor_anggota;pokok;wajib\nAGT-0001;100.000;900.000\nAGT-0002;100.000;400.000\n"),
  });
  await page.getByRole("button", { name: "Unggah simpanan" }).click();
  await expect(page.getByText("2 baris simpanan tersimpan.")).toBeVisible();

  // No sales in 2019: jasa usaha stays whole, with a note; jasa modal Rp 2.000.000 is shared 1.000.000 : 500.000.
  await expect(page.getByText("Jasa usaha Rp 4.000.000 belum terbagi")).toBeVisible();
  const members = page.getByTestId("shu-members");
  await expect(members.getByRole("row", { name: /AGT-0001/ })).toContainText("Rp 1.333.333");
  await expect(members.getByRole("row", { name: /AGT-0002/ })).toContainText("Rp 666.667");
  await expect(page.getByTestId("shu-total-jasa-modal")).toHaveText("Rp 2.000.000");
  await expect(page.getByTestId("shu-total")).toHaveText("Rp 2.000.000");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Unduh PDF" }).click()]);
  expect(download.suggestedFilename()).toBe(`shu-${YEAR}.pdf`);
  const pdf = await import("node:fs/promises").then((fs) => download.path().then((file) => fs.readFile(file)));
  const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;
  expect(text).toContain(`Pembagian SHU tahun ${YEAR}`);
  expect(text).toContain("Rp 1.333.333");
  expect(text).toContain("Rp 10.000.000");

  // Final: locked, with who and when; the forms are gone.
  await page.getByRole("button", { name: "Tetapkan final" }).click();
  await expect(page.getByText("Tahun ini final: terkunci, dan anggota melihat bagiannya.")).toBeVisible();
  await expect(page.getByText(/Ditetapkan final .* oleh /)).toBeVisible();
  await expect(page.getByRole("button", { name: "Simpan SHU" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});
