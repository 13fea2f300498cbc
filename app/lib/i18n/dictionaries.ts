import type { Locale, Messages } from "./core";

/**
 * The dictionaries this JavaScript realm has. The server has both from the start (entry.server). A
 * browser gets the page's one from a cached script (`/i18n/<locale>.<hash>.js`, see
 * messages-script.server) instead of inside every page's data, and fetches the other when the language
 * changes without a page load.
 */
const loaded: Partial<Record<Locale, Messages>> = {};

declare global {
  interface Window {
    __etalaseMessages?: Partial<Record<Locale, Messages>>;
  }
}

export function provideMessages(dictionaries: Partial<Record<Locale, Messages>>): void {
  Object.assign(loaded, dictionaries);
}

export function loadedMessages(locale: Locale): Messages | undefined {
  return loaded[locale];
}

/** Any dictionary at hand, for the moment while the right one loads. */
export function anyMessages(): Messages | undefined {
  return loaded.id ?? loaded.en;
}

/** Loads a dictionary script in the browser; resolves once its messages are provided. */
export function loadMessagesScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => {
      provideMessages(window.__etalaseMessages ?? {});
      resolve();
    };
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}
