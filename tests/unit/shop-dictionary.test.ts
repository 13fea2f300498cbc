import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "~/lib/i18n/messages.en";
import { id } from "~/lib/i18n/messages.id";
import { messagesScript } from "~/lib/i18n/messages-script.server";
import { dictionaryParts } from "~/lib/i18n/dictionaries";
import { dictionaryPartOf, isShopKey } from "~/lib/i18n/shop-keys";

/**
 * A shopper's browser loads only the shop dictionary (shop-keys.ts), so every message a shop page can
 * show must be in it: what its components say, and the keys its loaders and actions send to the page
 * (errors, notices). This follows the imports of the shop routes (those with `handle = shopPage`) and of
 * the root, and looks for message keys in every file they reach, server files included.
 */
const root = path.resolve(import.meta.dirname, "../..");
const routesDirectory = path.join(root, "app/routes");
const allKeys = Object.keys(id);

/** Resource routes a shop page calls from the browser, whose answers it shows. */
const shopResourceRoutes = ["api.suggest.ts", "api.areas.ts", "locale.ts"];

/** Files in the shop's imports whose key-like strings never reach a shopper's browser. */
const notShown: Record<string, string> = {
  "app/modules/notifications/templates.ts": "e-mails are written on the server, which has every message",
  "app/lib/i18n/shop-keys.ts": "the lists of which part each key belongs to",
  "app/modules/identity/access.ts": "ability names (bank.confirm, payments.confirm) that happen to read like message keys",
};

function routeFilesWithHandle(handle: "shopPage" | "buyPage"): string[] {
  return fs
    .readdirSync(routesDirectory)
    .filter((file) => /\.tsx?$/.test(file))
    .filter((file) => new RegExp(`^export const handle = ${handle};$`, "m").test(fs.readFileSync(path.join(routesDirectory, file), "utf8")));
}

/** Keys the files reachable from `entries` use that are in none of `parts`, each with the file using it. */
function keysOutside(entries: string[], parts: string[]): string[] {
  const outside: string[] = [];
  for (const file of reachableFiles(entries)) {
    const relative = path.relative(root, file);
    if (relative in notShown || relative.startsWith("app/lib/i18n/messages.")) continue;
    for (const key of keysIn(fs.readFileSync(file, "utf8"))) if (!parts.includes(dictionaryPartOf(key))) outside.push(`${key} (${relative})`);
  }
  return outside;
}

function resolveImport(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(root, "app", specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return undefined;
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
}

/** Every app file reachable through value imports (type-only imports carry no messages). */
function reachableFiles(entries: string[]): string[] {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    const specifiers = [
      ...[...source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+"([^"]+)"/gms)].map((match) => match[1]!),
      ...[...source.matchAll(/^import\s+"([^"]+)"/gm)].map((match) => match[1]!),
      ...[...source.matchAll(/\bimport\("([^"]+)"\)/g)].map((match) => match[1]!),
    ];
    for (const specifier of specifiers) {
      const resolved = resolveImport(file, specifier);
      if (resolved) stack.push(resolved);
    }
  }
  return [...seen];
}

/**
 * The message keys a source mentions: quoted keys, and for a key built in a template (`sort.${sort}`)
 * every key that starts with its fixed part.
 */
export function keysIn(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/["'`]([A-Za-z]\w*(?:\.\w+)+)["'`]/g)) if (match[1]! in id) found.add(match[1]!);
  for (const match of source.matchAll(/`([A-Za-z]\w*\.(?:\w+\.)*)\$\{/g)) for (const key of allKeys) if (key.startsWith(match[1]!)) found.add(key);
  return [...found];
}

describe("the shop dictionary", () => {
  const shopRoutes = routeFilesWithHandle("shopPage");
  const buyRoutes = routeFilesWithHandle("buyPage");
  const inRoutes = (files: string[]) => files.map((file) => path.join(routesDirectory, file));

  it("is what the shopper's pages load: home, listings, product, producers; the cart, checkout and the order page add checkout's", () => {
    for (const page of ["_index.tsx", "products._index.tsx", "c.$slug.tsx", "p.$slug.tsx", "producers.$slug.tsx"]) expect(shopRoutes).toContain(page);
    expect(buyRoutes.sort()).toEqual(["cart.tsx", "checkout.tsx", "orders.$token.tsx"]);
    expect([...shopRoutes, ...buyRoutes].some((file) => /^(admin|member|operator|account|sign-in)/.test(file))).toBe(false);
  });

  it("has every key a shop page, the header, the footer or their loaders and actions use", () => {
    const entries = [path.join(root, "app/root.tsx"), ...inRoutes([...shopRoutes, ...shopResourceRoutes])];
    expect(keysOutside(entries, ["shop"]), "used by a shop page but not in the shop part of app/lib/i18n/shop-keys.ts").toEqual([]);
  });

  it("has the messages the cart's action answers a product page's add-to-cart with, which that page shows", () => {
    // The product page imports the cart's action as a type only, so the imports followed above do not reach it.
    const cartRoute = fs.readFileSync(path.join(routesDirectory, "cart.tsx"), "utf8");
    const actionStart = cartRoute.indexOf("export async function action");
    const action = cartRoute.slice(actionStart, cartRoute.indexOf("\nexport ", actionStart + 1));
    const source = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
    const answered = [...keysIn(action), ...keysIn(source("app/flows/cart.server.ts")), ...keysIn(source("app/modules/checkout/forms.ts")).filter((key) => key.startsWith("cart."))];
    expect(answered).toEqual(expect.arrayContaining(["cart.added", "cart.error.soldOut", "cart.error.quantity", "form.error.invalid"]));
    expect(answered.filter((key) => !isShopKey(key))).toEqual([]);
  });

  it("with checkout's part, has every key the cart, checkout and the order page use", () => {
    expect(keysOutside(inRoutes(buyRoutes), ["shop", "buy"]), "used by a buy page but in neither the shop nor the buy part").toEqual([]);
  });

  it("finds keys however a page writes them", () => {
    expect(keysIn(`t("member.title"); t(\`sort.\${sort}\`); const label = "listing.count";`)).toEqual(
      expect.arrayContaining(["member.title", "listing.count", "sort.popular", "sort.price_asc"]),
    );
    expect(keysIn(`<a href={\`/p/\${slug}\`} className="h-full w-full">`)).toEqual([]);
  });

  it("checkout's part and the rest split every language's messages with it, each key in one", () => {
    for (const [locale, messages] of [["id", id], ["en", en]] as const) {
      const parts = dictionaryParts.map((part) => {
        const body = messagesScript(locale, part).body;
        return [part, JSON.parse(body.slice(body.indexOf("]=") + 2, body.lastIndexOf(";"))) as Record<string, string>] as const;
      });
      for (const [part, keys] of parts) expect(Object.keys(keys).every((key) => dictionaryPartOf(key) === part)).toBe(true);
      expect(Object.assign({}, ...parts.map(([, keys]) => keys))).toEqual(messages);
      const [shop, buy] = parts.map(([, keys]) => Object.keys(keys).length);
      // The point of the split: a shopper's phone downloads a fraction of the messages, and browsing a smaller one still.
      expect(shop!).toBeLessThan(Object.keys(messages).length / 4);
      expect(shop! + buy!).toBeLessThan(Object.keys(messages).length / 2);
      expect(isShopKey("order.title")).toBe(false);
    }
  });
});
