import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

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
]);
