// `npm start`: the whole app on one machine. Without DATABASE_URL it runs an embedded PostgreSQL
// (data in .preflab/, kept across restarts) and seeds the demo on the first run; with DATABASE_URL
// it migrates that database and seeds only with --demo. Then it builds if needed and serves the
// production app (`--dev`: Next's dev server instead). Ctrl-C stops everything cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db/connection";
import { env, validateEnv } from "@/lib/env";
import { DEMO_LOGINS, DEMO_PROJECT_SLUG, seedDemo } from "@/prisma/seed";
import { ensureAuthSecret } from "@/lib/runner/auth-secret";
import { isBuildCurrent } from "@/lib/runner/build-state";
import { migrateDatabase } from "@/lib/runner/database-setup";
import { openLocalDatabase } from "@/lib/runner/local-database";
import { projectRoot } from "@/lib/project-root";

const ROOT = projectRoot();
const NEXT = path.join(ROOT, "node_modules/.bin/next");

function say(line: string) {
  console.log(`[preflab] ${line}`);
}

async function prepareDatabase(demoFlag: boolean) {
  const configured = env().DATABASE_URL;
  if (configured) {
    say("using DATABASE_URL; applying migrations");
    await migrateDatabase(configured);
    return { url: configured, seed: demoFlag, stop: async () => {} };
  }
  say("DATABASE_URL is not set: starting the embedded PostgreSQL (data in .preflab/postgres)");
  const local = await openLocalDatabase();
  return { url: local.url, seed: local.created || demoFlag, stop: local.stop };
}

async function seedIfWanted(url: string, wanted: boolean) {
  if (!wanted) return;
  process.env.DATABASE_URL = url;
  const db = createPrismaClient(url, 2);
  try {
    if (await seedDemo(db)) say(`seeded the demo project "${DEMO_PROJECT_SLUG}"`);
  } finally {
    await db.$disconnect();
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args[0]} failed (exit ${code})`))));
  });
}

function printLogins(port: string) {
  say(`Preflab is running on http://localhost:${port}`);
  say("demo logins (also in README.md):");
  for (const login of DEMO_LOGINS) say(`  ${login.role.padEnd(10)} ${login.email.padEnd(24)} ${login.password}`);
  say("press Ctrl-C to stop");
}

async function main() {
  const { values } = parseArgs({ options: { demo: { type: "boolean", default: false }, dev: { type: "boolean", default: false } } });
  // Every variable is checked before any work; DATABASE_URL and AUTH_SECRET may be unset, as this
  // script provides them (the embedded database, the secret in .preflab/) and the server checks them again.
  validateEnv();
  const database = await prepareDatabase(values.demo);
  await seedIfWanted(database.url, database.seed);

  const port = String(env().PORT);
  const childEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: ensureAuthSecret(ROOT),
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: port,
  };
  if (!values.dev && !isBuildCurrent(ROOT)) {
    say("building the app (first start, or the sources changed)");
    await run(NEXT, ["build"], childEnv);
  }

  const server: ChildProcess = spawn(NEXT, [values.dev ? "dev" : "start", "-p", port], { cwd: ROOT, env: childEnv, stdio: ["ignore", "inherit", "inherit"] });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping");
    server.kill("SIGTERM");
    await database.stop();
    process.exit(code);
  };
  server.on("spawn", () => printLogins(port));
  server.on("exit", (code) => void stop(code ?? 0));
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
}

main().catch((error) => {
  console.error(`[preflab] could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
