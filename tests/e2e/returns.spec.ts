import { expect, test } from "../support/shop";
import sharp from "sharp";
import { expectNoSeriousA11yViolations, newPhone, signInAs } from "../support/e2e";

test.use({ viewport: { width: 390, height: 844 } });

test("a picked-up order: the shopper asks to return one line with a photo; staff see it, accept, and find the refund form filled", async ({ page, browser }) => {
  test.slow();
  // The shopper's own order, paid on Midtrans's page (a local fake), picked up at the outlet.
  await page.goto("/p/rempeyek-kacang-tanah");
  await page.getByLabel("Jumlah").fill("2");
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByText("Ditambahkan ke keranjang.")).toBeVisible();
  await page.goto("/checkout");
  await page.getByLabel("Nama lengkap").fill("Jane Traveller");
  await page.getByLabel("E-mail").fill("jane.return@example.com");
  await page.getByLabel(/Nomor HP/).fill("0812 3456 7890");
  await page.getByText("Ambil di gerai koperasi").click();
  await page.getByText("QRIS, e-wallet, virtual account, atau kartu").click();
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/snap\//);
  await page.getByRole("button", { name: /QRIS/ }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{40,}/);
  await expect(page.getByTestId("order-status")).toHaveText("Sudah dibayar");
  const orderUrl = page.url().split("?")[0]!;
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Pesanan ", "");
  // Before it is picked up there is nothing to return.
  await expect(page.getByRole("heading", { name: "Ajukan pengembalian barang" })).toHaveCount(0);

  const staff = await newPhone(browser);
  await signInAs(staff, "pengurus@kopwan-binor.example");
  await staff.goto("/admin/orders?view=all");
  await staff.getByLabel("Cari pesanan").fill(number);
  await staff.getByRole("button", { name: "Terapkan", exact: true }).click();
  await staff.getByRole("link", { name: new RegExp(number) }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(`Pesanan ${number}`);
  const staffOrderUrl = staff.url();
  await staff.getByRole("button", { name: "Tandai sudah diambil" }).click();
  await expect(staff.getByText("Ditandai sudah diambil.")).toBeVisible();

  // The shopper opens the link again and asks to return one of the two.
  await page.goto(orderUrl);
  await expect(page.getByRole("heading", { name: "Ajukan pengembalian barang" })).toBeVisible();
  await page.getByRole("button", { name: "Kirim permintaan pengembalian" }).click();
  await expect(page.getByText("Pilih setidaknya satu barang dan jumlahnya.").first()).toBeVisible();
  await page.getByLabel(/Rempeyek/).fill("1");
  await page.getByLabel("Alasan", { exact: true }).selectOption("damaged");
  await page.getByLabel("Ceritakan masalahnya").fill("Kemasan sobek, isinya remuk.");
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#b07030" } }).jpeg().toBuffer();
  await page.getByLabel("Foto barang (boleh dilewati)").setInputFiles({ name: "remuk.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.getByRole("button", { name: "Kirim permintaan pengembalian" }).click();
  await expect(page.getByText("Permintaan pengembalian terkirim.", { exact: false })).toBeVisible();
  await expect(page.getByTestId("return-status")).toHaveText("Menunggu keputusan koperasi");
  await expect(page.getByTestId("timeline")).toContainText("Pengembalian barang diajukan");
  await expectNoSeriousA11yViolations(page);
  const shopperPhoto = await page.request.get(await page.getByRole("link", { name: "Lihat foto" }).getAttribute("href").then((href) => new URL(href!, orderUrl).toString()));
  expect(shopperPhoto.status()).toBe(200);
  expect(shopperPhoto.headers()["content-type"]).toBe("image/webp");

  // Staff see the request with its photo, and accept it.
  await staff.goto(staffOrderUrl);
  const request = staff.getByTestId("staff-returns").getByRole("listitem").first();
  await expect(request).toContainText("1 × Rempeyek");
  await expect(request).toContainText("Barang rusak: Kemasan sobek, isinya remuk.");
  await expect(request.getByRole("link", { name: "Lihat foto" })).toBeVisible();
  await request.getByRole("button", { name: "Terima dan kembalikan dana" }).click();
  await expect(staff.getByText("Permintaan diterima. Periksa jumlahnya, lalu kirim pengembalian dana.")).toBeVisible();
  const refundForm = staff.getByRole("form", { name: "Pengembalian dana untuk permintaan ini" });
  await expect(refundForm.getByLabel(/Jumlah Rempeyek/)).toHaveValue("1");
  await expect(refundForm.getByLabel("Ongkos kirim yang dikembalikan (Rp)")).toHaveValue("0");
  await expect(refundForm.getByLabel("Alasan", { exact: true })).toHaveValue("Permintaan pengembalian barang: Barang rusak");
  await expectNoSeriousA11yViolations(staff);
  await refundForm.getByRole("button", { name: "Catat pengembalian dana" }).click();
  await expect(staff.getByTestId("refund-status").first()).toBeVisible();
  await expect(refundForm).toHaveCount(0);
  await staff.context().close();

  await page.goto(orderUrl);
  await expect(page.getByTestId("return-status")).toHaveText("Diterima");
  await expect(page.getByTestId("timeline")).toContainText("Pengembalian barang diterima");
});
