// `npm start`: the whole app on one machine. Without DATABASE_URL it runs an embedded PostgreSQL
// (data in .preflab/, kept across restarts) and seeds the demo on the first run; with DATABASE_URL
// it migrates that database and seeds only with --demo. Then it builds if needed and serves the
// production app (`--dev`: Next's dev server instead), on 127.0.0.1 only while demo accounts keep
// their published passwords (unless HOST says where). `--processes N` (or PREFLAB_PROCESSES) serves N
// production processes on that one port through a round-robin proxy. Ctrl-C stops everything cleanly.
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
import { startAppProcesses } from "@/lib/runner/app-processes";
import { startRoundRobinProxy } from "@/lib/runner/round-robin-proxy";
import {
  chooseListenHost,
  chooseProcessCount,
  connectionBudgetWarning,
  describeListening,
  firstAdminHint,
  shouldSeedDemo,
  type ListenPlan,
} from "@/lib/runner/start-plan";
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

type Serving = { listen: ListenPlan; accounts: Accounts; childEnv: NodeJS.ProcessEnv; stopDatabase: () => Promise<void> };

/** Stops once, on Ctrl-C, SIGTERM or the end of what is served, and ends the process with `code`. */
function stopOnce(stopServing: () => Promise<void>, stopDatabase: () => Promise<void>) {
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping");
    await stopServing();
    await stopDatabase();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  return stop;
}

function serveOne({ listen, accounts, childEnv, stopDatabase }: Serving, dev: boolean) {
  const hostArgs = listen.host ? ["-H", listen.host] : [];
  const server: ChildProcess = spawn(NEXT, [dev ? "dev" : "start", "-p", String(env().PORT), ...hostArgs], {
    cwd: ROOT,
    env: childEnv,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const stop = stopOnce(async () => void server.kill("SIGTERM"), stopDatabase);
  server.on("spawn", () => printStarted({ listen, port: env().PORT, accounts }));
  server.on("exit", (code) => void stop(code ?? 0));
}

/** N production servers on loopback ports behind a round-robin proxy on the public port. */
async function serveSeveral({ listen, accounts, childEnv, stopDatabase }: Serving, count: number) {
  say(`starting ${count} app processes on one database`);
  const group = await startAppProcesses({ count, env: childEnv, trustedProxies: env().TRUST_PROXY });
  const proxy = await startRoundRobinProxy({ targets: group.processes.map((app) => app.origin), host: listen.host, port: env().PORT }).catch(async (error) => {
    await group.stop();
    throw error;
  });
  const stop = stopOnce(async () => {
    await proxy.close();
    await group.stop();
  }, stopDatabase);
  group.onUnexpectedExit((app, code, signal) => {
    // Ctrl-C in a terminal reaches every process of the group at once: an app process may end first.
    const interrupted = code === 0 || signal === "SIGINT" || signal === "SIGTERM";
    if (!interrupted) say(`app process ${app.number} (${app.origin}) ended with ${signal ?? `exit code ${code}`}: stopping the others`);
    void stop(interrupted ? 0 : 1);
  });
  for (const app of group.processes) say(`app process ${app.number}: ${app.origin} (pid ${app.child.pid})`);
  printStarted({ listen, port: proxy.port, accounts });
}

async function warnIfTooManyConnections(url: string, processes: number) {
  if (processes === 1) return;
  const db = createPrismaClient(url, 1);
  try {
    const [{ max_connections }] = await db.$queryRaw<{ max_connections: string }[]>`SHOW max_connections`;
    const warning = connectionBudgetWarning({ processes, poolSize: env().DATABASE_POOL_SIZE, maxConnections: Number(max_connections) });
    if (warning) say(`warning: ${warning}`);
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const { values } = parseArgs({
    options: { demo: { type: "boolean", default: false }, dev: { type: "boolean", default: false }, processes: { type: "string" } },
  });
  // Every variable is checked before any work; DATABASE_URL and AUTH_SECRET may be unset, as this
  // script provides them (the embedded database, the secret in .preflab/) and the server checks them again.
  validateEnv();
  const processes = chooseProcessCount({ flag: values.processes, configured: env().PREFLAB_PROCESSES, dev: values.dev });
  const database = await prepareDatabase(values.demo);
  const accounts = await prepareAccounts(database.url, database.seed);
  await warnIfTooManyConnections(database.url, processes);
  const listen = chooseListenHost({ host: env().HOST, demoAccounts: accounts.demoLogins.length > 0 });

  // Every process shares the database, the secret that signs sessions, and (by default under .preflab/)
  // the export and upload folders, so a session, an upload or an export works on any of them.
  const childEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: ensureAuthSecret(ROOT),
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(env().PORT),
  };
  if (!values.dev && !isBuildCurrent(ROOT)) {
    say("building the app (first start, or the sources changed)");
    await run(NEXT, ["build"], childEnv);
  }
  const serving = { listen, accounts, childEnv, stopDatabase: database.stop };
  if (processes === 1) serveOne(serving, values.dev);
  else await serveSeveral(serving, processes);
}

main().catch((error) => {
  console.error(`[preflab] could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
