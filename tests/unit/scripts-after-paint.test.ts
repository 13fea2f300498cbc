import { describe, expect, it } from "vitest";
import { INERT_MODULE_TYPE, INERT_PRELOAD_REL, paintsBeforeScripts } from "~/lib/scripts-after-paint";
import { inertPageScripts, lateScriptsLoader } from "~/lib/scripts-after-paint.server";
import { buyPage, dictionaryPartsOfPage, shopPage } from "~/lib/i18n/dictionaries";

const page =
  '<head><link rel="modulepreload" href="/assets/shop.js"/><link rel="preload" as="image" href="/media/a.avif"/></head>' +
  '<body><p>&lt;link rel=&quot;modulepreload&quot;</p><script nonce="n1">window.__remixContext = {"a":"\\u003cscript type=\\"module\\" async=\\"\\">"};</script>' +
  '<script nonce="n1" type="module" async="">import * as route0 from "/assets/root.js";</script></body>';

describe("a shopper's page with its scripts held until it has painted", () => {
  it("writes the module script and the module preloads inert, and nothing else", () => {
    const inert = inertPageScripts(Buffer.from(page)).toString();
    expect(inert).toContain(`<link rel="${INERT_PRELOAD_REL}" href="/assets/shop.js"/>`);
    expect(inert).toContain(`<script nonce="n1" type="${INERT_MODULE_TYPE}">import * as route0`);
    expect(inert).not.toContain('rel="modulepreload"');
    expect(inert).not.toContain('type="module"');
    // The image preload, text that looks like a tag, and Remix's data are as they were.
    expect(inert).toContain('<link rel="preload" as="image" href="/media/a.avif"/>');
    expect(inert).toContain("<p>&lt;link rel=&quot;modulepreload&quot;</p>");
    expect(inert).toContain('{"a":"\\u003cscript type=\\"module\\" async=\\"\\">"}');
  });

  it("holds back the scripts of pages that need only the shop's words, and of no other page", () => {
    const paintsFirst = (handles: unknown[]) => paintsBeforeScripts(dictionaryPartsOfPage(handles));
    expect(paintsFirst([shopPage])).toBe(true);
    expect(paintsFirst([shopPage, shopPage])).toBe(true);
    expect(paintsFirst([])).toBe(true);
    expect(paintsFirst([buyPage])).toBe(false);
    expect(paintsFirst([shopPage, undefined])).toBe(false);
    expect(paintsFirst([undefined])).toBe(false);
  });

  it("has a loader that is one line of plain script", () => {
    const loader = lateScriptsLoader();
    expect(loader).not.toContain("\n");
    expect(loader).not.toMatch(/<\/script/i);
    expect(() => new Function(loader)).not.toThrow();
  });
});
