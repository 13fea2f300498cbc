import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The floors of the code (docs/decisions/0018): imports only go down, routes -> web edge -> flows -> modules -> lib.
 * Each rule names what a folder may not import; a type-only import of a neighbour's shape is allowed.
 */
const modules = ["audit", "catalog", "identity", "inventory", "media", "membership", "notifications", "tenancy"];
const leafModules = ["audit", "notifications", "media"];
const above = (...layers) => layers.map((layer) => ({ group: [`~/${layer}/*`, `~/${layer}`], message: `Imports only go down: nothing below the ${layer} layer imports it.` }));
const noRemix = { group: ["@remix-run/*"], message: "Domain code is framework-free: the web edge (app/web) adapts requests; return results, not Responses." };
const sideways = (own, allowed) =>
  modules
    .filter((name) => name !== own && !allowed.includes(name))
    .map((name) => ({ group: [`~/modules/${name}/*`], allowTypeImports: true, message: `A module does not call another sideways (${own} -> ${name}): a flow in app/flows joins them.` }));
const restrict = (patterns) => ["error", { patterns }];

export default tseslint.config(
  { ignores: ["build/", ".data/", "node_modules/", "test-results/", "playwright-report/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-control-regex": "off",
    },
  },
  {
    files: ["app/lib/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(above("modules", "flows", "web", "routes", "components")) },
  },
  ...modules.map((name) => ({
    files: [`app/modules/${name}/**`],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict([
        ...above("flows", "web", "routes", "components"),
        noRemix,
        ...sideways(name, leafModules.includes(name) ? [] : leafModules),
      ]),
    },
  })),
  {
    files: ["app/flows/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict([...above("web", "routes", "components"), noRemix]) },
  },
);
