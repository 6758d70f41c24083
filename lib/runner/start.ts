// `npm start`: the whole app on one machine. Without DATABASE_URL it runs an embedded PostgreSQL
// (data in .preflab/, kept across restarts) and seeds the demo on the first run; with DATABASE_URL
// it migrates that database and seeds only with --demo. Then it builds if needed and serves the
// production app (`--dev`: Next's dev server instead), on 127.0.0.1 only while demo accounts keep
// their published passwords (unless HOST says where). Ctrl-C stops everything cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db/connection";
import { env, validateEnv } from "@/lib/env";
import { DEMO_PROJECT_SLUG, findDemoLoginsInUse, seedDemo, type DemoLogin } from "@/prisma/seed";
import { ensureAuthSecret } from "@/lib/runner/auth-secret";
import { isBuildCurrent } from "@/lib/runner/build-state";
import { migrateDatabase } from "@/lib/runner/database-setup";
import { openLocalDatabase } from "@/lib/runner/local-database";
import { chooseListenHost, describeListening, firstAdminHint, shouldSeedDemo, type ListenPlan } from "@/lib/runner/start-plan";
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
    return { url: configured, seed: shouldSeedDemo({ databaseUrlSet: true, demoFlag, freshEmbedded: false }), stop: async () => {} };
  }
  say("DATABASE_URL is not set: starting the embedded PostgreSQL (data in .preflab/postgres)");
  const local = await openLocalDatabase();
  return { url: local.url, seed: shouldSeedDemo({ databaseUrlSet: false, demoFlag, freshEmbedded: local.created }), stop: local.stop };
}

type Accounts = { demoLogins: DemoLogin[]; hasAdmin: boolean };

/** Seeds the demo if wanted, then reads which demo logins work and whether any admin exists. */
async function prepareAccounts(url: string, seed: boolean): Promise<Accounts> {
  process.env.DATABASE_URL = url;
  const db = createPrismaClient(url, 2);
  try {
    if (seed && (await seedDemo(db))) say(`seeded the demo project "${DEMO_PROJECT_SLUG}"`);
    const demoLogins = await findDemoLoginsInUse(db);
    const hasAdmin = (await db.user.count({ where: { role: "ADMIN", blockedAt: null } })) > 0;
    return { demoLogins, hasAdmin };
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

function printStarted({ listen, port, accounts }: { listen: ListenPlan; port: number; accounts: Accounts }) {
  for (const line of describeListening(listen, port)) say(line);
  if (accounts.demoLogins.length > 0) {
    say("demo logins (also in README.md):");
    for (const login of accounts.demoLogins) say(`  ${login.role.padEnd(10)} ${login.email.padEnd(24)} ${login.password}`);
  }
  if (!accounts.hasAdmin) for (const line of firstAdminHint()) say(line);
  say("press Ctrl-C to stop");
}

async function main() {
  const { values } = parseArgs({ options: { demo: { type: "boolean", default: false }, dev: { type: "boolean", default: false } } });
  // Every variable is checked before any work; DATABASE_URL and AUTH_SECRET may be unset, as this
  // script provides them (the embedded database, the secret in .preflab/) and the server checks them again.
  validateEnv();
  const database = await prepareDatabase(values.demo);
  const accounts = await prepareAccounts(database.url, database.seed);
  const listen = chooseListenHost({ host: env().HOST, demoAccounts: accounts.demoLogins.length > 0 });

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

  const hostArgs = listen.host ? ["-H", listen.host] : [];
  const server: ChildProcess = spawn(NEXT, [values.dev ? "dev" : "start", "-p", port, ...hostArgs], {
    cwd: ROOT,
    env: childEnv,
    stdio: ["ignore", "inherit", "inherit"],
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping");
    server.kill("SIGTERM");
    await database.stop();
    process.exit(code);
  };
  server.on("spawn", () => printStarted({ listen, port: env().PORT, accounts }));
  server.on("exit", (code) => void stop(code ?? 0));
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
}

main().catch((error) => {
  console.error(`[preflab] could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
