// `npm run bench:submit`: N concurrent API workers claim and submit against the production build
// for a fixed time, then the same SQL procedures run straight through pg at the same concurrency
// on an identical project in the same database. Prints throughput, latency and the ratio.
import { parseArgs } from "node:util";
import pg from "pg";
import { claimTask } from "@/lib/data/claim-task";
import { recordJudgment } from "@/lib/data/submit-judgment";
import { submitJudgmentSchema } from "@/lib/validations/judgment";
import { createBenchDatabase, startAppServer } from "./bench-server";
import { createJsonClient } from "./http-client";
import { seedSubmitBench, type BenchWorker } from "./seed-submit";
import { latencyFigures, printFigure } from "./stats";

const { values } = parseArgs({
  options: {
    workers: { type: "string", default: "64" },
    seconds: { type: "string", default: "20" },
    items: { type: "string", default: "40000" },
    pool: { type: "string", default: "20" },
  },
});
const WORKERS = Number(values.workers);
const SECONDS = Number(values.seconds);
const WARM_UP_SECONDS = 3;

type Phase = { judgments: number; claimMs: number[]; submitMs: number[]; errors: number; elapsedS: number };

async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  samples.push(performance.now() - start);
  return result;
}

async function drive(workers: BenchWorker[], seconds: number, cycle: (worker: BenchWorker, phase: Phase) => Promise<boolean>): Promise<Phase> {
  const phase: Phase = { judgments: 0, claimMs: [], submitMs: [], errors: 0, elapsedS: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    workers.map(async (worker) => {
      while (performance.now() < deadline) {
        try {
          if (!(await cycle(worker, phase))) return;
          phase.judgments++;
        } catch (error) {
          phase.errors++;
          if (phase.errors <= 3) console.error(`[bench] ${(error as Error).message}`);
        }
      }
    }),
  );
  phase.elapsedS = (performance.now() - started) / 1000;
  return phase;
}

async function apiCycle(post: ReturnType<typeof createJsonClient>, worker: BenchWorker, phase: Phase, slug: string): Promise<boolean> {
  const headers = { authorization: `Bearer ${worker.token}`, "content-type": "application/json" };
  const claim = await timed(phase.claimMs, () => post(`/api/v1/projects/${slug}/claim`, headers));
  const task = (claim.body as { task?: { assignmentId: string } | null }).task;
  if (claim.status !== 200) throw new Error(`claim answered ${claim.status}: ${JSON.stringify(claim.body)}`);
  if (!task) return false;
  const body = JSON.stringify({ strength: -2, idempotencyKey: `bench-${task.assignmentId}` });
  const response = await timed(phase.submitMs, () => post(`/api/v1/assignments/${task.assignmentId}/judgment`, headers, body));
  if (response.status !== 201) throw new Error(`submit answered ${response.status}: ${JSON.stringify(response.body)}`);
  return true;
}

async function rawCycle(pool: pg.Pool, worker: BenchWorker, phase: Phase, slug: string): Promise<boolean> {
  const assignmentId = await timed(phase.claimMs, () => claimTask(pool, { workerId: worker.id, projectSlug: slug }));
  if (!assignmentId) return false;
  const answer = submitJudgmentSchema.parse({ strength: -2, idempotencyKey: `bench-${assignmentId}` });
  await timed(phase.submitMs, () => recordJudgment(pool, { workerId: worker.id, assignmentId, answer }));
  return true;
}

function report(label: string, phase: Phase) {
  printFigure(`${label} judgments per second`, phase.judgments / phase.elapsedS, "/s");
  for (const [name, value, unit] of [...latencyFigures(`${label} claim`, phase.claimMs), ...latencyFigures(`${label} submit`, phase.submitMs)])
    printFigure(name, value, unit);
  printFigure(`${label} errors`, phase.errors);
}

async function main() {
  console.error(`[bench] ${WORKERS} workers, ${SECONDS} s per phase`);
  const database = await createBenchDatabase("submit");
  const pool = new pg.Pool({ connectionString: database.url, max: Number(values.pool) });
  let app: Awaited<ReturnType<typeof startAppServer>> | undefined;
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const apiWorkers = await seedSubmitBench(client, { slug: "bench-api", items: Number(values.items), workers: WORKERS });
    const rawWorkers = await seedSubmitBench(client, { slug: "bench-raw", items: Number(values.items), workers: WORKERS });
    await client.end();
    app = await startAppServer(database.url);
    const post = createJsonClient(app.baseUrl, WORKERS);
    // Warm-ups load the server's code, fill both pools and prepare the statements before measuring.
    await drive(apiWorkers, WARM_UP_SECONDS, (worker, phase) => apiCycle(post, worker, phase, "bench-api"));
    const api = await drive(apiWorkers, SECONDS, (worker, phase) => apiCycle(post, worker, phase, "bench-api"));
    await app.stop();
    await drive(rawWorkers, WARM_UP_SECONDS, (worker, phase) => rawCycle(pool, worker, phase, "bench-raw"));
    const raw = await drive(rawWorkers, SECONDS, (worker, phase) => rawCycle(pool, worker, phase, "bench-raw"));
    printFigure("workers", WORKERS);
    report("api", api);
    report("raw sql", raw);
    printFigure("ratio", api.judgments / api.elapsedS / (raw.judgments / raw.elapsedS));
  } finally {
    await pool.end();
    await app?.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
