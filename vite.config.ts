import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
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

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig), tsconfigPaths()],
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
