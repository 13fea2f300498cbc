import { createHash } from "node:crypto";
import { compressedOnce, type ContentEncoding } from "../content-encoding.server";
import { locales, type Locale } from "./core";
import { dictionaryParts, type DictionaryPart } from "./dictionaries";
import { messagesFor } from "./locale.server";
import { dictionaryPartOf } from "./shop-keys";

interface MessagesScript {
  path: string;
  hash: string;
  body: string;
  /** The body as sent: compressed once, not for each visitor. */
  encoded: (encoding: ContentEncoding) => Uint8Array<ArrayBuffer>;
}

/**
 * Each language's dictionary in small scripts that a browser caches for good (each name carries a
 * hash of its content, so a changed dictionary is a new URL): the shop's messages, which every page
 * loads; checkout's, which the cart, checkout and order pages add; and the rest (back office, accounts),
 * which only the pages that need them load.
 */
function script(locale: Locale, part: DictionaryPart): MessagesScript {
  const messages = Object.fromEntries(Object.entries(messagesFor(locale)).filter(([key]) => dictionaryPartOf(key) === part));
  const json = JSON.stringify(messages).replace(/</g, "\\u003c");
  const body = `(window.__etalaseDictionaries=window.__etalaseDictionaries||{})[${JSON.stringify(`${locale}.${part}`)}]=${json};\n`;
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
  return { path: `/i18n/${locale}.${part}.${hash}.js`, hash, body, encoded: compressedOnce(body) };
}

const scripts = Object.fromEntries(
  locales.map((locale) => [locale, Object.fromEntries(dictionaryParts.map((part) => [part, script(locale, part)]))]),
) as Record<Locale, Record<DictionaryPart, MessagesScript>>;

/**
 * The whole dictionary in the form pages before the split read (`/i18n/<locale>.<hash>.js`): a page a
 * cache kept from before a deploy still comes alive with its words.
 */
const wholeScripts = Object.fromEntries(
  locales.map((locale) => {
    const json = JSON.stringify({ [locale]: messagesFor(locale) }).replace(/</g, "\\u003c");
    return [locale, `window.__etalaseMessages=Object.assign(window.__etalaseMessages||{},${json});\n`];
  }),
) as Record<Locale, string>;

export function messagesScriptPaths(locale: Locale): Record<DictionaryPart, string> {
  return Object.fromEntries(dictionaryParts.map((part) => [part, scripts[locale][part].path])) as Record<DictionaryPart, string>;
}

export function messagesScript(locale: Locale, part: DictionaryPart): MessagesScript {
  return scripts[locale][part];
}

export function wholeMessagesScript(locale: Locale): string {
  return wholeScripts[locale];
}
