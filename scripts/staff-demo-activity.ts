/** Demo activity for the staff screenshots of issue 14 (against a running demo at BASE): members send edits for review; with APPLY=1, two applications and one approval first. */
import { chromium, type Page } from "@playwright/test";
const base = process.env.BASE ?? "http://localhost:3341";
async function signIn(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Kata sandi").fill("etalase-demo");
  await page.getByRole("main").getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
}
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const ctx = () => browser.newContext({ viewport: { width: 390, height: 844 }, locale: "id-ID" });
if (process.env.APPLY) {
// Two applications.
for (const [biz, owner, phone, email] of [["Keripik Tempe Mbak Ani", "Ani Rahmawati", "0812 3456 7001", "ani@example.com"], ["Sambal Roa Bu Yuyun", "Yuyun Wahyuni", "0852 3334 4455", "yuyun@example.com"]]) {
  const page = await (await ctx()).newPage();
  await page.goto(`${base}/daftar-anggota`);
  await page.getByLabel("Nama usaha").fill(biz!);
  await page.getByLabel("Nama pemilik usaha").fill(owner!);
  await page.getByLabel(/Nomor HP/).fill(phone!);
  await page.getByLabel("E-mail").fill(email!);
  await page.getByLabel(/Apa yang Anda buat/).fill("Oleh-oleh rumahan, dikemas 100 gram.");
  await page.getByLabel("Provinsi").selectOption("35");
  await page.getByLabel("Kabupaten/kota").locator("option[value='35.13']").waitFor({ state: "attached" });
  await page.getByLabel("Kabupaten/kota").selectOption("35.13");
  await page.getByLabel("Kecamatan").locator("option[value='35.13.12']").waitFor({ state: "attached" });
  await page.getByLabel("Kecamatan").selectOption("35.13.12");
  await page.getByLabel("Kelurahan/desa").locator("option[value='35.13.12.2020']").waitFor({ state: "attached" });
  await page.getByLabel("Kelurahan/desa").selectOption("35.13.12.2020");
  await page.getByLabel(/Jalan/).fill("Dusun Krajan RT 02 RW 01");
  await page.getByLabel("Kode pos").fill("67291");
  await page.getByLabel("Bank", { exact: true }).selectOption("bca");
  await page.getByLabel("Nomor rekening").fill("123 456 7890");
  await page.getByLabel("Nama pemilik rekening").fill(owner!);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Kirim pendaftaran" }).click();
  await page.getByText(/Terima kasih!/).waitFor();
}
// The manager accepts the first (audit, invitation pending, bank account pending).
const manager = await (await ctx()).newPage();
await signIn(manager, "pengurus@kopwan-binor.example");
await manager.goto(`${base}/admin/applications`);
await manager.getByRole("link", { name: "Keripik Tempe Mbak Ani" }).click();
await manager.getByRole("button", { name: "Terima jadi anggota" }).click();
await manager.waitForURL(/\/admin\/members\//);
}
// Two members send edits for review.
for (const email of ["anggota1@kopwan-binor.example", "anggota2@kopwan-binor.example"]) {
  const member = await (await ctx()).newPage();
  await signIn(member, email);
  await member.goto(`${base}/member/products`);
  const edit = member.locator('a[href^="/member/products/"]:not([href$="/new"])').first();
  await member.goto(`${base}${await edit.getAttribute("href")}`);
  const description = member.getByLabel("Deskripsi (Bahasa Indonesia)");
  await description.fill(`${await description.inputValue()} Tanpa pengawet.`);
  await member.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await member.getByText("Produk terkirim").first().waitFor({ timeout: 30_000 });
}
await browser.close();
