import { createHash } from "node:crypto";
import { locales, type Locale } from "./core";
import { messagesFor } from "./locale.server";

interface MessagesScript {
  path: string;
  hash: string;
  body: string;
}

/**
 * Each language's dictionary as a small script that a browser caches for good: its name carries a hash
 * of its content, so a changed dictionary is a new URL. Pages then carry a script tag, not the 30 KB of
 * messages in their data.
 */
const scripts = Object.fromEntries(
  locales.map((locale) => {
    const json = JSON.stringify({ [locale]: messagesFor(locale) }).replace(/</g, "\\u003c");
    const body = `window.__etalaseMessages=Object.assign(window.__etalaseMessages||{},${json});\n`;
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
    return [locale, { path: `/i18n/${locale}.${hash}.js`, hash, body }];
  }),
) as Record<Locale, MessagesScript>;

export function messagesScriptPath(locale: Locale): string {
  return scripts[locale].path;
}

export function messagesScript(locale: Locale): MessagesScript {
  return scripts[locale];
}
