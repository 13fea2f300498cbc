import type { Page } from "@playwright/test";
import { expect, test } from "../support/shop";

/** Every `<img>` on the page with its width and height attributes, so none can shift the layout as it loads. */
async function imagesWithoutSize(page: Page) {
  return page.locator("img").evaluateAll((images: HTMLImageElement[]) =>
    images.filter((img) => !img.getAttribute("width") || !img.getAttribute("height")).map((img) => img.outerHTML.slice(0, 120)),
  );
}

test("the product page preloads its first photo at high priority, as AVIF for a browser that takes it", async ({ page }) => {
  const avifResponses: string[] = [];
  page.on("response", (response) => {
    if (response.headers()["content-type"] === "image/avif") avifResponses.push(new URL(response.url()).pathname);
  });
  await page.goto("/products");
  const productPath = await page.getByRole("article").first().getByRole("link").getAttribute("href");
  await page.goto(productPath!);

  const gallery = page.getByRole("region", { name: "Foto produk" });
  const first = gallery.getByRole("img").first();
  await expect(first).toHaveAttribute("fetchpriority", "high");
  await expect(first).not.toHaveAttribute("loading", "lazy");
  const preload = page.locator('head link[rel="preload"][as="image"]');
  await expect(preload).toHaveCount(1);
  await expect(preload).toHaveAttribute("fetchpriority", "high");
  // The preload offers exactly what the image offers, so the browser fetches one file for both.
  expect(await preload.getAttribute("imagesrcset")).toBe(await first.getAttribute("srcset"));
  expect(await preload.getAttribute("imagesizes")).toBe(await first.getAttribute("sizes"));
  // One candidate list, its URLs naming widths: no second list of the same photo for another format.
  await expect(page.locator("picture source")).toHaveCount(0);

  // Chromium takes AVIF: the photo shown is the AVIF variant, served as such.
  await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const shown = await first.evaluate((img: HTMLImageElement) => new URL(img.currentSrc).pathname);
  expect(shown).toMatch(/\/w\d+$/);
  // Fetched once: the preload's response is the one the image shows.
  expect(avifResponses.filter((path) => path === shown)).toHaveLength(1);
  // The width fits this phone's screen (412 css px at 2.625 dppx), not a thumbnail's.
  expect(shown).not.toMatch(/w160|w320/);

  expect(await imagesWithoutSize(page)).toEqual([]);
});

test("every image on the home page and the listing has its size, and the first cards' photos come first", async ({ page }) => {
  for (const path of ["/", "/products"]) {
    await page.goto(path);
    expect(await imagesWithoutSize(page)).toEqual([]);
    await expect(page.locator('head link[rel="preload"][as="image"][fetchpriority="high"]')).toHaveCount(1);
  }
  const cards = page.getByRole("article");
  await expect(cards.first().locator("img")).toHaveAttribute("fetchpriority", "high");
  // Cards further down wait until they are near the screen.
  await expect(cards.nth(4).locator("img")).toHaveAttribute("loading", "lazy");
  // The listing's preload offers what its first card offers, and a card lists no file wider than a card can use.
  const cardCandidates = await cards.first().locator("img").getAttribute("srcset");
  expect(await page.locator('head link[rel="preload"][as="image"]').getAttribute("imagesrcset")).toBe(cardCandidates);
  expect(cardCandidates).toMatch(/\/w640 640w$/);
});
