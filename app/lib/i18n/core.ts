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

/** `{name}` placeholders; `{count, plural, one {...} other {...}}` is not needed: Indonesian does not inflect. */
export function createTranslate(messages: Messages): Translate {
  return (key, params) => {
    const template = messages[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
  };
}

/** Picks the Indonesian or English field of a bilingual record, falling back to Indonesian. */
export function localized(locale: Locale, id: string, en: string | null | undefined): string {
  return locale === "en" && en ? en : id;
}

export const htmlLang: Record<Locale, string> = { id: "id-ID", en: "en" };
