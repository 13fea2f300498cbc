import { expect, test } from "../support/shop";
import { expectNoSeriousA11yViolations, fillBinorAddress, newPhone, oneTimeLink, signIn, signInAs, waitForMail } from "../support/e2e";

test("apply → staff approve → owner sets a password from the e-mailed link → signs in to their dashboard", async ({ page, browser }) => {
  test.slow();
  // A business applies on a phone; a first attempt with mistakes keeps what was typed and says what to fix.
  await page.goto("/daftar-anggota");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Daftar jadi anggota");
  await page.getByLabel("Nama usaha").fill("Keripik Tempe Mbak Ani");
  await page.getByLabel(/Nomor HP/).fill("0812-3456-70");
  await page.getByRole("button", { name: "Kirim pendaftaran" }).click();
  await expect(page.getByText(/isian yang perlu diperbaiki/)).toBeVisible();
  await expect(page.getByLabel("Nama usaha")).toHaveValue("Keripik Tempe Mbak Ani");
  await expect(page.getByLabel("Nama pemilik usaha")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Nama pemilik usaha").fill("Ani Rahmawati");
  await page.getByLabel(/Nomor HP/).fill("0812 3456 7001");
  await page.getByLabel("E-mail").fill("ani@example.com");
  await page.getByLabel(/Apa yang Anda buat/).fill("Keripik tempe renyah dengan daun jeruk, dikemas 100 gram.");
  await fillBinorAddress(page, "Dusun Krajan RT 02 RW 01");
  await page.getByLabel("Bank atau e-wallet").selectOption("bca");
  await page.getByLabel("Nomor rekening").fill("123 456 7890");
  await page.getByLabel("Nama pemilik rekening atau e-wallet").fill("Ani Rahmawati");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Kirim pendaftaran" }).click();
  await expect(page.getByText(/Terima kasih! Pengajuan Anda kami terima/)).toBeVisible();

  // The "received" e-mail greets her by name and links to her application's own page.
  const received = await waitForMail("ani@example.com", /sudah kami terima/);
  expect(received.text).toContain("Halo Ani Rahmawati,");
  const statusLink = oneTimeLink(received, "daftar-anggota/status");
  await page.goto(statusLink.path);
  await expect(page.getByRole("heading", { name: "Sedang ditinjau" })).toBeVisible();
  await expect(page.getByText(/Keripik Tempe Mbak Ani, didaftarkan oleh Ani Rahmawati/)).toBeVisible();

  // A manager finds it in the queue and approves it.
  const staff = await newPhone(browser);
  await signInAs(staff, "pengurus@kopwan-binor.example");
  await expect(staff).toHaveURL(/\/admin$/);
  await staff.getByRole("navigation", { name: "Menu pengurus" }).getByRole("link", { name: "Pendaftaran" }).click();
  await staff.getByRole("link", { name: "Keripik Tempe Mbak Ani" }).click();
  await expect(staff.getByText(/•+7890/)).toBeVisible();
  await staff.getByRole("button", { name: "Terima jadi anggota" }).click();
  // The next member number (other journeys in this run may have taken some before).
  const memberNumber = (await staff.getByText(/AGT-\d{4}/).first().textContent())!.match(/AGT-\d{4}/)![0];

  await page.reload();
  await expect(page.getByRole("heading", { name: /Disetujui/ })).toBeVisible();

  // The invitation reaches her inbox (here: the demo's local mailbox), with a link on the shop's own address.
  const invitation = await waitForMail("ani@example.com", /Selamat bergabung/);
  const inviteLink = oneTimeLink(invitation, "invite");
  expect(inviteLink.url.startsWith("http://localhost:")).toBe(true);

  // Staff see that the e-mail went out, never its link: no one but Ani can take over her new account.
  await staff.getByRole("navigation", { name: "Menu pengurus" }).getByRole("link", { name: "Kotak keluar" }).click();
  await staff.getByRole("link", { name: /Selamat bergabung/ }).first().click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(/Selamat bergabung/);
  await expect(staff.getByText(/Kepada: ani@example\.com/)).toBeVisible();
  await expect(staff.getByText(/tautan sekali pakai: hanya dikirim ke penerima/)).toBeVisible();
  await expect(staff.getByRole("main")).not.toContainText("/invite/");
  expect(await staff.content()).not.toContain(inviteLink.path);
  await staff.goBack();
  await staff.getByRole("link", { name: /sudah kami terima/ }).first().click();
  await expect(staff.getByText(/tautan sekali pakai: hanya dikirim ke penerima/)).toBeVisible();
  expect(await staff.content()).not.toContain(statusLink.path);

  // The owner opens the link on her own phone, chooses a password and lands on her dashboard.
  const owner = await newPhone(browser);
  await owner.goto(inviteLink.path);
  await expect(owner.getByRole("heading", { name: "Aktifkan akun Anda" })).toBeVisible();
  await owner.getByLabel("Kata sandi baru", { exact: true }).fill("tempe-renyah-2026");
  await owner.getByLabel("Ulangi kata sandi baru").fill("tempe-renyah-2026");
  await owner.getByRole("button", { name: /Simpan kata sandi/ }).click();
  await expect(owner).toHaveURL(/\/member$/);
  await expect(owner.getByText("Keripik Tempe Mbak Ani").first()).toBeVisible();
  await expect(owner.getByText(`No. anggota ${memberNumber}`)).toBeVisible();
  await expect(owner.getByText("Menunggu konfirmasi bendahara")).toBeVisible();
  await expectNoSeriousA11yViolations(owner);

  // The link works once; signing out and in again works with the new password.
  await owner.goto(inviteLink.path);
  await expect(owner.getByText(/sudah dipakai atau sudah kedaluwarsa/)).toBeVisible();
  await owner.goto("/account");
  await owner.getByRole("button", { name: "Keluar" }).click();
  // Signing out ends on the home page; wait for it before going on, or that redirect wins the race.
  await expect(owner).toHaveURL(/\/$/);
  await signIn(owner, "ani@example.com", "tempe-renyah-2026");
  await expect(owner).toHaveURL(/\/member$/);
  await staff.context().close();
  await owner.context().close();
});

test("a member cannot open staff pages or another member's record", async ({ page, browser }) => {
  await signInAs(page, "anggota1@kopwan-binor.example");
  await expect(page).toHaveURL(/\/member$/);
  for (const path of ["/admin", "/admin/members", "/admin/applications", "/operator"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Tidak punya akses" })).toBeVisible();
  }
  // Another member's staff record, by id: refused before anything is read.
  const staffPage = await newPhone(browser);
  await signInAs(staffPage, "pengurus@kopwan-binor.example");
  await expect(staffPage).toHaveURL(/\/admin$/);
  await staffPage.goto("/admin/members");
  const otherHref = await staffPage.getByRole("link", { name: "Petis & Terasi Mak Tinah" }).getAttribute("href");
  await staffPage.context().close();
  const response = await page.goto(otherHref!);
  expect(response?.status()).toBe(403);
});

test("a shopper signs up and confirms by e-mail; the tenth wrong password then gets a clear wait message, not an error page", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Nama").fill("Turis Dari Jakarta");
  const email = `turis-${Date.now()}@example.com`;
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Kata sandi baru").fill("liburan-ke-binor");
  await page.getByRole("main").getByRole("button", { name: "Buat akun" }).click();
  await expect(page.getByText(`Periksa kotak masuk ${email}`)).toBeVisible();
  const confirmation = oneTimeLink(await waitForMail(email, /Konfirmasi akun/), "sign-up/confirm");
  await page.goto(confirmation.path);
  await page.getByRole("button", { name: "Buat akun saya" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Turis Dari Jakarta · ${email}`)).toBeVisible();
  await page.getByRole("button", { name: "Keluar" }).click();
  await expect(page).toHaveURL(/\/$/);
  for (let attempt = 1; attempt <= 10; attempt++) {
    await signIn(page, email, `salah-${attempt}`);
    await expect(page.getByRole("alert")).toBeVisible();
  }
  await expect(page.getByRole("alert")).toContainText(/Coba lagi dalam \d+ menit/);
  await signIn(page, email, "liburan-ke-binor");
  await expect(page.getByRole("alert")).toContainText(/Coba lagi dalam \d+ menit/);
});

test("an owner changes the business photo; a file that is not a photo gets a clear message", async ({ page }) => {
  const { default: sharp } = await import("sharp");
  await signInAs(page, "anggota2@kopwan-binor.example");
  await expect(page).toHaveURL(/\/member$/);
  await page.goto("/member/settings");
  const input = page.getByLabel("Pilih atau ambil foto");
  await input.setInputFiles({ name: "foto.jpg", mimeType: "image/jpeg", buffer: Buffer.from("bukan foto sama sekali") });
  await page.getByRole("button", { name: "Unggah foto" }).click();
  // Next to the field, and in the error summary as a link to it.
  await expect(page.locator("#photo-error")).toContainText("bukan foto JPG, PNG, WebP atau HEIC");
  await expect(page.getByRole("link", { name: /bukan foto JPG, PNG, WebP atau HEIC/ })).toHaveAttribute("href", "#photo");
  const png = await sharp({ create: { width: 640, height: 640, channels: 3, background: "#19737a" } }).png().toBuffer();
  await input.setInputFiles({ name: "usaha.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Unggah foto" }).click();
  await expect(page.getByText("Foto usaha tersimpan.")).toBeVisible();
  const image = page.getByRole("img", { name: "Foto usaha sekarang" });
  await expect(image).toHaveAttribute("src", /\/media\/.+\/w320\.webp$/);
  // Shown once loaded (its width variant is made on first request, seconds on a busy machine).
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
});

test("a member sees their products with status and stock, and records stock that came in or was damaged", async ({ page }) => {
  await signInAs(page, "anggota1@kopwan-binor.example");
  await expect(page).toHaveURL(/\/member$/);
  await page.getByRole("navigation", { name: "Menu anggota" }).getByRole("link", { name: "Produk saya" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Produk saya");
  const first = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2 }) }).first();
  await expect(first.getByText("Tayang")).toBeVisible();
  const variant = first.locator("li").first();
  const before = Number((await variant.getByText(/^Stok \d+$/).textContent())!.replace(/\D/g, ""));

  await variant.getByText("Ubah stok").click();
  await variant.getByLabel("Alasan").selectOption("received");
  await variant.getByLabel("Jumlah").fill("12");
  await variant.getByLabel(/Catatan/).fill("Produksi hari ini");
  // The page's data is fetched again after the save; held here, as a slow connection would hold it. Remix shows the
  // answer meanwhile, and the form's one-time token is still the used one: its button waits until the page is fresh.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/member/products.data*", async (route) => {
    if (route.request().method() === "GET") await held;
    await route.continue();
  });
  await variant.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByText(`Stok tersimpan. Sekarang ${before + 12}.`)).toBeVisible();
  await expect(variant.getByRole("button", { name: "Memproses…" })).toBeDisabled();
  release();

  const again = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2 }) }).first().locator("li").first();
  // The stock form stays open after a save, ready for the next movement.
  await expect(again.getByLabel("Alasan")).toBeVisible();
  await again.getByLabel("Alasan").selectOption("damaged");
  await again.getByLabel("Jumlah").fill(String(before + 13));
  await again.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByText("Stok tidak boleh kurang dari nol. Periksa jumlahnya.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2 }) }).first().locator("li").first().getByText(`Stok ${before + 12}`)).toBeVisible();

  // Copying a product starts a draft to edit; archiving takes it off the list of things for sale.
  const name = (await first.getByRole("heading", { level: 2 }).textContent())!.trim();
  await first.getByRole("button", { name: "Salin jadi produk baru" }).click();
  await expect(page).toHaveURL(/\/member\/products\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Nama produk (Bahasa Indonesia)")).toHaveValue(`${name} (salinan)`);
  await page.goto("/member/products");
  const copy = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: `${name} (salinan)` }) });
  await expect(copy.getByText("Draf", { exact: true })).toBeVisible();
  await copy.getByRole("button", { name: "Arsipkan (berhenti jual)" }).click();
  await expect(page.getByText("Produk diarsipkan dan tidak tampil lagi di toko.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: `${name} (salinan)` }) }).getByText("Diarsipkan")).toBeVisible();
});

test("a member lists a product with three photos → curator asks for a label fix → member fixes it → curator approves → in the shop and search", async ({ page }) => {
  // A long journey with photo work in the browser and on the server: three times the usual budget.
  test.slow();
  const { default: sharp } = await import("sharp");
  const png = (color: string) => sharp({ create: { width: 800, height: 800, channels: 3, background: color } }).png().toBuffer();
  await signInAs(page, "anggota1@kopwan-binor.example");
  await expect(page).toHaveURL(/\/member$/);
  await page.goto("/member/products");
  await page.getByRole("link", { name: /Tambah produk/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Produk baru");
  // The label's producer address starts from the member's earlier listings.
  await expect(page.getByLabel("Alamat produsen (di label)")).toHaveValue(/Kec\. Paiton/);

  // A first try without photos and with a mistyped P-IRT number: every problem is named, nothing saved.
  await page.getByLabel("Kategori").selectOption({ label: "Keripik & Camilan" });
  await page.getByLabel("Nama produk (Bahasa Indonesia)").fill("Keripik Talas Ungu Binor");
  await page.getByLabel("Deskripsi (Bahasa Indonesia)").fill("Talas ungu dari lereng Argopuro, diiris tipis dan digoreng renyah.");
  await page.getByLabel("Harga (Rp)").fill("21000");
  await page.getByLabel("Stok awal").fill("15");
  await page.getByLabel("Berat/isi bersih").fill("100 g");
  await page.getByLabel("Komposisi", { exact: true }).fill("Talas ungu, minyak kelapa, garam");
  await page.locator("#label-food").getByText("Label dalam English (boleh kosong)").click();
  await page.getByLabel("Komposisi (English)").fill("Purple taro, coconut oil, salt");
  await page.getByLabel("Nomor izin edar").fill("20635130101");
  await page.getByLabel("Sertifikat halal").fill("ID35130000102310999");
  await page.getByLabel("Masa simpan (hari)").fill("180");
  await page.getByLabel("Berat dengan kemasan (gram)").fill("150");
  await page.getByLabel("Panjang (cm)").fill("20");
  await page.getByLabel("Lebar (cm)").fill("13");
  await page.getByLabel("Tinggi (cm)").fill("4");
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await expect(page.locator("#registrationNumber-error")).toHaveText("Nomor izin tidak sesuai: P-IRT 15 digit, BPOM MD/ML 12 digit.");
  // Under each of the three slots, and listed again in the error summary.
  await expect(page.getByText("Foto ini wajib.")).toHaveCount(6);
  await expect(page.getByRole("link", { name: "Foto ini wajib." })).toHaveCount(3);
  await expect(page.getByLabel("Nama produk (Bahasa Indonesia)")).toHaveValue("Keripik Talas Ungu Binor");

  await page.getByLabel("Nomor izin edar").fill("206351301014799");
  await page.getByLabel("Varian pertama (boleh kosong)").fill("100 g");
  await page.getByText("Tambah varian (rasa, ukuran)").click();
  await page.getByLabel("Nama varian 2", { exact: true }).fill("250 g");
  await page.getByLabel("Nama varian 2 dalam English (boleh kosong)").fill("250 g pack");
  await page.getByLabel("Harga varian 2 (Rp)").fill("48.000");
  await page.getByLabel("Stok awal varian 2").fill("6");
  await page.getByLabel("produk", { exact: true }).setInputFiles({ name: "produk.png", mimeType: "image/png", buffer: await png("#8a3b63") });
  await page.getByLabel("kemasan depan", { exact: true }).setInputFiles({ name: "depan.png", mimeType: "image/png", buffer: await png("#19737a") });
  await page.getByLabel("label belakang", { exact: true }).setInputFiles({ name: "label.png", mimeType: "image/png", buffer: await png("#e0a526") });
  // One more photo, shown before upload, made the cover.
  await page.getByLabel("Tambah foto lain").setInputFiles({ name: "saji.png", mimeType: "image/png", buffer: await png("#3b8a3e") });
  const photoOrder = page.getByRole("list", { name: "Urutan dan sampul" });
  await expect(photoOrder.getByRole("listitem")).toHaveCount(4);
  await expect(photoOrder.getByRole("listitem").first()).toContainText("Sampul");
  await photoOrder.getByRole("button", { name: "Jadikan sampul: 4. foto lain" }).click();
  await expect(photoOrder.getByRole("listitem").first()).toContainText("1. foto lain");
  await photoOrder.getByRole("button", { name: "Turunkan 2. produk" }).click();
  await expect(photoOrder.getByRole("listitem").nth(2)).toContainText("3. produk");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  // Four photos are uploaded and checked on the server before the list shows.
  await expect(page).toHaveURL(/\/member\/products\?saved=submitted$/, { timeout: 30_000 });
  await expect(page.getByText("Produk terkirim. Kurator akan memeriksa kemasan dan labelnya.")).toBeVisible();
  const listed = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Keripik Talas Ungu Binor" }) });
  await expect(listed.getByText("Sedang ditinjau")).toBeVisible();
  await expect(listed.getByText("Stok 15")).toBeVisible();
  await expect(listed.getByText("Stok 6")).toBeVisible();

  // Not live until a curator approves it.
  const response = await page.goto("/p/keripik-talas-ungu-binor");
  expect(response?.status()).toBe(404);

  // The curator checks packaging and label and approves; the product is then in the shop and in search.
  const curator = await newPhone(page.context().browser()!);
  await signInAs(curator, "kurator@kopwan-binor.example");
  await expect(curator).toHaveURL(/\/admin$/);
  await curator.getByRole("navigation", { name: "Menu pengurus" }).getByRole("link", { name: "Tinjau produk" }).click();
  await curator.getByRole("link", { name: "Keripik Talas Ungu Binor" }).click();
  await expect(curator.getByRole("img", { name: "label belakang" })).toBeVisible();
  await expect(curator.getByRole("region", { name: "Foto" }).getByRole("listitem")).toHaveText([/^Sampul · foto lain/, /kemasan depan/, /^produk/, /label belakang/]);
  await expect(curator.getByRole("definition").filter({ hasText: "206351301014799" })).toBeVisible();
  await expectNoSeriousA11yViolations(curator);
  await curator.getByRole("group", { name: /Label terbaca/ }).getByLabel("Perlu diperbaiki").check();
  await curator.getByRole("button", { name: "Setujui dan tayangkan" }).click();
  await expect(curator.getByText("Ada butir yang perlu diperbaiki: minta perbaikan, jangan setujui.")).toBeVisible();
  await curator.getByRole("group", { name: /Label terbaca/ }).getByLabel(/Catatan untuk anggota/).fill("Foto label buram, ulangi dengan cahaya terang");
  await curator.getByRole("button", { name: "Minta perbaikan" }).click();
  await expect(curator).toHaveURL(/\/admin\/review\?decided=request-changes$/);

  // The member sees what to fix on the dashboard, replaces the label photo and sends it again.
  await page.goto("/member");
  const outcomes = page.getByRole("region", { name: "Hasil tinjauan kurator" });
  await expect(outcomes).toContainText("Keripik Talas Ungu Binor");
  await expect(outcomes).toContainText("Foto label buram, ulangi dengan cahaya terang");
  await expect(outcomes.getByRole("link", { name: "Perbaiki sekarang" })).toBeVisible();
  await page.goto("/member/products");
  const sentBack = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Keripik Talas Ungu Binor" }) });
  await expect(sentBack.getByText("Perlu diperbaiki")).toBeVisible();
  await sentBack.getByRole("link", { name: /Ubah/ }).click();
  await expect(page.getByRole("region", { name: "Catatan kurator" })).toContainText("Foto label buram, ulangi dengan cahaya terang");
  await expect(page.getByLabel("Nomor izin edar")).toHaveValue("206351301014799");
  // A full-size phone photo is made lighter in the browser before it is sent.
  const fullSize = await sharp({ create: { width: 3200, height: 2400, channels: 3, background: "#f0c040", noise: { type: "gaussian", mean: 128, sigma: 24 } } })
    .jpeg({ quality: 95 })
    .toBuffer();
  await page.getByLabel("label belakang", { exact: true }).setInputFiles({ name: "label-baru.jpeg", mimeType: "image/jpeg", buffer: fullSize });
  // The browser decodes and re-encodes the 3200 × 2400 photo first: seconds on a busy phone or machine.
  await expect(page.getByRole("list", { name: "Urutan dan sampul" }).getByRole("listitem").filter({ hasText: "label belakang" })).toContainText("baru, belum diunggah", {
    timeout: 30_000,
  });
  const toSend = await page
    .getByLabel("label belakang", { exact: true })
    .evaluate((input: HTMLInputElement) => ({ name: input.files?.[0]?.name, size: input.files?.[0]?.size ?? Infinity }));
  expect(toSend.name).toBe("label-baru.jpg");
  expect(toSend.size).toBeLessThan(fullSize.length / 2);
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await expect(page.getByText("Produk terkirim. Kurator akan memeriksa kemasan dan labelnya.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Keripik Talas Ungu Binor" }) }).getByText("Sedang ditinjau")).toBeVisible();

  await curator.goto("/admin/review");
  await curator.getByRole("link", { name: "Keripik Talas Ungu Binor" }).click();
  // Every checklist item starts undecided: the curator passes each one before approving.
  await expect(curator.getByLabel("Sesuai", { exact: true })).toHaveCount(8);
  for (const pass of await curator.getByLabel("Sesuai", { exact: true }).all()) await pass.check();
  await curator.getByRole("button", { name: "Setujui dan tayangkan" }).click();
  await expect(curator).toHaveURL(/\/admin\/review\?decided=approve$/);
  await expect(curator.getByText("Tidak ada produk yang menunggu tinjauan.")).toBeVisible();

  const live = await page.goto("/p/keripik-talas-ungu-binor");
  expect(live?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keripik Talas Ungu Binor");
  await page.locator("label", { hasText: "250 g" }).click();
  await expect(page.getByText("Rp 48.000", { exact: true })).toBeVisible();
  await page.goto("/p/keripik-talas-ungu-binor?lang=en");
  await expect(page.locator("label", { hasText: "250 g pack" })).toBeVisible();
  await expect(page.getByText("Purple taro, coconut oil, salt")).toBeVisible();
  await page.goto("/products?q=talas%20ungu");
  await expect(page.getByRole("article").getByRole("heading", { name: "Keripik Talas Ungu Binor" })).toBeVisible();
  await curator.context().close();
});
