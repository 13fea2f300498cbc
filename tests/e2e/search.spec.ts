import { expect, test } from "../support/shop";
import { expectNoSeriousA11yViolations, signInAs, waitForHydration } from "../support/e2e";

/* Issue 14: shoppers find what they type, and the listing works on a phone. */
test.use({ viewport: { width: 390, height: 844 } });

test("a tourist on a phone finds what they type: informal spellings, English, a typo, nothing at all", async ({ page }) => {
  await page.goto("/");
  const search = page.getByRole("combobox", { name: "Cari produk" });
  const results = page.getByRole("list", { name: /Hasil pencarian/ });

  await search.fill("kripik singkong");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/products\?q=kripik\+singkong/);
  await expect(results.getByRole("article").first().getByRole("heading")).toHaveText("Keripik Singkong Balado");

  await search.fill("chili sauce");
  await search.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hasil pencarian “chili sauce”");
  await expect(results.getByRole("article").getByRole("heading", { name: /^Sambal/ }).first()).toBeVisible();

  await search.fill("dodl");
  await search.press("Enter");
  const didYouMean = page.getByRole("link", { name: "dodol", exact: true });
  await expect(page.getByText(/^Maksud Anda dodol\?/)).toBeVisible();
  await expect(results.getByRole("article").getByRole("heading", { name: /Dodol/ }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await didYouMean.click();
  await expect(page).toHaveURL(/\/products\?q=dodol$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hasil pencarian “dodol”");

  await search.fill("zzqxqz");
  await search.press("Enter");
  await expect(page.getByRole("heading", { name: "Tidak ada hasil untuk “zzqxqz”" })).toBeVisible();
  const popular = page.getByRole("region", { name: "Mungkin Anda suka yang terlaris ini" });
  await expect(popular.getByRole("article")).toHaveCount(8);
  await expectNoSeriousA11yViolations(page);
});

test("the listing on a phone: the sort as chips, the filter panel closing on Terapkan, producers of the chosen category", async ({ page }) => {
  await page.goto("/products");
  const sort = page.getByRole("navigation", { name: "Urutkan" });
  await expect(sort.getByRole("link", { name: "Terlaris" })).toHaveAttribute("aria-current", "true");
  await sort.getByRole("link", { name: "Harga terendah" }).click();
  await expect(page).toHaveURL(/sort=price_asc/);
  await expect(sort.getByRole("link", { name: "Harga terendah" })).toHaveAttribute("aria-current", "true");

  // Choosing a category applies it at once only once the page's scripts run (before, "Terapkan" sends the form):
  // a chip clicked before hydration loaded this page afresh.
  await waitForHydration(page);
  // The panel's summary reads "Filter" and then how many filters are on.
  const panel = page.locator("details").filter({ has: page.locator("summary", { hasText: /^Filter/ }) });
  await panel.locator("summary").click();
  const apply = panel.getByRole("button", { name: "Terapkan", exact: true });
  await expect(apply).toBeVisible();
  await panel.getByLabel("Kategori").selectOption("batik-tenun");
  await expect(page).toHaveURL(/category=batik-tenun/);
  // Only the producers with products in the chosen category, each with its count.
  const producers = panel.getByLabel("Produsen").locator("option");
  await expect(producers).toHaveText(["Semua", /^Batik Sekar Manggur \(\d+\)$/, /^Tenun Gedogan Bu Misnati \(\d+\)$/]);
  await panel.getByLabel("Hanya yang tersedia").check();
  await apply.click();
  await expect(page).toHaveURL(/stock=1/);
  await expect(page).toHaveURL(/sort=price_asc/);
  await expect(apply).toBeHidden();
  await expect(panel).not.toHaveAttribute("open", "");
  await expect(page.getByRole("list", { name: "Semua produk" }).getByRole("article").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("a manager adds a synonym and shoppers find products by it at once", async ({ page }) => {
  await signInAs(page, "pengurus@kopwan-binor.example");
  await page.goto("/admin/settings/search");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Padanan kata pencarian");
  await page.getByLabel("Kata yang diketik pembeli").fill("Criping");
  await page.getByLabel("Juga mencari").fill("keripik");
  await page.getByRole("button", { name: "Tambah padanan" }).click();
  await expect(page.getByText("Padanan disimpan.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "criping" })).toContainText("keripik");
  await expectNoSeriousA11yViolations(page);

  // Bad input: a message at the field, nothing saved.
  await page.getByLabel("Kata yang diketik pembeli").fill("!!!");
  await page.getByLabel("Juga mencari").fill("keripik");
  await page.getByRole("button", { name: "Tambah padanan" }).click();
  await expect(page.getByText("Tulis satu sampai tiga kata (2–60 huruf).")).toBeVisible();
  await expect(page.getByLabel("Kata yang diketik pembeli")).toHaveAttribute("aria-invalid", "true");

  await page.goto("/products?q=criping");
  await expect(page.getByRole("list", { name: /Hasil pencarian/ }).getByRole("article").getByRole("heading", { name: /Keripik/ }).first()).toBeVisible();
});

test.describe("on a wide screen", () => {
  test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });

  test("the filters stand open beside the results, with the sort among them, and stay open as they apply", async ({ page }) => {
    await page.goto("/products");
    const panel = page.locator("details").filter({ has: page.locator("summary", { hasText: /^Filter/ }) });
    // Open from the first paint (CSS), and announced as open once the page has its scripts.
    await expect(panel.getByLabel("Produsen")).toBeVisible();
    await expect(panel).toHaveAttribute("open", "");
    await expect(page.getByRole("navigation", { name: "Urutkan" })).toBeHidden();
    await panel.getByLabel("Urutkan").selectOption("price_asc");
    await expect(page).toHaveURL(/sort=price_asc/);
    await panel.getByLabel("Kategori").selectOption("batik-tenun");
    await expect(page).toHaveURL(/category=batik-tenun.*sort=price_asc|sort=price_asc.*category=batik-tenun/);
    await panel.getByRole("button", { name: "Terapkan", exact: true }).click();
    await expect(panel).toHaveAttribute("open", "");
    await expect(panel.getByLabel("Produsen")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
