import path from "node:path";
import { defineConfig } from "prisma/config";
import { PreflabCliAdapterFactory, unrefLongTimers } from "./prisma/cli-adapter";

unrefLongTimers();

// The Prisma CLI runs on the Wasm schema engine shipped in npm (engine "js"), so migrations work
// without downloading a native engine.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the Prisma CLI needs a database to migrate.");
    return new PreflabCliAdapterFactory(url);
  },
});
