// `npm run bench:db-restart`: PostgreSQL restarts under load. Starts its own embedded PostgreSQL (never
// the system one) and the production app on it; API workers claim and submit, retrying with the same
// idempotency key on 503 or a failed connection; PostgreSQL is stopped (a fast shutdown, which ends every
// session as a restart or failover does) and started again in the middle. Then checks: every judgment the
// app acknowledged is stored, none twice, /api/health said 503 while the database was down and 200 once it
// was back, and the same app process carried on. Prints figures as `name: value unit`, one line per check,
// and `N passed, N failed`; exits non-zero if any check fails.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { databaseUrl } from "@/lib/runner/database-setup";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/runner/embedded-postgres";
import { createTestDatabase, newBenchDatabaseName } from "@/lib/testing/test-server";
import { startAppServer, type AppServer } from "./bench-server";
import { checkRestart, type Check } from "./db-restart-checks";
import { unavailableMs, watchHealth } from "./health-watch";
import { createJsonClient } from "./http-client";
import { runLoad } from "./restart-load";
import { seedSubmitBench } from "./seed-submit";
import { printFigure } from "./stats";

const { values } = parseArgs({
  options: {
    workers: { type: "string", default: "16" },
    items: { type: "string", default: "30000" },
    before: { type: "string", default: "4" },
    down: { type: "string", default: "3" },
    after: { type: "string", default: "5" },
  },
});
const WORKERS = Number(values.workers);
const SLUG = "restart";
const RECOVERY_TIMEOUT_MS = 120_000;

function log(line: string) {
  console.error(`[bench] ${line}`);
}

type Timeline = { stoppingAt: number; downAt: number; restartingAt: number; upAt: number; firstOkAt: number | null };

/** Stops PostgreSQL under load and starts it again on the same port and data, as a restart does. */
async function restartPostgres(postgres: RunningPostgres, dataDir: string, downSeconds: number) {
  const stoppingAt = performance.now();
  await postgres.stop();
  const downAt = performance.now();
  log(`PostgreSQL stopped (${((downAt - stoppingAt) / 1000).toFixed(1)} s to shut down); starting it again in ${downSeconds} s`);
  await sleep(downSeconds * 1000);
  const restartingAt = performance.now();
  const restarted = await startEmbeddedPostgres({ dataDir, preferredPort: postgres.port });
  if (restarted.port !== postgres.port) throw new Error(`port ${postgres.port} was taken while PostgreSQL was down: it came back on ${restarted.port}`);
  return { restarted, stoppingAt, downAt, restartingAt, upAt: performance.now() };
}

async function readStored(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await checkRestart.readDatabase(client, SLUG);
  } finally {
    await client.end();
  }
}

function report(checks: Check[]): number {
  const failed = checks.filter((check) => !check.ok);
  for (const check of checks) console.log(`[db-restart] ${check.ok ? "ok" : "failed"}: ${check.name}${check.ok ? "" : `: ${check.detail}`}`);
  console.log(`${checks.length - failed.length} passed, ${failed.length} failed`);
  return failed.length;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "preflab-db-restart-"));
  let postgres: RunningPostgres | undefined;
  let app: AppServer | undefined;
  let failures = 1;
  try {
    postgres = await startEmbeddedPostgres({ dataDir });
    const url = await createTestDatabase(databaseUrl(postgres.serverUrl, "postgres"), newBenchDatabaseName("db_restart"));
    const seeding = new pg.Client({ connectionString: url });
    await seeding.connect();
    const workers = await seedSubmitBench(seeding, { slug: SLUG, items: Number(values.items), workers: WORKERS });
    await seeding.end();
    const appLog = path.join(dataDir, "app.log");
    app = await startAppServer(url, { stderrFile: appLog });
    log(`${WORKERS} workers on ${app.baseUrl}; PostgreSQL on port ${postgres.port} (data in ${dataDir}); the app's log goes to ${appLog}`);

    const health = watchHealth(app.baseUrl);
    let stopLoad = false;
    const load = runLoad({ post: createJsonClient(app.baseUrl, WORKERS), workers, slug: SLUG, until: () => stopLoad });
    await sleep(Number(values.before) * 1000);
    const restart = await restartPostgres(postgres, dataDir, Number(values.down));
    postgres = restart.restarted;
    const firstOk = await health.firstOkAfter(restart.upAt, RECOVERY_TIMEOUT_MS);
    await sleep(Number(values.after) * 1000);
    stopLoad = true;
    const result = await load;
    await health.stop();

    const timeline: Timeline = { ...restart, firstOkAt: firstOk?.at ?? null };
    const stored = await readStored(url);
    const appAlive = checkRestart.isAlive(app.pid);
    printFigures({ result, stored, timeline, unavailable: unavailableMs(health.samples) });
    const checks = checkRestart.all({ result, stored, timeline, samples: health.samples, appAlive });
    failures = report(checks);
    return failures;
  } finally {
    await app?.stop();
    await postgres?.stop();
    // Kept after a failure, for the app's log and PostgreSQL's data.
    if (failures === 0) fs.rmSync(dataDir, { recursive: true, force: true });
    else console.error(`[bench] kept ${dataDir} (the app's log is app.log)`);
  }
}

/** Counts are whole numbers: printed as such. */
function printCount(name: string, value: number, unit: string) {
  console.log(`${name}: ${value} ${unit}`);
}

function printFigures({
  result,
  stored,
  timeline,
  unavailable,
}: {
  result: Awaited<ReturnType<typeof runLoad>>;
  stored: Awaited<ReturnType<typeof readStored>>;
  timeline: Timeline;
  unavailable: number;
}) {
  printCount("workers", WORKERS, "clients");
  printCount("acknowledged", result.acknowledged.length, "judgments");
  printCount("acknowledged after the restart", result.acknowledged.filter((ack) => ack.at > timeline.upAt).length, "judgments");
  printCount("stored", stored.keys.size, "judgments");
  printCount("duplicates", stored.duplicates, "judgments");
  printCount("retries", result.retries, "requests");
  printFigure("postgres down", (timeline.upAt - timeline.stoppingAt) / 1000, "s");
  printFigure("seconds unavailable", unavailable / 1000, "s");
  printFigure("unavailable / postgres down ratio", unavailable / (timeline.upAt - timeline.stoppingAt));
  if (timeline.firstOkAt !== null) printFigure("recovery time", timeline.firstOkAt - timeline.upAt, "ms");
}

main().then(
  (failures) => process.exit(failures > 0 ? 1 : 0),
  (error) => {
    console.error(error);
    console.log("0 passed, 1 failed");
    process.exit(1);
  },
);
