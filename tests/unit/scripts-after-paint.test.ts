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

  it("starts the scripts one element a task, the module preloads first and the module script last", () => {
    const holder: { appended: { kind: string; href?: string; type?: string; nonce?: string; textContent?: string }[]; appendChild(node: never): void } = {
      appended: [],
      appendChild(node) {
        this.appended.push(node);
      },
    };
    const inertPreloads = ["/assets/entry.js", "/assets/shop.js", "/assets/shop.js", "/assets/root.js"].map((href) => ({ getAttribute: () => href }));
    const inertModule = { nonce: "n1", textContent: 'import * as route0 from "/assets/root.js";' };
    const document = {
      readyState: "complete",
      getElementById: () => holder,
      querySelector: () => null, // no high-priority photo: the scripts start a frame after load
      querySelectorAll: (selector: string) => (selector.includes(INERT_PRELOAD_REL) ? inertPreloads : selector.includes(INERT_MODULE_TYPE) ? [inertModule] : []),
      createElement: (kind: string) => ({ kind }),
      addEventListener: () => undefined,
    };
    const frames: (() => void)[] = [];
    const timers: (() => void)[] = [];
    // A task of its own for each message, as in a browser: the test delivers them one by one.
    const messages: (() => void)[] = [];
    class OneTaskAMessage {
      port1: { onmessage?: () => void; close: () => void } = { close: () => undefined };
      port2 = { postMessage: () => messages.push(() => this.port1.onmessage?.()) };
    }
    const run = new Function("document", "requestAnimationFrame", "setTimeout", "addEventListener", "PerformanceObserver", "MessageChannel", lateScriptsLoader());
    run(document, (callback: () => void) => frames.push(callback), (callback: () => void) => timers.push(callback), () => undefined, undefined, OneTaskAMessage);

    frames.shift()!();
    timers.shift()!(); // the frame's task: start
    expect(holder.appended).toEqual([]);
    const seen: number[] = [];
    while (messages.length > 0) {
      messages.shift()!();
      seen.push(holder.appended.length);
    }
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(holder.appended.map((node) => node.href ?? node.type)).toEqual(["/assets/entry.js", "/assets/shop.js", "/assets/root.js", "module"]);
    expect(holder.appended.slice(0, 3).every((node) => (node as { rel?: string }).rel === "modulepreload")).toBe(true);
    expect(holder.appended[3]).toMatchObject({ type: "module", nonce: "n1", textContent: inertModule.textContent });

    timers.forEach((timer) => timer()); // the fallbacks find the scripts started
    expect(messages).toEqual([]);
    expect(holder.appended).toHaveLength(4);
  });
});

