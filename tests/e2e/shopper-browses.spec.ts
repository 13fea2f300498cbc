import { expect, test } from "../support/shop";
import { expectNoSeriousA11yViolations, waitForHydration } from "../support/e2e";

test("a shopper on a phone browses home → category → product, in Indonesian", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Koperasi/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Paling laris" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const categoryLink = page.getByRole("region", { name: "Kategori" }).getByRole("link").first();
  const categoryName = (await categoryLink.locator("span").first().textContent()) ?? "";
  await categoryLink.click();
  await expect(page).toHaveURL(/\/c\/[a-z-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(categoryName);
  await expect(page.getByText(/^\d+ produk$/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const firstProduct = page.getByRole("list", { name: categoryName }).getByRole("article").first();
  const productName = await firstProduct.getByRole("heading").textContent();
  await firstProduct.getByRole("link").click();
  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(productName ?? "");
  await expect(page.getByText(/^Rp\s[\d.]+$/).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: /Informasi label|Detail produk/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Dibuat oleh" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The gallery's images come in widths to fit the device.
  const mainImage = page.getByRole("region", { name: "Foto produk" }).getByRole("img").first();
  await expect(mainImage).toHaveAttribute("srcset", /w320 320w/);
  // Shown once loaded (its width variant is made on first request, seconds on a busy machine).
  await expect.poll(() => mainImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // Each photo says what it shows, not just the product's name again.
  await expect(page.getByRole("region", { name: "Foto produk" }).getByRole("img", { name: /label belakang$/ })).toHaveCount(1);

  // Structured data for search engines.
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd["@type"]).toBe("Product");
  expect(jsonLd.offers.priceCurrency ?? jsonLd.offers.offers?.[0]?.priceCurrency).toBe("IDR");
});

test("search forgives a typo and suggests as the shopper types", async ({ page }) => {
  await page.goto("/");
  const search = page.getByRole("combobox", { name: "Cari produk" });
  await search.fill("keripk");
  await expect(page.getByRole("listbox", { name: "Saran pencarian" }).getByRole("option").first()).toContainText(/keripik/i);
  await search.press("Enter");
  await expect(page).toHaveURL(/\/products\?q=keripk/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hasil pencarian “keripk”");
  const names = await page.getByRole("article").getByRole("heading").allTextContents();
  expect(names.length).toBeGreaterThan(1);
  expect(names.some((name) => /keripik/i.test(name))).toBe(true);
  await expectNoSeriousA11yViolations(page);

  await search.fill("zzqxqz");
  await search.press("Enter");
  await expect(page.getByRole("heading", { name: "Tidak ada hasil untuk “zzqxqz”" })).toBeVisible();
});

test("filters stay in the URL and pages keep them", async ({ page }) => {
  await page.goto("/products");
  await page.getByRole("navigation", { name: "Urutkan" }).getByRole("link", { name: "Harga terendah" }).click();
  await expect(page).toHaveURL(/sort=price_asc/);
  // The address changes as the navigation starts; the cards are re-sorted once its data arrives.
  const prices = async () =>
    (await page.getByRole("article").locator("span").filter({ hasText: /^(mulai )?Rp/ }).allTextContents()).map((text) => Number(text.replace(/\D/g, "")));
  await expect.poll(async () => {
    const values = await prices();
    return values.length > 0 && values.every((value, index) => index === 0 || values[index - 1]! <= value);
  }).toBe(true);
  const next = page.getByRole("link", { name: /Berikutnya/ });
  await next.click();
  await expect(page).toHaveURL(/sort=price_asc&page=2|page=2.*sort=price_asc/);
});

test("switching to English translates the page and stays on it", async ({ page }) => {
  await page.goto("/producers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Produsen anggota");
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page).toHaveURL(/\/producers$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Member producers");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("link", { name: "Products" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("All products");
  await expect(page.getByText(/^(from )?Rp\s[\d.]+$/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Ganti ke Bahasa Indonesia" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Semua produk");
});

test("unknown pages get a translated 404", async ({ page }) => {
  const response = await page.goto("/p/tidak-ada-produk-ini");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
  await page.goto("/halaman/tidak/ada?lang=en");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("links move within the page's app, and a card the pointer rests on is fetched ahead", async ({ page }) => {
  await page.goto("/products");
  // A pointer that came to rest before the page's scripts ran gives no event to follow.
  await waitForHydration(page);
  await expect(page.getByRole("navigation", { name: "Menu utama" }).first().getByRole("link", { name: "Produk" })).toHaveAttribute("aria-current", "page");
  // Set once: a full page load would forget it.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  const cards = page.getByRole("article");
  const second = cards.nth(1).getByRole("link");
  const prefetched = page.waitForRequest((request) => /\/p\/[a-z0-9-]+\.data/.test(request.url()));
  await second.hover();
  expect(new URL((await prefetched).url()).pathname).toBe(`${await second.getAttribute("href")}.data`);

  const name = (await cards.first().getByRole("heading").textContent()) ?? "";
  await cards.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.getByRole("contentinfo").getByRole("link", { name: "Produsen" }).click();
  await expect(page).toHaveURL(/\/producers$/);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
