import { expect, test } from "@playwright/test";

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

test("pages link their language's dictionary as a script cached for good, instead of carrying it", async ({ request }) => {
  const html = await (await request.get("/", { headers: { "Accept-Language": "en" } })).text();
  const src = /<script defer="" src="(\/i18n\/en\.[0-9a-f]{12}\.js)">/.exec(html)?.[1];
  expect(src).toBeDefined();
  expect(html).not.toContain("product.photos.addExtras");
  const script = await request.get(src!);
  expect(script.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(script.headers()["content-type"]).toContain("text/javascript");
  expect(await script.text()).toContain('"product.photos.addExtras":"Add more photos"');
  const stale = await request.get("/i18n/en.000000000000.js");
  expect(stale.headers()["cache-control"]).toBe("public, max-age=300");
  expect((await request.get("/i18n/fr.000000000000.js", { failOnStatusCode: false })).status()).toBe(404);
});

test("a hand-made post missing every field gets a 422 in words, and changes nothing", async ({ playwright, baseURL }) => {
  const manager = await playwright.request.newContext({ baseURL });
  await manager.post("/sign-in", { form: { email: "pengurus@kopwan-binor.example", password: "etalase-demo" }, maxRedirects: 0 });
  const before = await (await manager.get("/admin/settings")).text();
  const refused = await manager.post("/admin/settings", { form: { intent: "x" }, headers: { "Accept-Language": "id" }, failOnStatusCode: false });
  expect(refused.status()).toBe(422);
  const html = await refused.text();
  expect(html).toContain("Periksa isian ini.");
  expect(html).not.toMatch(/Invalid input|expected string/);
  expect(await (await manager.get("/admin/settings")).text()).toBe(before);
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
