// `npm start` builds only when the production build is missing or older than the sources.
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "prisma/schema.prisma",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function newestModification(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestModification(path.join(target, entry)));
  return newest;
}

/** The build folder next.config.js uses: PREFLAB_BUILD_DIR, else .next. */
export function buildDir(): string {
  return env().PREFLAB_BUILD_DIR;
}

export function isBuildCurrent(root: string): boolean {
  const buildId = path.join(root, buildDir(), "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.every((source) => newestModification(path.join(root, source)) <= built);
}
