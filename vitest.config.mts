import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": import.meta.dirname,
  // Outside Next.js the guard module throws on import; tests run server code directly.
  "server-only": path.join(import.meta.dirname, "node_modules/server-only/empty.js"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["{lib,prisma,components}/**/*.test.{ts,tsx}"], exclude: ["**/*.db.test.ts", "**/node_modules/**"] },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
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
