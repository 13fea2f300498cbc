import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * Small modules every shop page shares, in one chunk with the framework they import instead of nine
 * files: on a phone each file costs a request, and gzip compresses them better together (the product
 * page's JavaScript went from 13 files to 5 and about 1 KB less; see `npm run bench`).
 */
const shopShared = [
  "app/lib/i18n/dictionaries.ts",
  "app/lib/i18n/react.tsx",
  "app/lib/route-meta.ts",
  "app/lib/money.ts",
  "app/components/cart-link.tsx",
  "app/components/product-card.tsx",
  "app/components/responsive-image.tsx",
  "app/modules/catalog/shop/stock-shown.ts",
];

/**
 * Marks the shop chunk for eager compilation (V8's explicit compile hint, Chrome 136 and later; other browsers read a
 * comment): most of its functions (React DOM's hydration, the router) run as the page hydrates, and compiled lazily
 * each would be parsed twice and compiled on the main thread, in the long task a shopper waits through (decision 45).
 * Compiled eagerly, they are compiled once, off the main thread, while the file streams in.
 */
function eagerCompileHint(chunkNames: string[]): Plugin {
  const hint = "//# allFunctionsCalledOnLoad\n";
  return {
    name: "etalase:eager-compile-hint",
    apply: "build",
    // The hint is added to the finished file (the minifier would drop a comment added before it) and to the
    // chunk's hash, so a file with the hint is named apart from one without.
    augmentChunkHash: (chunk) => (chunkNames.includes(chunk.name) ? hint : undefined),
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type === "chunk" && chunkNames.includes(output.name)) output.code = hint + output.code;
      }
    },
  };
}

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig), tsconfigPaths(), eagerCompileHint(["shop"])],
  server: { port: 3000 },
  build: {
    target: "es2020",
    rollupOptions: {
      output: {
        manualChunks: (id) => (shopShared.some((file) => id.endsWith(file)) ? "shop" : undefined),
      },
    },
  },
});
