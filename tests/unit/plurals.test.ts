import { describe, expect, it } from "vitest";
import { createTranslate, pluralCategory, type MessageKey } from "~/lib/i18n/core";
import { en } from "~/lib/i18n/messages.en";
import { id } from "~/lib/i18n/messages.id";
import { isShopKey } from "~/lib/i18n/shop-keys";
import { resultCount, withCount } from "~/components/listing/listing-view";

const tEn = createTranslate(en, "en");
const tId = createTranslate(id, "id");

describe("plural forms", () => {
  it("follows Intl.PluralRules: English has one and other, Indonesian only other", () => {
    expect(pluralCategory("en", 1)).toBe("one");
    expect(pluralCategory("en", 0)).toBe("other");
    expect(pluralCategory("en", 2)).toBe("other");
    expect(pluralCategory("id", 1)).toBe("other");
  });

  it("says 1 product and 2 products in English", () => {
    expect(tEn("listing.count", { count: 1 })).toBe("1 product");
    expect(tEn("listing.count", { count: 0 })).toBe("0 products");
    expect(tEn("listing.count", { count: 2 })).toBe("2 products");
    expect(tEn("producers.count", { count: 1 })).toBe("1 producer");
    expect(tEn("nav.cartCount", { count: 1 })).toBe("Cart, 1 item");
    expect(tEn("nav.cartCount", { count: 3 })).toBe("Cart, 3 items");
    expect(tEn("form.fixErrorsCount", { count: 1 })).toBe("1 field needs fixing. See the message in red below.");
    expect(tEn("settings.saved", { count: 2 })).toBe("Saved: 2 fields changed and recorded in the audit log.");
    expect(tEn("review.photosRemoved", { count: 1 })).toBe("1 photo of the live version removed.");
  });

  it("chooses by {n} and {minutes} too", () => {
    expect(tEn("events.attempts", { n: 1 })).toBe("1 attempt");
    expect(tEn("events.attempts", { n: 4 })).toBe("4 attempts");
    expect(tEn("label.shelfLifeDays", { n: 1 })).toBe("1 day");
    expect(tEn("auth.error.tooManyResets", { minutes: 1 })).toBe("Too many link requests. Try again in 1 minute.");
    expect(tEn("auth.error.tooManyResets", { minutes: 15 })).toBe("Too many link requests. Try again in 15 minutes.");
  });

  it("leaves Indonesian uninflected", () => {
    expect(tId("listing.count", { count: 1 })).toBe("1 produk");
    expect(tId("listing.count", { count: 7 })).toBe("7 produk");
    expect(tId("nav.cartCount", { count: 1 })).toBe("Keranjang, 1 barang");
  });

  it("uses the general form where a message has no plural form, or the count is not a number", () => {
    expect(tEn("stock.low", { count: 1 })).toBe("1 left");
    expect(tEn("listing.count", { count: "1" })).toBe("1 products");
    expect(tEn("product.variants.legend", { n: 1 })).toBe("Variant 1");
  });

  it("has a general form for every plural form, with the same placeholders, in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const forms = Object.keys(en).filter((key) => /_(?:zero|one|two|few|many|other)$/.test(key)) as MessageKey[];
    expect(forms.length).toBeGreaterThan(10);
    for (const form of forms) {
      const base = form.replace(/_\w+$/, "") as MessageKey;
      expect(en[base], form).toBeDefined();
      expect(placeholders(en[form]), form).toEqual(placeholders(en[base]));
      expect(placeholders(id[form]), form).toEqual(placeholders(id[base]));
      // A form travels with its key into the shop's dictionary or the rest.
      expect(isShopKey(form), form).toBe(isShopKey(base));
    }
  });

  it("finds no count left with a bare plural in English: every '{count} <word>s' has its singular form", () => {
    const missing = Object.entries(en)
      .filter(([key, text]) => !key.includes("_") && /\{(?:count|n|minutes)\} (?!left|sold|most)[a-z]+s\b/.test(text) && /\{(?:count|n|minutes)\}/.test(text))
      .filter(([key]) => !(`${key}_one` in en))
      .map(([key]) => key);
    expect(missing).toEqual([]);
  });
});

describe("a search's count when it counted only so far (decision 50)", () => {
  it("says 4,000+ products, grouped for the language, and the exact count otherwise", () => {
    expect(resultCount(tEn, "en", { total: 4000, totalCapped: true })).toBe("4,000+ products");
    expect(resultCount(tId, "id", { total: 4000, totalCapped: true })).toBe("4.000+ produk");
    expect(resultCount(tEn, "en", { total: 1 })).toBe("1 product");
    expect(resultCount(tId, "id", { total: 1234 })).toBe("1.234 produk");
  });

  it("names a filter's option with its count, or alone when its results were not counted", () => {
    expect(withCount("Keripik", 12)).toBe("Keripik (12)");
    expect(withCount("Keripik", 0)).toBe("Keripik (0)");
    expect(withCount("Keripik", null)).toBe("Keripik");
  });
});
