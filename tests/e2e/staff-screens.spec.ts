import { expect, test } from "../support/shop";
import { expectNoSeriousA11yViolations, newPhone, signInAs } from "../support/e2e";

test.use({ viewport: { width: 390, height: 844 } });

test("a curator passes every checklist item before approving; the manager's home, audit log and member search speak in names", async ({ page, browser }) => {
  // Four people on their phones and two accessibility scans of long pages: more than the default on two busy cores.
  test.setTimeout(300_000);
  // A member sends an edit of a live product for review.
  await signInAs(page, "anggota1@kopwan-binor.example");
  await page.goto("/member/products");
  const firstProduct = page.locator('a[href^="/member/products/"]:not([href$="/new"])', { hasText: "Keripik Singkong Balado" }).first();
  await page.goto((await firstProduct.getAttribute("href"))!);
  const productName = await page.getByLabel("Nama produk (Bahasa Indonesia)").inputValue();
  const description = page.getByLabel("Deskripsi (Bahasa Indonesia)");
  await description.fill(`${await description.inputValue()} Tanpa pengawet.`);
  await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
  await expect(page.getByText("Produk terkirim. Kurator akan memeriksa kemasan dan labelnya.")).toBeVisible({ timeout: 30_000 });

  // The manager's home says what waits, each a count linking to its queue.
  const manager = await newPhone(browser);
  await signInAs(manager, "pengurus@kopwan-binor.example");
  await expect(manager).toHaveURL(/\/admin$/);
  const waiting = manager.getByRole("region", { name: "Menunggu Anda" });
  await expect(waiting.getByRole("link", { name: "1 produk menunggu tinjauan" })).toHaveAttribute("href", "/admin/review");
  await expect(waiting.getByRole("link", { name: /pendaftaran menunggu keputusan/ })).toHaveAttribute("href", "/admin/applications");
  await expect(waiting.getByRole("link", { name: /rekening menunggu konfirmasi bendahara/ })).toBeVisible();
  await expect(waiting.getByRole("link", { name: /pesanan dibayar menunggu diproses/ })).toHaveAttribute("href", "/admin/orders");

  // The curator: every item starts undecided, and one tap does not approve.
  const curator = await newPhone(browser);
  await signInAs(curator, "kurator@kopwan-binor.example");
  await expect(curator.getByRole("region", { name: "Menunggu Anda" }).getByRole("link", { name: "1 produk menunggu tinjauan" })).toBeVisible();
  await curator.goto("/admin/review");
  await curator.getByRole("link", { name: productName }).click();
  const passes = curator.getByLabel("Sesuai", { exact: true });
  await expect(passes).toHaveCount(8);
  for (const pass of await passes.all()) await expect(pass).not.toBeChecked();
  await curator.getByRole("group", { name: /Foto produk/ }).getByLabel("Sesuai", { exact: true }).check();
  await curator.getByRole("button", { name: "Setujui dan tayangkan" }).click();
  await expect(curator.getByRole("alert")).toContainText("Belum diperiksa: Label terbaca dan berbahasa Indonesia,");
  await expect(curator.getByRole("alert")).toContainText("Klaim dan deskripsi jujur. Tandai setiap butir");
  // The choice made stays; the undecided items are marked and said to assistive technology.
  await expect(curator.getByRole("group", { name: /Foto produk/ }).getByLabel("Sesuai", { exact: true })).toBeChecked();
  await expect(curator.getByRole("group", { name: /Label terbaca/ })).toHaveAccessibleDescription("Belum diperiksa");
  await expect(curator).toHaveURL(/\/admin\/review\/[0-9a-f-]+$/);
  await expectNoSeriousA11yViolations(curator);
  for (const pass of await passes.all()) await pass.check();
  await curator.getByRole("button", { name: "Setujui dan tayangkan" }).click();
  await expect(curator).toHaveURL(/\/admin\/review\?decided=approve$/);

  // The audit log tells it as a sentence with names, and filters by kind and person.
  await manager.goto("/admin/audit");
  await expect(manager.getByRole("listitem").filter({ hasText: `Ibu Yuyun (Kurator) menyetujui ${productName}` })).toBeVisible();
  await expect(manager.getByRole("listitem").filter({ hasText: `Anggota pertama mengirim ${productName} untuk ditinjau` })).toBeVisible();
  await manager.getByLabel("Pelaku").selectOption({ label: "Ibu Yuyun (Kurator)" });
  await manager.getByLabel("Jenis").selectOption({ label: "Produk dan tinjauan" });
  await manager.getByRole("button", { name: "Terapkan", exact: true }).click();
  // Other journeys in this run may have had her approve other products too.
  await expect(manager.locator("main ol > li").filter({ hasText: new RegExp(`^Ibu Yuyun \\(Kurator\\) menyetujui ${productName}`) })).toHaveCount(1);
  await expect(manager.locator("main ol > li").filter({ hasNotText: /^Ibu Yuyun \(Kurator\)/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(manager);

  // The members list finds a member by owner's name and by phone as typed, as cards that fit a phone.
  await manager.goto("/admin/members");
  await manager.getByLabel("Cari anggota").fill("sulastri");
  await manager.getByRole("button", { name: "Cari" }).click();
  await expect(manager.getByText("Anggota ditemukan: 1")).toBeVisible();
  await expect(manager.getByRole("main").getByRole("link", { name: "Dapur Bu Sulastri" })).toBeVisible();
  await expect(manager.getByRole("main").getByRole("link", { name: "Petis & Terasi Mak Tinah" })).toHaveCount(0);
  // Nothing wider than the phone's screen: no sideways scrolling.
  expect(await manager.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await manager.getByLabel("Cari anggota").fill("0812-3451");
  await manager.getByRole("button", { name: "Cari" }).click();
  await expect(manager.getByText("Anggota ditemukan: 1")).toBeVisible();
  await expect(manager.getByRole("link", { name: "Kirim WhatsApp ke +62 812-3451-0071" })).toHaveAttribute("href", "https://wa.me/6281234510071");
  await expect(manager.getByRole("link", { name: "Telepon +62 812-3451-0071" })).toHaveAttribute("href", "tel:+6281234510071");
  await manager.getByLabel("Cari anggota").fill("tidak ada yang begini");
  await manager.getByRole("button", { name: "Cari" }).click();
  await expect(manager.getByText("Tidak ada anggota yang cocok dengan “tidak ada yang begini”.")).toBeVisible();
});
