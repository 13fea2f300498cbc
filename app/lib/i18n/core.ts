import type { MessageKey, Messages } from "./messages.id";

export type { MessageKey, Messages };

export const locales = ["id", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "id";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export type TranslateParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

/**
 * The parameters that count something, in the order a message's plural form is chosen by: the first that is
 * a number. (`{n}` also numbers things, "Varian {n}", but such messages have no plural forms, so nothing changes.)
 */
const countParams = ["count", "n", "minutes"] as const;

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The CLDR plural category of a number in a language ("one", "other"…): Indonesian has only "other". */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

/**
 * The key of a message's form for a count: `<key>_<category>` when the dictionary has that form ("listing.count_one":
 * "{count} product"), else the key itself, which is the general ("other") form. The i18next convention: a form is a
 * key of its own, so dictionaries stay flat strings and a language adds only the forms it needs.
 */
export function pluralKey(messages: Partial<Messages>, locale: Locale, key: MessageKey, params: TranslateParams | undefined): MessageKey {
  if (!params) return key;
  const count = countParams.map((name) => params[name]).find((value): value is number => typeof value === "number");
  if (count === undefined) return key;
  const form = `${key}_${pluralCategory(locale, count)}`;
  return form in messages ? (form as MessageKey) : key;
}

/**
 * A whole quantity as each language writes it, digits grouped in threes: "20.000" in Indonesian, "20,000" in
 * English. By hand, as `formatRupiah` is: a browser's first `Intl.NumberFormat` loads its number data (decision 45).
 */
export function formatQuantity(locale: Locale, value: number): string {
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, locale === "en" ? "," : ".");
  return value < 0 ? `-${digits}` : digits;
}

/** The placeholders that hold a quantity (not a year, nor an order's or a member's number): grouped when whole. */
const quantityParams: ReadonlySet<string> = new Set(["count", "n"]);

/**
 * `{name}` placeholders, and plural forms by `Intl.PluralRules` (see `pluralKey`): `t("listing.count", { count: 1 })`
 * is "1 product" in English, "1 produk" in Indonesian (which does not inflect); `{ count: 20000 }` is "20.000 produk".
 */
export function createTranslate(messages: Messages, locale: Locale = defaultLocale): Translate {
  return (key, params) => {
    const template = messages[pluralKey(messages, locale, key, params)] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => {
      if (!(name in params)) return match;
      const value = params[name];
      return quantityParams.has(name) && typeof value === "number" && Number.isInteger(value) ? formatQuantity(locale, value) : String(value);
    });
  };
}

/** Picks the Indonesian or English field of a bilingual record, falling back to Indonesian. */
export function localized(locale: Locale, id: string, en: string | null | undefined): string {
  return locale === "en" && en ? en : id;
}

export const htmlLang: Record<Locale, string> = { id: "id-ID", en: "en" };
