import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "~/lib/i18n/messages.en";
import { id } from "~/lib/i18n/messages.id";
import { messagesScript } from "~/lib/i18n/messages-script.server";
import { isShopKey } from "~/lib/i18n/shop-keys";

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
  "app/modules/identity/access.ts": "ability names (bank.confirm, payments.confirm) that happen to read like message keys",
};

function shopRouteFiles(): string[] {
  return fs
    .readdirSync(routesDirectory)
    .filter((file) => /\.tsx?$/.test(file))
    .filter((file) => /^export const handle = shopPage;$/m.test(fs.readFileSync(path.join(routesDirectory, file), "utf8")));
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
  const shopRoutes = shopRouteFiles();

  it("is what the shopper's pages load: home, listings, product, producers, cart, checkout, order", () => {
    for (const page of ["_index.tsx", "products._index.tsx", "c.$slug.tsx", "p.$slug.tsx", "producers.$slug.tsx", "cart.tsx", "checkout.tsx", "orders.$token.tsx"]) {
      expect(shopRoutes).toContain(page);
    }
    expect(shopRoutes.some((file) => /^(admin|member|operator|account|sign-in)/.test(file))).toBe(false);
  });

  it("has every key a shop page, the header, the footer or their loaders and actions use", () => {
    const entries = [path.join(root, "app/root.tsx"), ...[...shopRoutes, ...shopResourceRoutes].map((file) => path.join(routesDirectory, file))];
    const missing: string[] = [];
    for (const file of reachableFiles(entries)) {
      const relative = path.relative(root, file);
      if (relative in notShown || relative.startsWith("app/lib/i18n/messages.")) continue;
      for (const key of keysIn(fs.readFileSync(file, "utf8"))) if (!isShopKey(key)) missing.push(`${key} (${relative})`);
    }
    expect(missing, "used by a shop page but not in app/lib/i18n/shop-keys.ts").toEqual([]);
  });

  it("finds keys however a page writes them", () => {
    expect(keysIn(`t("member.title"); t(\`sort.\${sort}\`); const label = "listing.count";`)).toEqual(
      expect.arrayContaining(["member.title", "listing.count", "sort.popular", "sort.price_asc"]),
    );
    expect(keysIn(`<a href={\`/p/\${slug}\`} className="h-full w-full">`)).toEqual([]);
  });

  it("and the rest split every language's messages between them, each key in one", () => {
    for (const [locale, messages] of [["id", id], ["en", en]] as const) {
      const parts = (["shop", "rest"] as const).map((part) => {
        const body = messagesScript(locale, part).body;
        return JSON.parse(body.slice(body.indexOf("]=") + 2, body.lastIndexOf(";"))) as Record<string, string>;
      });
      const [shop, rest] = parts;
      expect(Object.keys(shop!).every(isShopKey)).toBe(true);
      expect(Object.keys(rest!).some(isShopKey)).toBe(false);
      expect({ ...shop, ...rest }).toEqual(messages);
      // The point of the split: a shopper's phone downloads a fraction of the messages.
      expect(Object.keys(shop!).length).toBeLessThan(Object.keys(messages).length / 2);
    }
  });
});
