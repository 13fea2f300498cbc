import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/lib/env.server";
import { fromAcceptLanguage, resolveLocale } from "~/lib/i18n/locale.server";
import { en } from "~/lib/i18n/messages.en";
import { id } from "~/lib/i18n/messages.id";
import { createTranslate, formatQuantity } from "~/lib/i18n/core";
import { formatRupiah } from "~/lib/money";
import { isAcceptableRedirect, safeRedirectPath } from "~/lib/safe-redirect";
import { summarize } from "~/lib/seo";
import { imageSources, negotiatedFormat, srcSetOf } from "~/modules/media/images";

describe("formatRupiah", () => {
  it("formats integer rupiah the Indonesian way", () => {
    expect(formatRupiah(25000)).toBe("Rp 25.000");
    expect(formatRupiah(1250000)).toBe("Rp 1.250.000");
    expect(formatRupiah(0)).toBe("Rp 0");
    expect(formatRupiah(-0)).toBe("Rp 0");
    expect(formatRupiah(-25000)).toBe("-Rp 25.000");
  });

  it("writes what Intl writes for rupiah, at every number of digits and both signs", () => {
    const intl = new Intl.NumberFormat("id-ID", { style: "currency", currency: "IDR", maximumFractionDigits: 0, minimumFractionDigits: 0 });
    const amounts = [1, 9, 10, 99, 100, 999, 1000, 9999, 10_000, 123_456, 999_999, 1_000_000, 12_345_678, 987_654_321_012, Number.MAX_SAFE_INTEGER];
    for (const amount of [...amounts, ...amounts.map((n) => -n)]) {
      expect(formatRupiah(amount), String(amount)).toBe(intl.format(amount).replace(/\u00a0/g, " "));
    }
  });

  it("refuses fractions: money is whole rupiah", () => {
    expect(() => formatRupiah(1000.5)).toThrow(RangeError);
  });
});

describe("language", () => {
  const request = (headers: Record<string, string>, url = "http://shop.test/") => new Request(url, { headers });

  it("prefers ?lang=, then the cookie, then Accept-Language, then Indonesian", () => {
    expect(resolveLocale(request({ Cookie: "lang=id" }, "http://shop.test/?lang=en"))).toBe("en");
    expect(resolveLocale(request({ Cookie: "a=1; lang=en", "Accept-Language": "id" }))).toBe("en");
    expect(resolveLocale(request({ "Accept-Language": "en-AU,en;q=0.9" }))).toBe("en");
    expect(resolveLocale(request({}))).toBe("id");
  });

  it("weighs Accept-Language and gives other languages English", () => {
    expect(fromAcceptLanguage("de-DE,id;q=0.8,en;q=0.5")).toBe("id");
    expect(fromAcceptLanguage("fr-FR,fr;q=0.9")).toBe("en");
    expect(fromAcceptLanguage("jv")).toBe("id");
    expect(fromAcceptLanguage("")).toBeUndefined();
  });

  it("has every message in English that Indonesian has, with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(id[key]));
    }
  });

  it("fills placeholders", () => {
    expect(createTranslate(id)("listing.count", { count: 3 })).toBe("3 produk");
  });

  it("groups the digits of a quantity as each language writes them, and only of a quantity", () => {
    expect(createTranslate(id, "id")("listing.count", { count: 20000 })).toBe("20.000 produk");
    expect(createTranslate(en, "en")("listing.count", { count: 1234567 })).toBe("1,234,567 products");
    expect(createTranslate(id, "id")("listing.count", { count: 999 })).toBe("999 produk");
    expect(createTranslate(id, "id")("outlet.stock", { n: 12000 })).toBe("stok 12.000");
    // An account or member number is written as it is.
    expect(createTranslate(id, "id")("apply.queue.approved", { number: 10234 })).toBe("Diterima sebagai anggota nomor 10234.");
    expect(formatQuantity("id", -4500)).toBe("-4.500");
  });
});

describe("configuration", () => {
  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ PORT: "abc" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "abc" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ CLOUDINARY_URL: "https://api.cloudinary.com" })).toThrow(/CLOUDINARY_URL/);
    expect(() => parseEnv({ SMTP_URL: "mail.example.com" })).toThrow(/SMTP_URL/);
    expect(parseEnv({ CLOUDINARY_URL: "cloudinary://123:abc@demo" }).CLOUDINARY_URL).toBe("cloudinary://123:abc@demo");
  });

  it("requires a session secret in production with an external database", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/shop" };
    expect(() => parseEnv(production)).toThrow(/SESSION_SECRET: is required/);
    expect(parseEnv({ ...production, SESSION_SECRET: "x".repeat(32) }).SESSION_SECRET).toHaveLength(32);
    expect(() => parseEnv({ ...production, SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET/);
    expect(parseEnv({ NODE_ENV: "production" }).SESSION_SECRET).toBeUndefined();
  });

  it("treats empty optional values as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: "4000" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(4000);
    expect(env.TRUST_PROXY).toBe(false);
  });
});

describe("safeRedirectPath", () => {
  it("keeps same-site paths only", () => {
    expect(safeRedirectPath("/p/keripik?x=1")).toBe("/p/keripik?x=1");
    for (const bad of ["//evil.test", "https://evil.test", "/\\evil.test", "javascript:alert(1)", null]) {
      expect(safeRedirectPath(bad)).toBe("/");
    }
  });

  it("resolves as a browser would: tabs, newlines and other tricks that leave the shop fall back", () => {
    // `/sign-in?redirectTo=%2F%09%2Fevil.example` arrives as "/\t/evil.example"; a browser drops the tab.
    for (const bad of ["/\t/evil.example", "/\n/evil.example", "/\r\nSet-Cookie: x=1", "/\u0000", "/ /\\evil.example", "/\\/evil.example", "/.//evil.example/..", `/${"a".repeat(2001)}`]) {
      const resolved = safeRedirectPath(bad, "/account");
      expect(new URL(resolved, "https://shop.example").origin).toBe("https://shop.example");
      expect(resolved).not.toMatch(/[\u0000-\u001f]/);
    }
    expect(safeRedirectPath("/\t/evil.example", "/account")).toBe("/account");
    expect(safeRedirectPath("/member/products?page=2#new")).toBe("/member/products?page=2#new");
    expect(safeRedirectPath("/invite/abc")).toBe("/invite/abc");
  });

  it("accepts a redirectTo only as sent, when it is a plain same-site path", () => {
    for (const good of [null, "", "/member", "/invite/abc?x=1"]) expect(isAcceptableRedirect(good)).toBe(true);
    for (const bad of ["/\t/evil.example", "//evil.example", "https://evil.example", "/a\nb", "/\\evil.example"]) expect(isAcceptableRedirect(bad)).toBe(false);
  });
});

describe("seo", () => {
  it("summarizes on a word boundary", () => {
    const text = "kata ".repeat(60);
    const summary = summarize(text);
    expect(summary.length).toBeLessThanOrEqual(155);
    expect(summary.endsWith("kata…")).toBe(true);
  });
});

describe("imageSources", () => {
  it("offers widths up to the original's, never upscaled", () => {
    const sources = imageSources(
      { id: "x", cooperativeId: "c", storage: "local", storageKey: "c/x", width: 700, height: 700, placeholderColor: "#fff" },
      "Keripik",
    );
    // Widths without a format: the media route serves each browser the format it takes.
    expect(srcSetOf(sources)).toBe("/media/c/x/w160 160w, /media/c/x/w320 320w, /media/c/x/w480 480w, /media/c/x/w640 640w");
    // The fallback names its format: link previews and structured data get the same file whoever asks.
    expect(sources.src).toBe("/media/c/x/w640.webp");
  });

  it("gives images of one size one list of widths, so a page's data carries it once; the smallest width even below it", () => {
    const image = (width: number) =>
      imageSources({ id: `x${width}`, cooperativeId: "c", storage: "local", storageKey: `c/x${width}`, width, height: width, placeholderColor: "#fff" }, "");
    expect(image(700).widths).toBe(image(701).widths);
    expect(image(1200).widths).toEqual([160, 320, 480, 640, 960]);
    expect(image(1200).widths).not.toBe(image(700).widths);
    expect(image(100).widths).toEqual([160]);
    expect(image(5000).widths).toEqual([160, 320, 480, 640, 960, 1280]);
  });

  it("gives AVIF to a browser whose Accept names it, WebP to any other", () => {
    expect(negotiatedFormat("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8")).toBe("avif"); // Chromium
    expect(negotiatedFormat("image/webp,image/avif,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5")).toBe("avif"); // Safari
    expect(negotiatedFormat("IMAGE/AVIF ; q=0.5, */*")).toBe("avif");
    expect(negotiatedFormat("image/webp,*/*")).toBe("webp");
    expect(negotiatedFormat("image/avif;q=0, image/webp")).toBe("webp");
    expect(negotiatedFormat("*/*")).toBe("webp");
    expect(negotiatedFormat("")).toBe("webp");
    expect(negotiatedFormat(null)).toBe("webp");
  });

  it("asks Cloudinary for automatic format and quality", () => {
    const sources = imageSources(
      { id: "x", cooperativeId: "c", storage: "cloudinary", storageKey: "demo/etalase/abc", width: 2000, height: 1500, placeholderColor: "#fff" },
      "Batik",
      320,
    );
    expect(sources.src).toBe("https://res.cloudinary.com/demo/image/upload/f_auto,q_auto,c_limit,w_320/etalase/abc");
    // f_auto already gives AVIF to a browser that takes it.
    expect(srcSetOf(sources)).toContain("/f_auto,q_auto,c_limit,w_160/etalase/abc 160w");
  });
});

describe("field errors from a form's schema", async () => {
  const { z } = await import("zod");
  const { fieldErrors } = await import("~/lib/forms.server");
  const schema = z.object({ name: z.string().min(3, "settings.error.name"), bankCode: z.string(), postalCode: z.string().regex(/^\d{5}$/, "settings.error.postalCode") });

  it("keeps message keys and turns zod's own English into the generic translated message", () => {
    const result = schema.safeParse({ name: "ab", postalCode: "123" });
    expect(fieldErrors(result.error!)).toEqual({ name: "settings.error.name", bankCode: "form.error.invalid", postalCode: "settings.error.postalCode" });
    expect(createTranslate(en)("form.error.invalid")).toBe("Please check this field.");
  });
});
