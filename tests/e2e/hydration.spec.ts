import { expect, test } from "@playwright/test";

test("the page comes alive with its words when the dictionary arrives after the page's scripts (a slow mobile network)", async ({ page }) => {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  // The deferred dictionary script comes late, so Remix's module scripts are ready before it.
  await page.route(/\/i18n\/(id|en)\.[0-9a-f]+\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto("/", { waitUntil: "commit" });
  const search = page.getByRole("combobox", { name: "Cari produk" });
  await search.fill("keripk");
  // Suggestions need the page's script: they show once it runs, whatever was typed before.
  await expect(page.getByRole("listbox", { name: "Saran pencarian" }).getByRole("option").first()).toContainText(/keripik/i);
  await expect(page.getByRole("link", { name: "Beranda" }).first()).toBeVisible();
  await expect(page.getByText("nav.home")).toHaveCount(0);
  expect(problems.filter((problem) => /hydrat|#418|#423|Minified React error/i.test(problem))).toEqual([]);
});
