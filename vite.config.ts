import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, gzip } from "node:zlib";
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { onceBrotliOptions, onceGzipOptions } from "./app/lib/content-encoding.server";
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

/**
 * Writes each script and stylesheet of the browser's build compressed beside it, gzip at level 9 and brotli at quality
 * 11 (`shop-….js.gz`, `shop-….js.br`), for the server to send as they are (decision 55): compressing the shop's
 * 275 KB chunk again for every visitor cost the server about 5 ms a request, and brotli is an eighth smaller than gzip
 * for a phone on a weak connection. Done once the server's build has finished, because that is when Remix writes the
 * browser's route manifest, which every page loads.
 */
function precompressedAssets(buildDirectory: string): Plugin {
  let serverBuild = false;
  let clientAssets = "";
  return {
    name: "etalase:precompressed-assets",
    apply: "build",
    configResolved: (config) => {
      serverBuild = Boolean(config.build.ssr);
      clientAssets = path.resolve(config.root, buildDirectory, "client/assets");
    },
    async closeBundle() {
      if (!serverBuild) return;
      const files = (await fs.readdir(clientAssets)).filter((name) => /\.(js|css)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(clientAssets, name);
          const content = await fs.readFile(file);
          const [gzipped, brotli] = await Promise.all([
            promisify(gzip)(content, onceGzipOptions),
            promisify(brotliCompress)(content, onceBrotliOptions(content.length)),
          ]);
          await Promise.all([fs.writeFile(`${file}.gz`, gzipped), fs.writeFile(`${file}.br`, brotli)]);
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig), tsconfigPaths(), eagerCompileHint(["shop"]), precompressedAssets(remixConfig.buildDirectory ?? "build")],
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
