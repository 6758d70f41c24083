import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import noServerOnlyInClient from "./lib/lint/no-server-only-in-client.mjs";

// Import paths as written: through the "@/" alias, or relative paths climbing up to the top level.
const components = {
  regex: "^(@/|(\\.\\./)+)components(/|$)",
  message: "lib/ is the logic the components use; it does not import them.",
};
const runnerAndTesting = {
  regex: "^(@/lib/|(\\.{1,2}/)+(lib/)?)(runner|testing)(/|$)",
  message: "lib/runner (npm start) and lib/testing (the test harness) are not part of the running app.",
};
// What is not the running app: the start script, the test harness, the CLI, and tests.
const notTheApp = ["lib/runner/**", "lib/testing/**", "lib/cli/**", "**/*.test.{ts,tsx}"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  // After Next's configs: Prettier owns formatting, so their rules that would fight it stay off.
  prettier,
  globalIgnores(["lib/generated/", ".next*/", "node_modules/", "test-results/", "playwright-report/", ".preflab/", "bench/results/", "next-env.d.ts"]),
  {
    name: "preflab/rules",
    rules: {
      // Destructuring a key away (`{ seq: _seq, ...rest }`) and "_" names are how the code says "unused on purpose".
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      // Every hit reads browser-only state (the clock, window.location, localStorage) after hydration, which
      // must happen in an effect so the server's and the browser's first render match.
      "react-hooks/set-state-in-effect": "off",
    },
  },
  {
    // Node programs without React: a function named use* there (useLocalDatabaseIfUnset) is not a hook.
    name: "preflab/node-programs",
    files: ["lib/runner/**", "lib/cli/**", "lib/testing/**", "bench/**", "prisma/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    name: "preflab/boundaries/lib",
    files: ["lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [components] }] },
  },
  {
    name: "preflab/boundaries/app-and-components",
    files: ["app/**", "components/**"],
    ignores: notTheApp,
    rules: { "no-restricted-imports": ["error", { patterns: [runnerAndTesting] }] },
  },
  {
    // Replaces the lib/ entry above for the running app's part of lib/, so it repeats its pattern.
    name: "preflab/boundaries/lib-app",
    files: ["lib/**"],
    ignores: notTheApp,
    rules: { "no-restricted-imports": ["error", { patterns: [components, runnerAndTesting] }] },
  },
  {
    name: "preflab/boundaries/client",
    plugins: { preflab: { rules: { "no-server-only-in-client": noServerOnlyInClient } } },
    rules: {
      "preflab/no-server-only-in-client": ["error", { root: import.meta.dirname, forbidden: ["lib/db", "lib/generated/prisma/client"] }],
    },
  },
]);
