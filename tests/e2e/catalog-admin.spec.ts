import type { Page } from "@playwright/test";
import { expect, test } from "../support/shop";
import sharp from "sharp";
import { expectNoSeriousA11yViolations, newPhone, signInAs } from "../support/e2e";

/**
 * Catalog administration on a phone (issue 14, decision 30): a manager keeps categories, features products, takes
 * one off the shop with a reason, and writes the shop's returns policy and pickup hours; shoppers and the member see
 * each change. Each test puts the demo back as it found it where it can (featured, taken down), so later files meet
 * the demo they expect; the retired "Anyaman Pandan" stays retired (no other file uses it).
 */
test.use({ viewport: { width: 390, height: 844 } });

async function openCatalog(page: Page, tab: "Kategori" | "Produk" | "Halaman toko") {
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Menu pengurus" }).getByRole("link", { name: "Katalog" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Katalog");
  await page.getByRole("navigation", { name: "Bagian katalog" }).getByRole("link", { name: tab }).click();
}

async function findProduct(page: Page, words: string) {
  await page.getByLabel("Cari nama produk atau produsen").fill(words);
  await page.getByRole("button", { name: "Cari" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${words}`));
}

test("a manager creates a category with a photo, moves the products of an old one into it and retires the old one", async ({ page, browser }) => {
  test.slow();
  await signInAs(page, "pengurus@kopwan-binor.example");
  await openCatalog(page, "Kategori");
  await expect(page).toHaveURL(/\/admin\/catalog\/categories$/);

  // A name too short is refused at its field, nothing made.
  await page.getByLabel("Nama (Indonesia)").fill("K");
  await page.getByLabel("Nama (Inggris)").fill("Pandan Crafts");
  await page.getByRole("button", { name: "Tambah kategori" }).click();
  await expect(page.getByText("Nama 2 sampai 60 huruf.")).toBeVisible();
  await expect(page.getByLabel("Nama (Indonesia)")).toHaveAttribute("aria-invalid", "true");

  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#7a9a3b" } }).jpeg().toBuffer();
  await page.getByLabel("Nama (Indonesia)").fill("Kerajinan Pandan");
  await page.getByLabel("Jenis produk").selectOption({ label: "Kerajinan dan kain" });
  await page.getByLabel("Foto kategori").setInputFiles({ name: "pandan.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.getByRole("button", { name: "Tambah kategori" }).click();
  await expect(page.getByText("Kategori ditambahkan.")).toBeVisible();
  const created = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Kerajinan Pandan" }) });
  await expect(created.locator("img")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Retiring "Anyaman Pandan" needs somewhere to move its products; then one action moves them all.
  await page.getByRole("link", { name: "Anyaman Pandan" }).click();
  await expect(page.getByText("5 produk", { exact: false }).first()).toBeVisible();
  await page.getByRole("button", { name: "Pensiunkan kategori" }).click();
  await expect(page.getByText("Kategori ini masih punya produk: pilih ke mana produknya dipindah.")).toBeVisible();
  await page.getByLabel("Pindahkan produknya ke").selectOption({ label: "Kerajinan Pandan" });
  await page.getByRole("button", { name: "Pensiunkan kategori" }).click();
  await expect(page.getByText("Kategori dipensiunkan; 5 produk dipindah.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A shopper: the new category with its photo on the home page, the old one gone, its address forwarding.
  const shopper = await newPhone(browser);
  await shopper.goto("/");
  const categories = shopper.getByRole("region", { name: "Kategori" });
  await expect(categories.getByRole("link", { name: /Kerajinan Pandan/ })).toBeVisible();
  await expect(categories.getByRole("link", { name: /Kerajinan Pandan/ }).locator("img")).toBeVisible();
  await expect(categories.getByRole("link", { name: /Anyaman Pandan/ })).toHaveCount(0);
  await shopper.goto("/c/anyaman");
  await expect(shopper).toHaveURL(/\/c\/kerajinan-pandan$/);
  await expect(shopper.getByRole("heading", { level: 1 })).toHaveText("Kerajinan Pandan");
  await expect(shopper.getByRole("link", { name: /Tikar Pandan/ }).first()).toBeVisible();
  await shopper.context().close();
});

test("a manager features a product and it shows first on the home page", async ({ page, browser }) => {
  await signInAs(page, "pengurus@kopwan-binor.example");
  await openCatalog(page, "Produk");
  await findProduct(page, "talas");
  await page.getByRole("button", { name: /Jadikan unggulan\W+Keripik Talas Bawang/ }).click();
  await expect(page.getByText("Produk dijadikan unggulan.")).toBeVisible();
  await expect(page.getByText("Unggulan ke-1")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const shopper = await newPhone(browser);
  await shopper.goto("/");
  // The first product section of the page is the cooperative's picks, led by the featured product.
  await expect(shopper.getByRole("main").getByRole("heading", { level: 2 }).first()).toHaveText("Pilihan koperasi");
  await expect(shopper.getByRole("region", { name: "Pilihan koperasi" }).getByRole("link", { name: /Keripik Talas Bawang/ }).first()).toBeVisible();

  await page.getByRole("button", { name: /Lepas dari unggulan\W+Keripik Talas Bawang/ }).click();
  await expect(page.getByText("Produk dilepas dari unggulan.")).toBeVisible();
  await shopper.reload();
  await expect(shopper.getByRole("region", { name: "Pilihan koperasi" })).toHaveCount(0);
  await shopper.context().close();
});

test("a manager takes a product off the shop with a reason; the shop refuses it; the member reads why; a manager restores it", async ({ page, browser }) => {
  test.slow();
  await signInAs(page, "pengurus@kopwan-binor.example");
  await openCatalog(page, "Produk");
  await findProduct(page, "tempe");
  const row = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Keripik Tempe Sagu" }) });
  await row.getByText("Turunkan dari toko").first().click();
  await row.getByLabel("Alasan (dibaca anggota)").fill("Recall");
  await row.getByRole("button", { name: "Turunkan dari toko" }).click();
  await expect(page.getByText("Tulis alasannya (10 sampai 500 huruf): anggota akan membacanya.")).toBeVisible();
  const reason = "Penarikan: kemasan kode produksi 0925 bocor, menunggu uji keamanan pangan.";
  await row.getByLabel("Alasan (dibaca anggota)").fill(reason);
  await row.getByRole("button", { name: "Turunkan dari toko" }).click();
  await expect(page.getByText("Produk diturunkan dari toko.")).toBeVisible();
  await expect(row.getByText(`Diturunkan: ${reason}`)).toBeVisible();

  const shopper = await newPhone(browser);
  const gone = await shopper.goto("/p/keripik-tempe-sagu");
  expect(gone?.status()).toBe(404);
  await shopper.goto("/products?q=tempe+sagu");
  await expect(shopper.getByRole("link", { name: /Keripik Tempe Sagu/ })).toHaveCount(0);
  await shopper.context().close();

  const member = await newPhone(browser);
  await signInAs(member, "anggota1@kopwan-binor.example");
  await member.goto("/member/products");
  const mine = member.getByRole("listitem").filter({ has: member.getByRole("heading", { name: "Keripik Tempe Sagu" }) });
  await expect(mine.getByText("Diturunkan koperasi")).toBeVisible();
  await expect(mine.getByRole("note")).toContainText(reason);
  await expectNoSeriousA11yViolations(member);
  await member.context().close();

  await row.getByRole("button", { name: /Tayangkan lagi\W+Keripik Tempe Sagu/ }).click();
  await expect(page.getByText("Produk tayang lagi.")).toBeVisible();
  const back = await page.goto("/p/keripik-tempe-sagu");
  expect(back?.status()).toBe(200);
});

test("a manager writes the returns policy and pickup hours; a shopper reads them from the footer and at checkout", async ({ page, browser }) => {
  test.slow();
  await signInAs(page, "pengurus@kopwan-binor.example");
  await openCatalog(page, "Halaman toko");
  const returns = page.getByRole("form", { name: "Pengembalian dan refund" });
  const policy = "Barang rusak atau salah kirim? Kabari kami lewat WhatsApp paling lambat 2 hari setelah diterima.";
  await returns.getByLabel("Isi (Indonesia)").fill(`${policy}\n\nDana kembali paling lambat 5 hari kerja.`);
  await returns.getByRole("button", { name: "Simpan halaman" }).click();
  await expect(returns.getByText("Halaman disimpan.")).toBeVisible();

  const pickup = page.getByRole("form", { name: "Ambil di outlet: jam dan lokasi" });
  await pickup.getByLabel("Isi (Indonesia)").fill("Senin sampai Sabtu, 08.00–16.00 WIB, di galeri koperasi.");
  await pickup.getByLabel("Tautan peta (https)").fill("javascript:alert(1)");
  await pickup.getByRole("button", { name: "Simpan halaman" }).click();
  await expect(pickup.getByText("Tautan peta harus alamat https lengkap, mis. https://maps.app.goo.gl/…")).toBeVisible();
  await pickup.getByLabel("Tautan peta (https)").fill("https://www.openstreetmap.org/#map=18/-7.7165/113.5037");
  await pickup.getByRole("button", { name: "Simpan halaman" }).click();
  await expect(pickup.getByText("Halaman disimpan.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const shopper = await newPhone(browser);
  await shopper.goto("/");
  await shopper.getByRole("contentinfo").getByRole("link", { name: "Pengembalian dan refund" }).click();
  await expect(shopper).toHaveURL(/\/returns$/);
  await expect(shopper.getByText(policy)).toBeVisible();
  await expect(shopper.getByText("Dana kembali paling lambat 5 hari kerja.")).toBeVisible();

  await shopper.goto("/p/keripik-talas-bawang");
  await shopper.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(shopper.getByText("Ditambahkan ke keranjang.")).toBeVisible();
  await shopper.goto("/checkout");
  await shopper.getByText("Ambil di gerai koperasi").click();
  const hours = shopper.getByRole("region", { name: "Jam dan lokasi ambil" });
  await expect(hours).toContainText("Senin sampai Sabtu, 08.00–16.00 WIB");
  await expect(hours.getByRole("link", { name: "Lihat lokasi di peta" })).toHaveAttribute("href", "https://www.openstreetmap.org/#map=18/-7.7165/113.5037");
  await shopper.getByRole("link", { name: "Kebijakan pengembalian dan refund" }).click();
  await expect(shopper.getByText(policy)).toBeVisible();
  await shopper.context().close();
});
