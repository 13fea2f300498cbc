import { expect, test } from "../support/shop";
import { expectNoSeriousA11yViolations, signInAs } from "../support/e2e";
import { E2E_MIDTRANS_KEYS } from "../support/e2e-keys";

test("a manager finds the delivery settings, adds, corrects, edits and deletes a courier rate, and turns local delivery off", async ({ page }) => {
  test.slow();
  await signInAs(page, "pengurus@kopwan-binor.example");
  await page.getByRole("navigation", { name: "Menu pengurus" }).getByRole("link", { name: "Pengaturan" }).click();
  await page.getByRole("navigation", { name: "Bagian pengaturan" }).getByRole("link", { name: "Pengiriman" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pengaturan pengiriman");

  // The demo cooperative: pickup, Rp 15.000 to hotels around Paiton, and a rate for every province.
  await expect(page.getByLabel("Pembeli boleh mengambil pesanan di gerai koperasi")).toBeChecked();
  await expect(page.getByLabel("Antar ke hotel atau penginapan di kota")).toBeChecked();
  await expect(page.getByLabel("Ongkos antar (Rp)")).toHaveValue("15.000");
  await expect(page.getByText("Semua provinsi punya tarif.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Kabupaten Probolinggo, Jawa Timur" })).toContainText("Rp 8.000 kg pertama");
  await expectNoSeriousA11yViolations(page);

  // A rate for Kota Surabaya with a price that is not rupiah: refused with the field named, choices kept.
  const form = page.locator("#rate-form");
  await form.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
  await form.getByLabel("Kabupaten/kota (boleh kosong)").selectOption({ label: "Kota Surabaya" });
  await form.getByLabel("Kg pertama (Rp)").fill("9.500,50");
  await form.getByLabel("Kg berikutnya (Rp)").fill("6.000");
  const refused = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/admin/settings/delivery"));
  await form.getByRole("button", { name: "Tambah tarif" }).click();
  expect((await refused).status()).toBe(422);
  await expect(form.getByText("Harga dalam rupiah, 0 sampai 10.000.000, mis. 12.000.")).toBeVisible();
  await expect(form.getByLabel("Kg pertama (Rp)")).toHaveValue("9.500,50");
  await expect(form.getByLabel("Kabupaten/kota (boleh kosong)")).toHaveValue("35.78");

  await form.getByLabel("Kg pertama (Rp)").fill("9.500");
  await form.getByRole("button", { name: "Tambah tarif" }).click();
  await expect(page.getByText("Tarif tersimpan dan tercatat di jejak audit.")).toBeVisible();
  const surabaya = page.getByRole("listitem").filter({ hasText: "Kota Surabaya, Jawa Timur" });
  await expect(surabaya).toContainText("Rp 9.500 kg pertama, Rp 6.000 tiap kg berikutnya");

  // The same area again is refused.
  await form.getByLabel("Provinsi").selectOption({ label: "Jawa Timur" });
  await form.getByLabel("Kabupaten/kota (boleh kosong)").selectOption({ label: "Kota Surabaya" });
  await form.getByLabel("Kg pertama (Rp)").fill("1.000");
  await form.getByLabel("Kg berikutnya (Rp)").fill("1.000");
  await form.getByRole("button", { name: "Tambah tarif" }).click();
  await expect(form.getByText("Wilayah ini sudah punya tarif. Ubah baris yang ada.")).toBeVisible();

  await page.getByRole("link", { name: "Ubah tarif Kota Surabaya, Jawa Timur" }).click();
  await expect(form.getByRole("heading", { name: "Ubah tarif: Kota Surabaya, Jawa Timur" })).toBeVisible();
  await expect(form.getByLabel("Kg pertama (Rp)")).toHaveValue("9.500");
  await form.getByLabel("Tiba paling lambat (hari)").fill("2");
  await form.getByLabel("Tiba paling cepat (hari)").fill("1");
  await form.getByRole("button", { name: "Simpan tarif" }).click();
  await expect(page.getByText("Tarif tersimpan dan tercatat di jejak audit.")).toBeVisible();
  await expect(surabaya).toContainText("1–2 hari");
  await expect(form.getByRole("heading", { name: "Tambah tarif" })).toBeVisible();

  await page.getByRole("button", { name: "Hapus tarif Kota Surabaya, Jawa Timur" }).click();
  await expect(page.getByText("Tarif dihapus; tercatat di jejak audit.")).toBeVisible();
  await expect(surabaya).toHaveCount(0);

  // Local delivery off: saved, and shown so after a reload.
  await page.getByLabel("Antar ke hotel atau penginapan di kota").uncheck();
  await page.getByRole("button", { name: "Simpan", exact: true }).click();
  await expect(page.getByText("Tersimpan dan tercatat di jejak audit.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Antar ke hotel atau penginapan di kota")).not.toBeChecked();

  // The audit log says it in words.
  await page.goto("/admin/audit?kind=settings");
  await expect(page.getByRole("listitem").filter({ hasText: "menghapus tarif pengiriman" })).toHaveCount(1);
  await expect(page.getByRole("listitem").filter({ hasText: "menyimpan tarif pengiriman" })).toHaveCount(2);
  await expect(page.getByRole("listitem").filter({ hasText: "mengubah pengaturan pengiriman" })).toHaveCount(1);

  // Back on, as the shop had it: journeys run after this one in the same shop deliver to hotels.
  await page.goto("/admin/settings/delivery");
  await page.getByLabel("Antar ke hotel atau penginapan di kota").check();
  await page.getByLabel("Ongkos antar (Rp)").fill("15.000");
  await page.getByRole("button", { name: "Simpan", exact: true }).click();
  await expect(page.getByText("Tersimpan dan tercatat di jejak audit.")).toBeVisible();
});

test("a manager stores sandbox Midtrans keys: the page shows a hint and the notification URL, never the key", async ({ page }) => {
  // The e2e server's fake Midtrans knows these keys: checkout keeps working after they are stored.
  const { serverKey, clientKey } = E2E_MIDTRANS_KEYS;
  await signInAs(page, "pengurus@kopwan-binor.example");
  await page.goto("/admin/settings/payments");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pengaturan pembayaran");
  await expect(page.getByText(/\/webhooks\/midtrans$/)).toBeVisible();
  await expect(page.getByText("Bank Jatim 0121034567", { exact: false })).toBeVisible();

  const midtrans = page.getByRole("region", { name: /Midtrans/ });
  await midtrans.getByLabel("Server key").fill(serverKey);
  await midtrans.getByLabel("Client key").fill(clientKey);
  await midtrans.getByRole("button", { name: "Simpan" }).click();
  await expect(midtrans.getByText("Tersimpan dan tercatat di jejak audit.")).toBeVisible();
  await expect(midtrans.getByText("Aktif", { exact: true })).toBeVisible();
  await expect(midtrans.getByText("Tersimpan: SB-Mid-server-••••7Kq2.", { exact: false })).toBeVisible();
  await expect(midtrans.getByLabel("Server key")).toHaveValue("");
  expect(await page.content()).not.toContain(serverKey);
  await page.reload();
  expect(await page.content()).not.toContain(serverKey);
  await expectNoSeriousA11yViolations(page);
});
