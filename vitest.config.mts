import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": import.meta.dirname,
  // Outside Next.js the guard module throws on import; tests run server code directly.
  "server-only": path.join(import.meta.dirname, "node_modules/server-only/empty.js"),
};

// scrypt at an eighth of production's cost (2^14 rather than 2^17): factories hash a password per test user. The
// production default is asserted in lib/auth/password.test.ts, which hashes once at it.
const env = { PASSWORD_HASH_COST: "14" };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", env, include: ["{lib,prisma,components}/**/*.test.{ts,tsx}"], exclude: ["**/*.db.test.ts", "**/node_modules/**"] },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          env,
          include: ["{lib,prisma}/**/*.db.test.ts"],
          globalSetup: ["lib/testing/db-global-setup.ts"],
          setupFiles: ["lib/testing/db-setup-file.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
