import { PRODUCT_PAGE_JAVASCRIPT_BUDGET_BYTES, pageJavaScript } from "../../bench/page-javascript";
import { expect, test } from "../support/shop";

test("a product page's JavaScript, its dictionary script included, stays within issue 13's 100 KB gzip in both languages", async ({ page }) => {
  const listing = await (await page.request.get("/products")).text();
  const productPath = /href="(\/p\/[a-z0-9-]+)"/.exec(listing)?.[1];
  expect(productPath).toBeTruthy();
  for (const language of ["id-ID", "en-US"]) {
    const get = async (path: string) => Buffer.from(await (await page.request.get(path, { headers: { "Accept-Language": language } })).body());
    const javascript = await pageJavaScript(productPath!, get);
    // The framework, the entry, the root and product routes, and the shop's words.
    expect(javascript.files.filter((file) => file.startsWith("/assets/")).length, language).toBeGreaterThanOrEqual(4);
    expect(javascript.files.filter((file) => file.startsWith("/i18n/")), language).toHaveLength(1);
    expect(javascript.gzip, `${language}: ${javascript.files.join(", ")}`).toBeLessThanOrEqual(PRODUCT_PAGE_JAVASCRIPT_BUDGET_BYTES);
  }
});
