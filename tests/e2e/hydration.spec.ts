import type { Page } from "@playwright/test";
import { expect, test } from "../support/shop";
import { waitForHydration } from "../support/e2e";

/** Uncaught errors and console errors that say hydration failed (React #418/#423), as the page runs. */
function recordHydrationErrors(page: Page): string[] {
  const errors: string[] = [];
  const keep = (text: string) => {
    if (/hydrat|#418|#423|Minified React error/i.test(text)) errors.push(text);
  };
  page.on("pageerror", (error) => keep(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") keep(message.text());
  });
  return errors;
}

test("the page comes alive with its words when the dictionary arrives after the page's scripts (a slow mobile network)", async ({ page }) => {
  const hydrationErrors = recordHydrationErrors(page);
  // The deferred dictionary script comes late, so Remix's module scripts are ready before it.
  await page.route(/\/i18n\/(id|en)\.(shop|rest)\.[0-9a-f]+\.js$/, async (route) => {
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
  expect(hydrationErrors).toEqual([]);
});

test("a shop page loads only the shop's words; going on to a back-office page waits for the rest, on the page the shopper sees", async ({ page }) => {
  const dictionaries: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/i18n/")) dictionaries.push(new URL(request.url()).pathname);
  });
  await page.goto("/products");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Semua produk");
  await waitForHydration(page);
  expect(dictionaries).toHaveLength(1);
  expect(dictionaries[0]).toMatch(/^\/i18n\/id\.shop\.[0-9a-f]+\.js$/);

  // The sign-in page needs the rest of the dictionary: it comes slowly.
  await page.route(/\/i18n\/id\.rest\.[0-9a-f]+\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  // Watch for any message key shown without its words, however briefly.
  await page.evaluate(() => {
    const seen: string[] = ((window as unknown as { rawKeys: string[] }).rawKeys = []);
    new MutationObserver(() => {
      const raw = `${document.title} ${document.body.innerText}`.match(/\b(?:auth|account|member|admin|form)\.[a-z][A-Za-z.]+\b/g);
      if (raw) seen.push(...raw);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    (window as unknown as { samePage: boolean }).samePage = true;
  });
  await page.getByRole("banner").getByRole("link", { name: "Masuk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Masuk" })).toBeVisible();
  await expect(page.getByLabel("Kata sandi")).toBeVisible();
  expect(dictionaries.some((path) => /^\/i18n\/id\.rest\./.test(path))).toBe(true);
  // A navigation inside the page (no reload), and no key ever shown in place of its words.
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { rawKeys: string[] }).rawKeys)).toEqual([]);
});

test("a shop page's stylesheet is one cached file, and its scripts start once its photo is painted", async ({ page }) => {
  const stylesheets: string[] = [];
  const hydrationErrors = recordHydrationErrors(page);
  page.on("request", (request) => {
    if (request.resourceType() === "stylesheet") stylesheets.push(request.url());
  });
  const html = await (await page.request.get("/products")).text();
  expect(html).not.toMatch(/<link rel="modulepreload"|<script[^>]*type="module"/);

  await page.goto("/products");
  const productPath = (await page.locator('main a[href^="/p/"]').first().getAttribute("href")) ?? "/";
  // Photos are resized on first request: ask for this page's once, so a busy machine's resizing cannot hold the
  // load event past the loader's last-resort start (3 s), which would rightly start the scripts before the photo.
  const productHtml = await (await page.request.get(productPath)).text();
  for (const photo of new Set(productHtml.match(/\/media\/[^\s",]+/g))) await page.request.get(photo);
  await page.goto(productPath);
  await expect(page.getByRole("banner")).toHaveCSS("position", "sticky");
  // The built stylesheet as a file (decision 56), the same for both pages, none inlined.
  expect(stylesheets.length).toBeGreaterThan(0);
  expect(new Set(stylesheets.map((url) => new URL(url).pathname)).size).toBe(1);
  expect(new URL(stylesheets[0]!).pathname).toMatch(/^\/assets\/app-[\w-]+\.css$/);
  expect(productHtml).not.toContain("<style");
  // Still a page that comes alive: the search box suggests once the scripts have run.
  await page.getByRole("combobox", { name: "Cari produk" }).fill("keripk");
  await expect(page.getByRole("listbox", { name: "Saran pencarian" }).getByRole("option").first()).toContainText(/keripik/i);
  const timing = await page.evaluate(async () => {
    const scripts = performance.getEntriesByType("resource").filter((entry) => /\/assets\/.*\.js$/.test(entry.name));
    // Largest paints are only reported to an observer (buffered: the ones before it too).
    const paints = await new Promise<PerformanceEntry[]>((resolve) =>
      new PerformanceObserver((list, observer) => {
        observer.disconnect();
        resolve(list.getEntries());
      }).observe({ type: "largest-contentful-paint", buffered: true }),
    );
    const photoPaint = paints.find((entry) => (entry as PerformanceEntry & { element?: Element }).element?.getAttribute("fetchpriority") === "high");
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return {
      firstScript: Math.min(...scripts.map((entry) => entry.startTime)),
      domContentLoaded: navigation.domContentLoadedEventStart,
      load: navigation.loadEventStart,
      photoPainted: photoPaint?.startTime ?? null,
    };
  });
  expect(timing.photoPainted).not.toBeNull();
  // After the load event and the photo, unless the loader's own deadline came first (1 s after load, 3 s after the
  // HTML was read), as it may when a busy machine loads or paints the photo late: a page is never left lifeless.
  const deadline = Math.min(timing.load + 1000, timing.domContentLoaded + 3000);
  const afterDeadline = timing.firstScript >= deadline - 5;
  expect(timing.firstScript >= timing.load || afterDeadline, JSON.stringify(timing)).toBe(true);
  expect(timing.firstScript >= (timing.photoPainted ?? Infinity) || afterDeadline, JSON.stringify(timing)).toBe(true);
  expect(hydrationErrors).toEqual([]);
});

test("a shop page starts without work it can skip: its framework compiles eagerly, and no number formatter or SVG image is built", async ({ page }) => {
  // Counts what the page builds of each kind; both cost a phone tens of milliseconds on its main thread the first time.
  await page.addInitScript(() => {
    const counts = { numberFormats: 0 };
    (window as unknown as { startCosts: typeof counts }).startCosts = counts;
    const NumberFormat = Intl.NumberFormat;
    Intl.NumberFormat = new Proxy(NumberFormat, {
      construct(target, args) {
        counts.numberFormats++;
        return Reflect.construct(target, args);
      },
    });
  });
  await page.goto("/products");
  const productPath = (await page.locator('main a[href^="/p/"]').first().getAttribute("href")) ?? "/";
  await page.goto(productPath);
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
  await expect(page.getByRole("main").getByText(/Rp [0-9.]+/).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { startCosts: { numberFormats: number } }).startCosts.numberFormats)).toBe(0);
  expect(await page.locator('img[src$=".svg"], link[rel~="icon"][href$=".svg"]').count()).toBe(0);

  // The chunk with React and the router carries V8's compile hint at its very start.
  const html = await (await page.request.get(productPath)).text();
  const sharedChunk = /\/assets\/shop-[\w-]+\.js/.exec(html)?.[0];
  expect(sharedChunk).toBeDefined();
  expect((await (await page.request.get(sharedChunk!)).text()).startsWith("//# allFunctionsCalledOnLoad\n")).toBe(true);
});

test("a page beyond browsing asks for its scripts at once, at low priority", async ({ page }) => {
  await page.goto("/cart");
  const preloads = await page.locator('link[rel="modulepreload"]').evaluateAll((links) =>
    links.map((link) => ({ href: link.getAttribute("href"), priority: link.getAttribute("fetchpriority") })),
  );
  const first = new Map<string, string | null>();
  for (const { href, priority } of preloads) if (href && !first.has(href)) first.set(href, priority);
  expect(first.size).toBeGreaterThan(3);
  expect([...first.values()].every((priority) => priority === "low")).toBe(true);
});
