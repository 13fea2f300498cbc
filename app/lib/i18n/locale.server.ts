import { decodeComponent } from "../input-checks";
import { createTranslate, defaultLocale, isLocale, type Locale, type Translate } from "./core";
import { en } from "./messages.en";
import { id, type Messages } from "./messages.id";

export const LOCALE_COOKIE = "lang";
const dictionaries: Record<Locale, Messages> = { id, en };

export function messagesFor(locale: Locale): Messages {
  return dictionaries[locale];
}

export function translatorFor(locale: Locale): Translate {
  return createTranslate(dictionaries[locale], locale);
}

/** The shopper's language: `?lang=` (shareable links, hreflang), then the cookie, then Accept-Language. */
export function resolveLocale(request: Request): Locale {
  return localeOf(new URL(request.url).searchParams.get("lang"), request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}

/** The same choice from the raw parts (the HTTP edge's page cache keys pages by it). */
export function localeOf(queryLang: string | null, cookieHeader: string | null, acceptLanguage: string | null): Locale {
  if (isLocale(queryLang)) return queryLang;
  const fromCookie = readCookie(cookieHeader, LOCALE_COOKIE);
  if (isLocale(fromCookie)) return fromCookie;
  return fromAcceptLanguage(acceptLanguage) ?? defaultLocale;
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    // A value that does not decode is treated as absent, never as a reason to fail the page.
    if (key === name) return decodeComponent(rest.join("=")) ?? undefined;
  }
  return undefined;
}

export function fromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { base: tag.toLowerCase().split("-")[0], quality: Number.isFinite(quality) ? quality : 0 };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  for (const entry of ranked) {
    if (entry.base === "id" || entry.base === "in" || entry.base === "ms" || entry.base === "jv") return "id";
    if (entry.base === "en") return "en";
  }
  // A foreign visitor whose browser speaks neither reads English better than Indonesian.
  return ranked.length > 0 ? "en" : undefined;
}
