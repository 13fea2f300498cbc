import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../support/shop";
import { expectNoSeriousA11yViolations, waitForHydration } from "../support/e2e";

test.use({ viewport: { width: 390, height: 844 } });

async function firstProduct(page: Page): Promise<string> {
  await page.goto("/products");
  const path = await page.getByRole("article").first().getByRole("link").getAttribute("href");
  await page.goto(path!);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  return path!;
}

/** Alternative texts on the page that say a word (of three letters or more) twice. */
async function altsRepeatingWords(page: Page): Promise<string[]> {
  const alts = await page.getByRole("main").locator("img").evaluateAll((images: HTMLImageElement[]) => images.map((img) => img.alt));
  return alts.filter((alt) => {
    const words = (alt.toLocaleLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
    return new Set(words).size !== words.length;
  });
}

test("a shopper taps a thumbnail without the page jumping, and reads the back label full screen", async ({ page }) => {
  await firstProduct(page);
  const gallery = page.getByRole("region", { name: "Foto produk" });
  // The largest image above the fold is still the preloaded one, fetched first.
  await expect(gallery.getByRole("img").first()).toHaveAttribute("fetchpriority", "high");
  await expect(page.locator('head link[rel="preload"][as="image"][fetchpriority="high"]')).toHaveCount(1);
  expect(await altsRepeatingWords(page)).toEqual([]);

  // Thumbnails: the strip moves to the photo, the page stays where the shopper's thumb left it.
  const thumbnails = page.getByRole("list", { name: "Pilih foto" }).getByRole("link");
  await expect(thumbnails).toHaveCount(3);
  await page.evaluate(() => window.scrollTo(0, 120));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(120);
  const url = page.url();
  // Before the scripts run a thumbnail is a plain link to its photo; what follows is the gallery's script.
  await waitForHydration(page);
  await thumbnails.nth(2).click();
  await expect(thumbnails.nth(2)).toHaveAttribute("aria-current", "true");
  await expect
    .poll(() => gallery.evaluate((strip) => Math.round(strip.scrollLeft / strip.clientWidth)))
    .toBe(2);
  expect(await page.evaluate(() => window.scrollY)).toBe(120);
  expect(page.url()).toBe(url);

  // Full screen, on the photo shown: a modal dialog that keeps the focus.
  const zoom = page.getByRole("button", { name: "Perbesar foto" });
  await zoom.click();
  const viewer = page.getByRole("dialog", { name: "Foto produk" });
  await expect(viewer).toBeVisible();
  await expect(viewer.getByText("Foto 3 dari 3: label belakang")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Tutup" })).toBeFocused();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await viewer.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }
  await expectNoSeriousA11yViolations(page);

  // Arrows move between photos (round from the last to the first).
  await page.keyboard.press("ArrowRight");
  await expect(viewer.getByText("Foto 1 dari 3: produk")).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(viewer.getByText("Foto 3 dari 3: label belakang")).toBeVisible();
  await viewer.getByRole("button", { name: "Sebelumnya" }).click();
  await expect(viewer.getByText("Foto 2 dari 3: kemasan depan")).toBeVisible();

  // Magnified wider than the screen, so the small print of a label can be read by panning.
  const magnify = viewer.getByRole("button", { name: "Perbesar", exact: true });
  await magnify.click();
  await expect(magnify).toHaveAttribute("aria-pressed", "true");
  const shown = viewer.getByRole("img", { name: /kemasan depan/ });
  await expect.poll(() => shown.evaluate((img) => img.getBoundingClientRect().width)).toBeGreaterThan(390 * 2);
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth >= 960)).toBe(true);

  // Escape closes, and the focus is back on the button that opened it.
  await page.keyboard.press("Escape");
  await expect(viewer).toHaveCount(0);
  await expect(zoom).toBeFocused();
  // The strip shows the photo the shopper last looked at.
  await expect
    .poll(() => gallery.evaluate((strip) => Math.round(strip.scrollLeft / strip.clientWidth)))
    .toBe(1);

  // The close button does the same; a tap on the photo opens the viewer too.
  await gallery.getByRole("img").nth(1).click();
  await expect(viewer).toBeVisible();
  await viewer.getByRole("button", { name: "Tutup" }).click();
  await expect(viewer).toHaveCount(0);
});

test("English says 1 product and 2 products, and the language button is called what it shows", async ({ page }) => {
  const path = await firstProduct(page);
  // The button's accessible name begins with its visible text (WCAG 2.5.3), as axe's rule checks.
  const toEnglish = page.getByRole("banner").getByRole("button", { name: /^EN\b/ });
  await expect(toEnglish).toHaveText(/^EN/);
  await expect(toEnglish).toHaveAccessibleName("EN, Switch to English");
  const labelInName = await new AxeBuilder({ page }).withRules(["label-content-name-mismatch"]).analyze();
  expect(labelInName.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await toEnglish.click();
  await expect(page.getByRole("banner").getByRole("button", { name: /^ID\b/ })).toHaveAccessibleName("ID, Ganti ke Bahasa Indonesia");

  const name = await page.getByRole("heading", { level: 1 }).innerText();
  await page.goto(`/products?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("heading", { name: "1 product", exact: true })).toBeVisible();
  await page.goto("/products");
  await expect(page.getByRole("heading", { name: /^\d+ products$/ })).toBeVisible();
  expect(path).toMatch(/^\/p\//);
});
