// `npm run bench:submit`: N concurrent API workers claim and submit against the production build
// for a fixed time, then the same SQL procedures run straight through pg at the same concurrency
// on an identical project in the same database. Prints throughput, latency and the ratio.
// `--open-loop` measures at fixed arrival rates instead (bench/submit-open-loop.ts).
import { parseArgs } from "node:util";
import pg from "pg";
import { createBenchDatabase, startAppServer } from "./bench-server";
import { createJsonClient } from "./http-client";
import { seedSubmitBench } from "./seed-submit";
import { printFigure } from "./stats";
import { apiCycle, drive, judgmentsPerSecond, rawCycle, report } from "./submit-cycles";
import { runOpenLoop } from "./submit-open-loop";

const { values } = parseArgs({
  options: {
    workers: { type: "string", default: "64" },
    seconds: { type: "string", default: "20" },
    // 40,000 a project, or 60,000 with --open-loop (three phases a project, each using items up).
    items: { type: "string" },
    pool: { type: "string", default: "20" },
    "open-loop": { type: "boolean", default: false },
  },
});
const WORKERS = Number(values.workers);
const SECONDS = Number(values.seconds);
const WARM_UP_SECONDS = 3;
const ITEMS = Number(values.items ?? (values["open-loop"] ? 60_000 : 40_000));

async function runClosedLoop(databaseUrl: string, pool: pg.Pool) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const apiWorkers = await seedSubmitBench(client, { slug: "bench-api", items: ITEMS, workers: WORKERS });
  const rawWorkers = await seedSubmitBench(client, { slug: "bench-raw", items: ITEMS, workers: WORKERS });
  await client.end();
  const app = await startAppServer(databaseUrl);
  try {
    const api = apiCycle([createJsonClient(app.baseUrl, WORKERS)], "bench-api", apiWorkers);
    // Warm-ups load the server's code, fill both pools and prepare the statements before measuring.
    await drive(apiWorkers, WARM_UP_SECONDS, api);
    const apiPhase = await drive(apiWorkers, SECONDS, api);
    await app.stop();
    const raw = rawCycle(pool, "bench-raw");
    await drive(rawWorkers, WARM_UP_SECONDS, raw);
    const rawPhase = await drive(rawWorkers, SECONDS, raw);
    printFigure("workers", WORKERS);
    report("api", apiPhase);
    report("raw sql", rawPhase);
    printFigure("ratio", judgmentsPerSecond(apiPhase) / judgmentsPerSecond(rawPhase));
  } finally {
    await app.stop();
  }
}

async function main() {
  console.error(`[bench] ${WORKERS} workers, ${SECONDS} s per phase${values["open-loop"] ? ", open loop" : ""}`);
  const database = await createBenchDatabase("submit");
  const pool = new pg.Pool({ connectionString: database.url, max: Number(values.pool) });
  try {
    if (values["open-loop"]) await runOpenLoop(database.url, pool, { workers: WORKERS, seconds: SECONDS, items: ITEMS });
    else await runClosedLoop(database.url, pool);
  } finally {
    await pool.end();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
