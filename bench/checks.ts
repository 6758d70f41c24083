// `npm run bench:checks`: what the quality checks cost a claim and a submit. The same workers claim and
// submit through the data layer for a fixed time on identical projects: plain (the baseline, in the
// same run), with gold items mixed in at 10%, with dynamic overlap, and with ADAPTIVE pairing over 50
// models. Prints judgments per second, claim and submit latency, and each one's ratio to the plain run.
import { parseArgs } from "node:util";
import pg from "pg";
import { createBenchDatabase } from "./bench-server";
import { seedSubmitBench, type BenchWorker } from "./seed-submit";
import { printFigure } from "./stats";
import { drive, judgmentsPerSecond, rawCycle, report, type Phase } from "./submit-cycles";

const { values } = parseArgs({
  options: {
    workers: { type: "string", default: "16" },
    seconds: { type: "string", default: "15" },
    items: { type: "string", default: "20000" },
  },
});
const WORKERS = Number(values.workers);
const SECONDS = Number(values.seconds);
const ITEMS = Number(values.items);
const WARM_UP_SECONDS = 2;

type Scenario = { slug: string; label: string; settings: string; prepare?: (client: pg.Client, projectId: string, batchId: string) => Promise<void> };

const SCENARIOS: Scenario[] = [
  { slug: "bench-plain", label: "plain", settings: "judgments_per_item = 3" },
  { slug: "bench-gold", label: "gold", settings: "judgments_per_item = 3, gold_rate = 0.1, gold_min_answers = 1000000", prepare: addGoldBatch },
  { slug: "bench-overlap", label: "overlap", settings: "judgments_per_item = 3, overlap_max = 6, overlap_disagreement = 0.3" },
  { slug: "bench-adaptive", label: "adaptive", settings: "judgments_per_item = 3, pairing_rule = 'ADAPTIVE'", prepare: nameFiftyModels },
];

/** A second batch of gold items, a tenth the size of the tasks, each preferring its first response. */
async function addGoldBatch(client: pg.Client, projectId: string) {
  const gold = Math.ceil(ITEMS / 10);
  const {
    rows: [batch],
  } = await client.query<{ id: string }>(
    "INSERT INTO batches (project_id, name, status, source_format, item_count) VALUES ($1, 'gold', 'ACTIVE', 'preflab', $2) RETURNING id",
    [projectId, gold],
  );
  await client.query(
    `INSERT INTO items (project_id, batch_id, position, context, role, is_complete)
     SELECT $1, $2, n, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Gold question ' || n || '?')), 'GOLD', true
     FROM generate_series(1, $3) AS n`,
    [projectId, batch.id, gold],
  );
  await client.query(
    `INSERT INTO candidates (item_id, position, text, model, reference_rank)
     SELECT i.id, p, 'Gold answer ' || i.position || '.' || p, 'bench-model-' || p, p + 1
     FROM items i CROSS JOIN generate_series(0, 1) AS p WHERE i.batch_id = $1`,
    [batch.id],
  );
}

/** Every item compares two different models of fifty, spread evenly. */
async function nameFiftyModels(client: pg.Client, _projectId: string, batchId: string) {
  await client.query(
    `UPDATE candidates c SET model = 'model-' || ((x.h + c.position * (1 + x.h / 50 % 49)) % 50)
     FROM (SELECT id, abs(hashtext(id::text)) AS h FROM items WHERE batch_id = $1) x WHERE c.item_id = x.id`,
    [batchId],
  );
}

async function seedScenario(client: pg.Client, scenario: Scenario): Promise<BenchWorker[]> {
  const workers = await seedSubmitBench(client, { slug: scenario.slug, items: ITEMS, workers: WORKERS });
  const {
    rows: [project],
  } = await client.query<{ id: string; batch_id: string }>(
    `UPDATE projects p SET ${scenario.settings} WHERE slug = $1
     RETURNING id, (SELECT b.id FROM batches b WHERE b.project_id = p.id) AS batch_id`,
    [scenario.slug],
  );
  await scenario.prepare?.(client, project.id, project.batch_id);
  return workers;
}

async function main() {
  console.error(`[bench] ${WORKERS} workers, ${SECONDS} s per scenario, ${ITEMS} items each`);
  const database = await createBenchDatabase("checks");
  // ADAPTIVE reads the project's battles through the app's own pool, which takes its address from here.
  process.env.DATABASE_URL = database.url;
  const pool = new pg.Pool({ connectionString: database.url, max: WORKERS });
  const client = new pg.Client({ connectionString: database.url });
  try {
    await client.connect();
    const seeded = new Map<string, BenchWorker[]>();
    for (const scenario of SCENARIOS) seeded.set(scenario.slug, await seedScenario(client, scenario));
    await client.query("ANALYZE");
    // Every scenario is warmed up before any is measured, so the first one measured is not the slowest
    // for having filled the caches and prepared the plans.
    for (const scenario of SCENARIOS) await drive(seeded.get(scenario.slug)!, WARM_UP_SECONDS, rawCycle(pool, scenario.slug));
    const phases = new Map<string, Phase>();
    for (const scenario of SCENARIOS) phases.set(scenario.label, await drive(seeded.get(scenario.slug)!, SECONDS, rawCycle(pool, scenario.slug)));
    printFigure("workers", WORKERS);
    const plain = judgmentsPerSecond(phases.get("plain")!);
    for (const [label, phase] of phases) {
      report(label, phase);
      if (label !== "plain") printFigure(`${label} ratio`, judgmentsPerSecond(phase) / plain);
    }
  } finally {
    await client.end();
    await pool.end();
    const { disconnectDb } = await import("@/lib/db/prisma");
    await disconnectDb();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
