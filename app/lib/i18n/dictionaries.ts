import type { Locale, Messages } from "./core";

/**
 * A language's dictionary comes in three parts: `shop`, the messages a shopper's browsing pages use; `buy`,
 * what checkout and the order page add; and `rest` (the back office and accounts). A page loads the shop
 * part, the buy part when one of its routes is a buy page, and all three when one of its routes is
 * neither (see `shopPage`, `buyPage` and shop-keys.ts).
 */
export const dictionaryParts = ["shop", "buy", "rest"] as const;
export type DictionaryPart = (typeof dictionaryParts)[number];

export function isDictionaryPart(value: unknown): value is DictionaryPart {
  return typeof value === "string" && (dictionaryParts as readonly string[]).includes(value);
}

/** A route's `handle` when its page (loader data, actions and components included) needs only the shop's messages. */
export const shopPage = { dictionary: "shop" } as const;

/** A route's `handle` when its page needs the shop's messages and checkout's (cart, checkout, the order page). */
export const buyPage = { dictionary: "buy" } as const;

/**
 * The dictionary parts a page needs from the `handle`s of its routes below the root: the shop's; checkout's too
 * when a route is a buy page; all three when a route is neither.
 */
export function dictionaryPartsOfPage(handles: unknown[]): DictionaryPart[] {
  const needs = handles.map((handle) => (handle as { dictionary?: unknown } | undefined)?.dictionary);
  if (needs.every((part) => part === "shop")) return ["shop"];
  if (needs.every((part) => part === "shop" || part === "buy")) return ["shop", "buy"];
  return ["shop", "buy", "rest"];
}

/**
 * The dictionaries this JavaScript realm has. The server has every part of both languages from the start
 * (entry.server). A browser gets the page's parts from cached scripts (`/i18n/<locale>.<part>.<hash>.js`,
 * see messages-script.server), which put them in `window.__etalaseDictionaries` under `<locale>.<part>`,
 * and fetches a missing one when a navigation needs it.
 */
const loaded: Partial<Record<Locale, Partial<Messages>>> = {};
const loadedParts = new Set<string>();

declare global {
  interface Window {
    __etalaseDictionaries?: Record<string, Partial<Messages>>;
  }
}

export function provideMessages(locale: Locale, parts: readonly DictionaryPart[], messages: Partial<Messages>): void {
  loaded[locale] = { ...loaded[locale], ...messages };
  for (const part of parts) loadedParts.add(`${locale}.${part}`);
}

/** Takes in whatever dictionary scripts have run in this page. */
export function provideScriptMessages(): void {
  for (const [name, messages] of Object.entries(window.__etalaseDictionaries ?? {})) {
    const [locale, part] = name.split(".");
    if ((locale === "id" || locale === "en") && isDictionaryPart(part) && !loadedParts.has(name)) provideMessages(locale, [part], messages);
  }
}

export function hasMessages(locale: Locale, parts: readonly DictionaryPart[]): boolean {
  return parts.every((part) => loadedParts.has(`${locale}.${part}`));
}

/**
 * The messages of a language this realm has: all of them on the server; in a browser, the parts loaded
 * so far. A page renders only once its parts are here (PageI18n), so no key goes untranslated.
 */
export function loadedMessages(locale: Locale): Messages | undefined {
  return loadedParts.has(`${locale}.shop`) ? (loaded[locale] as Messages) : undefined;
}

/** Any language's messages at hand (a page's meta while its own language loads). */
export function anyMessages(): Messages | undefined {
  return loadedMessages("id") ?? loadedMessages("en");
}

/** The locale and part a dictionary script holds, from its path (`/i18n/<locale>.<part>.<hash>.js`). */
export function scriptPart(src: string): { locale: Locale; part: DictionaryPart } | undefined {
  const match = /\/i18n\/(id|en)\.([a-z]+)\.[0-9a-f]+\.js$/.exec(src);
  return match && isDictionaryPart(match[2]) ? { locale: match[1] as Locale, part: match[2] } : undefined;
}

const loading = new Map<string, Promise<void>>();

/**
 * Loads a dictionary script in the browser; resolves once its messages are provided. One load a script,
 * however many renders ask for it; a failed load may be tried again.
 */
export function loadMessagesScript(src: string): Promise<void> {
  const pending = loading.get(src);
  if (pending) return pending;
  const load = new Promise<void>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => {
      provideScriptMessages();
      resolve();
    };
    script.onerror = () => {
      loading.delete(src);
      reject(new Error(`could not load ${src}`));
    };
    document.head.append(script);
  });
  loading.set(src, load);
  return load;
}
