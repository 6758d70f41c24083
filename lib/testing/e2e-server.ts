// Playwright's web server: prepares the run's database (Playwright starts the server before its
// global setup), builds the app if the build is stale, then serves the production build.
import { spawn } from "node:child_process";
import path from "node:path";
import { isBuildCurrent } from "@/lib/runner/build-state";
import { projectRoot } from "@/lib/project-root";
import { configuredTestServer, createTestDatabase } from "@/lib/testing/test-server";

const ROOT = projectRoot();
const NEXT = path.join(ROOT, "node_modules/.bin/next");

function run(args: string[], env: NodeJS.ProcessEnv) {
  return spawn(NEXT, args, { cwd: ROOT, env, stdio: "inherit" });
}

async function main() {
  const name = process.env.PREFLAB_E2E_DATABASE_NAME;
  const port = process.env.E2E_PORT;
  if (!name || !port) throw new Error("PREFLAB_E2E_DATABASE_NAME and E2E_PORT are set by playwright.config.ts");
  // Its own build folder: a test run must not replace the build a running `npm start` serves.
  process.env.PREFLAB_BUILD_DIR ??= ".next-test";
  // PORT too: the built-in demo models are reached on the app's own address.
  const env = { ...process.env, DATABASE_URL: await createTestDatabase(configuredTestServer(), name), NEXT_TELEMETRY_DISABLED: "1", PORT: port };
  if (!isBuildCurrent(ROOT)) {
    const code = await new Promise<number | null>((resolve) => run(["build"], env).on("close", resolve));
    if (code !== 0) throw new Error("next build failed");
  }
  const server = run(["start", "-p", port], env);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("close", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
