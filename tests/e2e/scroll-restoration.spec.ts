import type { Page } from "@playwright/test";
import { expect, test } from "../support/shop";
import { waitForHydration } from "../support/e2e";

/** The keys the page has read from sessionStorage since its document began (recorded from before its first script). */
async function sessionStorageReads(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { sessionStorageReads: string[] }).sessionStorageReads);
}

async function scrollTo(page: Page, y: number) {
  await page.evaluate((top) => window.scrollTo(0, top), y);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(y);
}

const historyKey = (page: Page) => page.evaluate(() => (window.history.state as { key: string }).key);

test("a shopper comes back to where they were on the listing, by Back and by reloading; a page opened from a link reads no saved positions", async ({ page }) => {
  await page.addInitScript(() => {
    const reads: string[] = ((window as unknown as { sessionStorageReads: string[] }).sessionStorageReads = []);
    const getItem = Storage.prototype.getItem;
    Storage.prototype.getItem = function (this: Storage, key: string) {
      if (this === window.sessionStorage) reads.push(key);
      return getItem.call(this, key);
    };
    const writes: unknown[] = ((window as unknown as { historyWrites: unknown[] }).historyWrites = []);
    const replaceState = History.prototype.replaceState;
    History.prototype.replaceState = function (this: History, ...args: Parameters<History["replaceState"]>) {
      writes.push(args[0]);
      return replaceState.apply(this, args);
    };
  });
  const y = 1200;

  // Opened from a link: a new history entry, nothing saved for it.
  await page.goto("/products");
  await waitForHydration(page);
  const listingKey = await historyKey(page);
  // The entry is written once as the page starts, with its key and the router's index (each write costs the page).
  expect(await page.evaluate(() => (window as unknown as { historyWrites: unknown[] }).historyWrites)).toEqual([{ key: listingKey, idx: 0 }]);
  await scrollTo(page, y);
  const card = await page.evaluate(() => {
    const inView = [...document.querySelectorAll<HTMLAnchorElement>('main a[href^="/p/"]')].find((link) => {
      const box = link.getBoundingClientRect();
      // In the middle of the screen, clear of the sticky header, so that tapping it scrolls nothing.
      return box.top > window.innerHeight / 3 && box.bottom < (window.innerHeight * 2) / 3;
    });
    return inView?.getAttribute("href");
  });
  expect(card).toBeTruthy();
  await page.locator(`main a[href="${card}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`${card}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Semua produk");
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(y);
  expect(await sessionStorageReads(page)).toEqual([]);

  // Reloaded: the entry was there before, so its position is read back before the page paints.
  await page.reload();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(y);
  expect(await sessionStorageReads(page)).toContain("positions");
  await waitForHydration(page);

  // Another page opened from a link reads nothing, and keeps the listing's position when it saves its own.
  await page.goto("/producers");
  await waitForHydration(page);
  expect(await sessionStorageReads(page)).toEqual([]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const saved = await page.evaluate(() => JSON.parse(window.sessionStorage.getItem("positions") ?? "{}") as Record<string, number>);
  expect(saved[listingKey]).toBe(y);
});
