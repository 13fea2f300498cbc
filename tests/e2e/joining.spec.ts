import { expect, test } from "../support/shop";
import sharp from "sharp";
import { expectNoSeriousA11yViolations, fillBinorAddress, fillFoodLabelAndShipping, newPhone, oneTimeLink, signInAs, waitForMail } from "../support/e2e";

test.use({ viewport: { width: 390, height: 844 } });

const png = (color: string) => sharp({ create: { width: 500, height: 400, channels: 3, background: color } }).png().toBuffer();

test("apply without a bank account → approved → first product invited → category fields and a focused error summary → own profile → producer page only once a product is live", async ({ page, browser }) => {
  test.slow();
  // Applying: a failed submit lands on a summary whose links lead to the fields.
  await page.goto("/daftar-anggota");
  await page.getByRole("button", { name: "Kirim pendaftaran" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "isian yang perlu diperbaiki" });
  await expect(summary).toBeFocused();
  await summary.getByRole("link", { name: /nama usaha/i }).click();
  await expect(page.getByLabel("Nama usaha")).toBeFocused();

  await page.getByLabel("Nama usaha").fill("Sambal Bu Yuyun");
  await page.getByLabel("Nama pemilik usaha").fill("Yuyun Wahyuni");
  await page.getByLabel(/Nomor HP/).fill("0812 3456 7321");
  await page.getByLabel("E-mail").fill("yuyun@example.com");
  await page.getByLabel(/Apa yang Anda buat/).fill("Sambal bawang dan sambal teri dalam botol kaca, omzet sekitar 3 juta sebulan.");
  await fillBinorAddress(page, "Dusun Krajan RT 03 RW 01");
  // No bank account: the payout part stays empty.
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Kirim pendaftaran" }).click();
  await expect(page.getByText(/Terima kasih! Pengajuan Anda kami terima/)).toBeVisible();

  const staff = await newPhone(browser);
  await signInAs(staff, "pengurus@kopwan-binor.example");
  await staff.goto("/admin/applications");
  await staff.getByRole("link", { name: "Sambal Bu Yuyun" }).click();
  await expect(staff.getByText("Belum ada (bisa ditambahkan nanti)")).toBeVisible();
  await staff.getByRole("button", { name: "Terima jadi anggota" }).click();
  await expect(staff).toHaveURL(/\/admin\/members\//);

  const invitation = await waitForMail("yuyun@example.com", /Selamat bergabung/);
  expect(invitation.text).toMatch(/^Halo Yuyun Wahyuni,/);
  await page.goto(oneTimeLink(invitation, "invite").path);
  await page.getByLabel("Kata sandi baru", { exact: true }).fill("sambal-teri-2026");
  await page.getByLabel("Ulangi kata sandi baru").fill("sambal-teri-2026");
  await page.getByRole("button", { name: /Simpan kata sandi/ }).click();
  await expect(page).toHaveURL(/\/member$/);

  // The new member's dashboard invites the first product; no producer page yet.
  await expect(page.getByRole("heading", { name: "Tambahkan produk pertama Anda" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Lihat halaman produsen saya" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Tambah produk pertama" }).click();
  await expect(page).toHaveURL(/\/member\/products\/new$/);

  // The label fields follow the category: a craft asks for material, a food for ingredients.
  await page.getByLabel("Kategori").selectOption({ label: "Batik & Kain Tenun" });
  await expect(page.getByLabel("Bahan", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Komposisi", { exact: true })).toBeHidden();
  await page.getByLabel("Kategori").selectOption({ label: "Sambal & Bumbu" });
  await expect(page.getByLabel("Komposisi", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Bahan", { exact: true })).toBeHidden();
  // The photo slots let a member pick photos already on the phone (no camera-only `capture`).
  await expect(page.getByLabel("produk", { exact: true })).not.toHaveAttribute("capture", /.*/);

  // A failed submit is never silent: the summary takes focus and is in view.
  await page.getByLabel("Nama produk (Bahasa Indonesia)").fill("Sambal Teri Bu Yuyun");
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  const productSummary = page.getByRole("alert").filter({ hasText: "isian yang perlu diperbaiki" });
  await expect(productSummary).toBeFocused();
  await expect(productSummary).toBeInViewport();
  await expect(productSummary.getByRole("link", { name: "Foto ini wajib." })).toHaveCount(3);
  // (The label's own checks follow once the basic fields are right; the first errors are the basic ones.)
  await productSummary.getByRole("link", { name: /deskripsi/i }).click();
  await expect(page.getByLabel("Deskripsi (Bahasa Indonesia)")).toBeFocused();
  await page.screenshot({ path: test.info().outputPath("product-error-summary.png") });

  await page.getByLabel("Deskripsi (Bahasa Indonesia)").fill("Sambal teri medan pedas dengan bawang putih, tanpa pengawet.");
  await page.getByLabel("Harga (Rp)").fill("25000");
  await page.getByLabel("Stok awal").fill("12");
  await fillFoodLabelAndShipping(page, { netQuantity: "150 g", ingredients: "Cabai, teri, bawang putih, minyak, garam", shelfLifeDays: "120" }, ["300", "8", "8", "12"]);
  await page.getByLabel("produk", { exact: true }).setInputFiles({ name: "produk.png", mimeType: "image/png", buffer: await png("#8a3b63") });
  await page.getByLabel("kemasan depan", { exact: true }).setInputFiles({ name: "depan.png", mimeType: "image/png", buffer: await png("#19737a") });
  await page.getByLabel("label belakang", { exact: true }).setInputFiles({ name: "label.png", mimeType: "image/png", buffer: await png("#e0a526") });
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await expect(page).toHaveURL(/\/member\/products\?saved=submitted$/, { timeout: 30_000 });

  // The member writes the public profile; the page stays hidden until a product is live.
  await page.goto("/member/settings");
  await expect(page.getByText(/Profil belum ditampilkan/)).toBeVisible();
  await page.getByLabel("Cerita usaha (Bahasa Indonesia)").fill("Sambal buatan tangan dari Desa Binor, cabai dari kebun tetangga.");
  await page.getByLabel("Tampilkan profil ini di toko").check();
  await page.getByRole("button", { name: "Simpan" }).first().click();
  await expect(page.getByText(/Halaman produsen tampil setelah produk pertama Anda disetujui/)).toBeVisible();
  const producerPath = "/producers/sambal-bu-yuyun";
  expect((await staff.goto(producerPath))?.status()).toBe(404);

  const curator = await newPhone(browser);
  await signInAs(curator, "kurator@kopwan-binor.example");
  await curator.goto("/admin/review");
  await curator.getByRole("link", { name: "Sambal Teri Bu Yuyun" }).click();
  // Every checklist item starts undecided: the curator passes each one before approving.
  await expect(curator.getByLabel("Sesuai", { exact: true })).toHaveCount(8);
  for (const pass of await curator.getByLabel("Sesuai", { exact: true }).all()) await pass.check();
  await curator.getByRole("button", { name: "Setujui dan tayangkan" }).click();
  await expect(curator).toHaveURL(/\/admin\/review\?decided=approve$/);

  // The e-mail greets her by name and links to that product.
  const decided = await waitForMail("yuyun@example.com", /Sambal Teri Bu Yuyun sudah tayang/);
  expect(decided.text).toMatch(/^Halo Yuyun Wahyuni,/);
  expect(decided.text).toMatch(/\/member\/products#product-[0-9a-f-]{36}/);

  const shown = await staff.goto(producerPath);
  expect(shown?.status()).toBe(200);
  await expect(staff.getByText(/cabai dari kebun tetangga/)).toBeVisible();
  await expect(staff.getByText(/omzet sekitar 3 juta/)).toHaveCount(0);
  await staff.goto("/producers");
  await expect(staff.getByRole("link", { name: /Sambal Bu Yuyun/ }).first()).toBeVisible();
  await curator.context().close();
  await staff.context().close();
});
