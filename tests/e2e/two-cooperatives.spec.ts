import { expect, test } from "../support/shop";
import { newPhone, oneTimeLink, signIn, waitForMail } from "../support/e2e";

// Chromium resolves every *.etalase.test name to this machine (playwright.config.ts), so each
// cooperative gets its own host, as on a shared provincial deployment.
test("an operator opens a second cooperative on its own host; neither shop, nor its staff, reaches the other", async ({ page, browser, baseURL }) => {
  test.slow();
  // Unique per run, so a retry does not meet the cooperative its first try made.
  const stamp = Date.now().toString(36);
  const host = `argopuro-${stamp}.etalase.test`;
  const origin = `http://${host}:${new URL(baseURL!).port}`;
  const managerEmail = `ratna-${stamp}@argopuro.example`;

  await signIn(page, "operator@etalase.example");
  await page.goto("/operator");
  await page.getByLabel("Nama koperasi").fill("Koperasi Kopi Argopuro");
  await page.getByLabel("Nama badan hukum").fill("Koperasi Produsen Kopi Argopuro");
  await page.getByLabel("Kode singkat").fill(`kopi-argopuro-${stamp}`);
  await page.getByLabel("Alamat toko (host)").fill(host);
  await page.getByLabel("Kabupaten/kota").fill("Kabupaten Probolinggo");
  await page.getByLabel("Provinsi").fill("Jawa Timur");
  await page.getByLabel("Nama pengurus pertama").fill("Bu Ratna");
  await page.getByLabel("E-mail pengurus pertama").fill(managerEmail);
  await page.getByRole("button", { name: "Buat koperasi" }).click();
  await expect(page.getByText("Koperasi dibuat dan undangan untuk pengurusnya disiapkan.")).toBeVisible();
  // The operator never sees the link; it reaches the manager's inbox, on the new shop's own host.
  await expect(page.getByRole("main")).not.toContainText("/invite/");
  const invite = oneTimeLink(await waitForMail(managerEmail, /Akun Anda di Koperasi Kopi Argopuro|Koperasi Kopi Argopuro/), "invite").url;
  expect(invite.startsWith(`${origin}/invite/`)).toBe(true);

  // The new manager activates her account on the new shop's host and lands in its staff area.
  const ratna = await newPhone(browser);
  await ratna.goto(invite);
  await ratna.getByLabel("Kata sandi baru", { exact: true }).fill("kopi-argopuro-2026");
  await ratna.getByLabel("Ulangi kata sandi baru").fill("kopi-argopuro-2026");
  await ratna.getByRole("button", { name: /Simpan kata sandi/ }).click();
  await expect(ratna).toHaveURL(`${origin}/admin`);
  await expect(ratna.getByRole("banner")).toContainText("Koperasi Kopi Argopuro");
  await ratna.goto(`${origin}/admin/members`);
  await expect(ratna.getByRole("main")).not.toContainText("Dapur Bu Siti");

  // The new shop is empty: the demo cooperative's products and producers are not found there.
  await page.goto("/products");
  const demoProduct = await page.getByRole("article").first().getByRole("link").first().getAttribute("href");
  expect(demoProduct).toMatch(/^\/p\//);
  const shop = await newPhone(browser);
  await shop.goto(`${origin}/`);
  await expect(shop.getByRole("banner")).toContainText("Koperasi Kopi Argopuro");
  expect((await shop.goto(`${origin}${demoProduct}`))?.status()).toBe(404);
  await shop.goto(`${origin}/products?q=keripik`);
  await expect(shop.getByRole("article")).toHaveCount(0);

  // Her account is hers, but her role is only in her cooperative: the demo shop's staff area refuses her,
  // and the demo manager gets nothing in hers.
  const elsewhere = await newPhone(browser);
  await signIn(elsewhere, managerEmail, "kopi-argopuro-2026");
  expect((await elsewhere.goto("/admin"))?.status()).toBe(403);
  const demoManager = await newPhone(browser);
  await demoManager.goto(`${origin}/sign-in`);
  await demoManager.getByLabel("E-mail").fill("pengurus@kopwan-binor.example");
  await demoManager.getByLabel("Kata sandi").fill("etalase-demo");
  await demoManager.getByRole("main").getByRole("button", { name: "Masuk" }).click();
  await expect(demoManager).not.toHaveURL(/\/sign-in/);
  expect((await demoManager.goto(`${origin}/admin`))?.status()).toBe(403);

  for (const person of [ratna, shop, elsewhere, demoManager]) await person.context().close();
});
