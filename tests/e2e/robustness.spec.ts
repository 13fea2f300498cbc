import { createHash } from "node:crypto";
import type { Page, Response } from "@playwright/test";
import { expect, test } from "../support/shop";
import { newProductForm, signInAs } from "../support/e2e";

test("nothing a shopper can type in a URL produces a server error", async ({ request }) => {
  const paths = [
    "/products?page=-1&min=abc&max=%FF&sort=%3Cscript%3E&stock=maybe",
    "/products?q=%00%01%02",
    "/products?q=" + "x".repeat(5000),
    "/products?q=%27%22%3B--%20%26%7C!*():",
    "/products?category=../../etc/passwd&producer=%25",
    "/products?page=999999999999999999999",
    "/c/%E0%A4%A",
    "/c/ada%2Fslash",
    "/p/%00",
    "/producers/%F0%9F%8D%8C",
    "/media/../../etc/passwd",
    "/media/00000000-0000-0000-0000-000000000000/00000000-0000-0000-0000-000000000000/w640.webp",
    "/media/x/y/w999.webp",
    "/api/suggest?q=%00",
    "/api/suggest?q[]=a&q[]=b",
    "/?lang=xx",
    "/%",
  ];
  for (const path of paths) {
    const response = await request.get(path, { failOnStatusCode: false });
    expect(response.status(), path).toBeLessThan(500);
  }
});

test("a bad language switch is a 400 that changes nothing", async ({ request }) => {
  const response = await request.post("/locale", { form: { locale: "fr", redirectTo: "/" }, failOnStatusCode: false, maxRedirects: 0 });
  expect(response.status()).toBe(400);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("public pages carry cache headers a CDN can honour; SEO files exist", async ({ request }) => {
  const home = await request.get("/");
  expect(home.headers()["cache-control"]).toMatch(/public.*s-maxage=\d+/);
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/Sitemap: http:\/\/localhost:\d+\/sitemap\.xml/);
  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.headers()["content-type"]).toContain("application/xml");
  const xml = await sitemap.text();
  expect(xml.match(/<loc>[^<]+\/p\/[^<]+<\/loc>/g)?.length).toBeGreaterThanOrEqual(40);
});

test("pages link their language's dictionary as scripts cached for good, a shop page only the shop's part", async ({ request }) => {
  const html = await (await request.get("/", { headers: { "Accept-Language": "en" } })).text();
  const sources = [...html.matchAll(/<script defer="" src="(\/i18n\/en\.[a-z]+\.[0-9a-f]{12}\.js)"[^>]*>/g)].map((match) => match[1]!);
  expect(sources).toHaveLength(1);
  expect(sources[0]).toMatch(/^\/i18n\/en\.shop\./);
  expect(html).not.toContain("product.photos.addExtras");
  const shop = await request.get(sources[0]!, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
  expect(shop.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(shop.headers()["content-type"]).toContain("text/javascript");
  expect(await shop.text()).toContain('"product.addToCart":"Add to cart"');
  // Sent compressed as made once (brotli where the browser takes it), and so are the page's modules (as built).
  expect(shop.headers()["content-encoding"]).toBe("br");
  expect((await request.get(sources[0]!, { headers: { "Accept-Encoding": "gzip" } })).headers()["content-encoding"]).toBe("gzip");
  const modules = [...html.matchAll(/<link rel="[a-z-]*modulepreload" href="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
  expect(modules.length).toBeGreaterThanOrEqual(3);
  for (const path of modules) {
    const asked = (encoding: string) => request.get(path, { headers: { "Accept-Encoding": encoding } });
    const [brotli, gzipped, plain] = await Promise.all([asked("gzip, deflate, br"), asked("gzip"), asked("identity")]);
    expect([brotli.headers()["content-encoding"], gzipped.headers()["content-encoding"], plain.headers()["content-encoding"]], path).toEqual(["br", "gzip", undefined]);
    expect(await brotli.text(), path).toBe(await plain.text());
    expect(await gzipped.text(), path).toBe(await plain.text());
  }
  // A page outside the shop adds the rest of the messages.
  const signIn = await (await request.get("/sign-in", { headers: { "Accept-Language": "en" } })).text();
  const rest = /<script defer="" src="(\/i18n\/en\.rest\.[0-9a-f]{12}\.js)"[^>]*>/.exec(signIn)?.[1];
  expect(rest).toBeDefined();
  expect(await (await request.get(rest!)).text()).toContain('"product.photos.addExtras":"Add more photos"');
  const stale = await request.get("/i18n/en.shop.000000000000.js");
  expect(stale.headers()["cache-control"]).toBe("public, max-age=300");
  // A page from before the split asks for the whole dictionary by its old name.
  const whole = await request.get("/i18n/en.000000000000.js");
  expect(whole.headers()["cache-control"]).toBe("public, max-age=300");
  expect(await whole.text()).toContain('"product.photos.addExtras":"Add more photos"');
  expect((await request.get("/i18n/fr.000000000000.js", { failOnStatusCode: false })).status()).toBe(404);
  expect((await request.get("/i18n/en.office.000000000000.js", { failOnStatusCode: false })).status()).toBe(404);
});

test("a hand-made post missing every field gets a 422 in words, and changes nothing", async ({ playwright, baseURL }) => {
  const manager = await playwright.request.newContext({ baseURL });
  await manager.post("/sign-in", { form: { email: "pengurus@kopwan-binor.example", password: "etalase-demo" }, maxRedirects: 0 });
  // Each page carries its own CSP nonce; everything else must be the same.
  const settingsPage = async () => (await (await manager.get("/admin/settings")).text()).replace(/ nonce="[^"]*"/g, "");
  const before = await settingsPage();
  const refused = await manager.post("/admin/settings", { form: { intent: "x" }, headers: { "Accept-Language": "id" }, failOnStatusCode: false });
  expect(refused.status()).toBe(422);
  const html = await refused.text();
  expect(html).toContain("Periksa isian ini.");
  expect(html).not.toMatch(/Invalid input|expected string/);
  expect(await settingsPage()).toBe(before);
  await manager.dispose();
});

test("server-side libraries stay out of the browser's JavaScript", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const assets = path.join(process.cwd(), "build", "client", "assets");
  const leaks = fs
    .readdirSync(assets)
    .filter((file) => file.endsWith(".js"))
    .filter((file) => /ZodError|Invalid input: expected|drizzle-orm|node:crypto/.test(fs.readFileSync(path.join(assets, file), "utf8")));
  expect(leaks).toEqual([]);
});

// The HTTP edge (decision 15): body budgets, input no route should see, security headers, forms sent twice.

test("an oversized form is refused with a 413 page in the visitor's language, before it is read", async ({ request }) => {
  const big = "email=a%40b.c&password=" + "x".repeat(200 * 1024);
  const headers = { "Content-Type": "application/x-www-form-urlencoded" };
  const indonesian = await request.post("/sign-in", { data: big, headers: { ...headers, "Accept-Language": "id" }, failOnStatusCode: false, maxRedirects: 0 });
  expect(indonesian.status()).toBe(413);
  expect(indonesian.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const html = await indonesian.text();
  expect(html).toContain("<title>Kiriman terlalu besar</title>");
  expect(html).toContain('lang="id-ID"');
  const english = await request.post("/sign-in", { data: big, headers: { ...headers, Cookie: "lang=en" }, failOnStatusCode: false, maxRedirects: 0 });
  expect(english.status()).toBe(413);
  expect(await english.text()).toContain("Too much was sent");
  // 30 MB, the size that once grew the server to hundreds of megabytes: refused the same way, and the
  // server goes on answering.
  const huge = await request.post("/sign-in", { data: Buffer.alloc(30 * 1024 * 1024, 97), headers, failOnStatusCode: false, maxRedirects: 0, timeout: 30_000 });
  expect(huge.status()).toBe(413);
  expect((await request.get("/healthz")).status()).toBe(200);
});

test("a NUL byte or a malformed escape in a form or a query is a 4xx in words, and writes nothing", async ({ request }) => {
  const email = `nul-${Date.now()}@example.com`;
  const signUp = await request.post("/sign-up", {
    form: { name: "Turis\u0000Jahil", email, password: "liburan-ke-binor" },
    headers: { "Accept-Language": "id" },
    failOnStatusCode: false,
    maxRedirects: 0,
  });
  expect(signUp.status()).toBe(400);
  expect(await signUp.text()).toContain("Permintaan tidak bisa diproses");
  // No account was made: signing in with it is refused.
  const signIn = await request.post("/sign-in", { form: { email, password: "liburan-ke-binor" }, failOnStatusCode: false, maxRedirects: 0 });
  expect(signIn.status()).toBe(401);

  const badBody = await request.post("/locale", {
    data: "locale=%E0%A4%A&redirectTo=%2F",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en" },
    failOnStatusCode: false,
    maxRedirects: 0,
  });
  expect(badBody.status()).toBe(400);
  expect(badBody.headers()["set-cookie"]).toBeUndefined();
  expect(await badBody.text()).toContain("We could not process that request");
  for (const path of ["/products?q=%E0%A4%A", "/products?q=100%", "/products?q=kripik%00", "/c/%E0%A4%A"]) {
    const response = await request.get(path, { failOnStatusCode: false });
    expect(response.status(), path).toBe(400);
    expect(await response.text(), path).toContain("Permintaan tidak bisa diproses");
  }
});

test("a cookie that cannot be read is ignored: the page renders", async ({ request }) => {
  for (const cookie of ["lang=%E0%A4%A", "lang=%", "etalase_session=%E0%A4%A", "etalase_session=a%00b; lang=en"]) {
    const response = await request.get("/", { headers: { Cookie: cookie, "Accept-Language": "id" }, failOnStatusCode: false });
    expect(response.status(), cookie).toBe(200);
    expect(await response.text(), cookie).toContain('lang="');
  }
  // The readable cookie next to an unreadable one still counts.
  const english = await request.get("/", { headers: { Cookie: "etalase_session=a%00b; lang=en" } });
  expect(await english.text()).toContain('<html lang="en"');
});

/** Collects Content-Security-Policy violations a page reports, and console errors that mention one. */
async function watchCsp(page: Page) {
  const violations: string[] = [];
  await page.exposeFunction("__reportCsp", (line: string) => violations.push(line));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCsp: (line: string) => void }).__reportCsp(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** Every executable script of a page carries the nonce its CSP header names. */
/**
 * Every script the page runs is allowed by its response's CSP: by the response's nonce (a page rendered for one
 * visitor), or by the hash of its text (a page the shop keeps rendered for everyone, decision 25).
 */
async function expectScriptsAllowed(page: Page, response: Response | null) {
  const csp = (await response!.allHeaders())["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  const scripts = await page.evaluate(() =>
    [...document.querySelectorAll("script")]
      .filter((script) => script.type !== "application/ld+json")
      .map((script) => ({ nonce: script.nonce, inline: !script.src, text: script.src ? "" : (script.textContent ?? "") })),
  );
  expect(scripts.length).toBeGreaterThan(2);
  for (const script of scripts) {
    if (nonce) expect(script.nonce).toBe(nonce);
    else if (script.inline) expect(csp).toContain(`'sha256-${createHash("sha256").update(script.text).digest("base64")}'`);
  }
  return nonce ? "nonce" : "hashes";
}

test("pages carry a CSP whose nonce is on every script, and run without a violation", async ({ page, request }) => {
  const raw = await request.get("/sign-in");
  const headers = raw.headers();
  const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  const tags = (await raw.text()).match(/<script\b[^>]*>/g) ?? [];
  const executable = tags.filter((tag) => !tag.includes("application/ld+json"));
  expect(executable.length).toBeGreaterThan(2);
  for (const tag of executable) expect(tag).toContain(`nonce="${nonce}"`);
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["permissions-policy"]).toContain("camera=(self)");
  expect(headers["strict-transport-security"]).toBeUndefined();
  const asset = tags.map((tag) => /src="(\/assets\/[^"]+)"/.exec(tag)?.[1]).find(Boolean) ?? /href="(\/assets\/[^"]+\.js)"/.exec(await raw.text())?.[1];
  expect((await request.get(asset!)).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  const violations = await watchCsp(page);
  // The home page is kept for everyone: its policy names its inline scripts by hash.
  expect(await expectScriptsAllowed(page, await page.goto("/"))).toBe("hashes");
  await page.goto("/products?q=keripik");
  await page.getByRole("link", { name: /Keripik/ }).first().click();
  await expect(page).toHaveURL(/\/p\//);

  await signInAs(page, "anggota2@kopwan-binor.example");
  const editor = await page.goto("/member/products/new");
  expect(await expectScriptsAllowed(page, editor)).toBe("nonce");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Produk baru");
  // A picked photo is previewed from a blob: URL, which the policy allows.
  const { default: sharp } = await import("sharp");
  const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#c2562d" } }).png().toBuffer();
  await page.getByLabel("produk", { exact: true }).setInputFiles({ name: "produk.png", mimeType: "image/png", buffer: png });
  await expect(page.locator('img[src^="blob:"]').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("the new-product form sent twice makes one product; both posts go where the first went", async ({ playwright, baseURL }) => {
  const member = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "Accept-Language": "id" } });
  await member.post("/sign-in", { form: { email: "anggota2@kopwan-binor.example", password: "etalase-demo" }, maxRedirects: 0 });
  const page = await (await member.get("/member/products/new")).text();
  const name = `Rengginang Dua Kali ${Date.now()}`;
  const form = await newProductForm(page, name);
  const [first, second] = await Promise.all([
    member.post("/member/products/new", { multipart: form, maxRedirects: 0, failOnStatusCode: false }),
    member.post("/member/products/new", { multipart: form, maxRedirects: 0, failOnStatusCode: false }),
  ]);
  expect(first.status()).toBe(302);
  expect(second.status()).toBe(302);
  expect(second.headers()["location"]).toBe(first.headers()["location"]);
  const list = await (await member.get("/member/products")).text();
  expect(list.split(`<h2 class="font-semibold">${name}</h2>`).length - 1).toBe(1);
  await member.dispose();
});
