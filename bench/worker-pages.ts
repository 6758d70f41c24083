// `npm run bench:worker-pages`: what a worker's pages cost as the project grows. One project grows to
// 1,000, 300,000 and 1,000,000 items; at each size one signed-in worker loads GET /tasks and claims
// (then answers, untimed) over HTTP against the production build. The baseline in the same run is
// the SQL behind the task list's "open to you" count: the counters it reads now, and the count(*)
// over the project's items it made before.
import { parseArgs } from "node:util";
import pg from "pg";
import { openToWorkerSql } from "@/lib/data/worker-counts";
import { HttpSession } from "@/lib/testing/http-session";
import { createBenchDatabase, startAppServer } from "./bench-server";
import { createJsonClient } from "./http-client";
import { growPagesProject, insertPagesWorker, ITEMS_WITH_RESPONSES, PAGES_SLUG, seedPagesProject, type PagesWorker } from "./seed-worker-pages";
import { latencyFigures, percentile, printFigure } from "./stats";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,300000,1000000" },
    requests: { type: "string", default: "200" },
    scans: { type: "string", default: "10" },
  },
});
const SIZES = values.sizes.split(",").map(Number);
const REQUESTS = Number(values.requests);
const SCANS = Number(values.scans);
const WARM_UP = 20;

const COUNTER_READ = `SELECT ${openToWorkerSql("$1")} AS open FROM projects p WHERE p.id = $2::uuid`;
// The task list's count before the counters (lib/data/projects.ts until 2026-12-03).
const COUNT_SCAN = `
  SELECT count(*)::int AS open FROM items i JOIN batches b ON b.id = i.batch_id
  WHERE i.project_id = $2::uuid AND b.status = 'ACTIVE' AND i.is_complete = false
    AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = $1::uuid)
    AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.item_id = i.id AND s.worker_id = $1::uuid AND s.status = 'RELEASED')`;

async function timeEach(count: number, run: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < count; n++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function loadTasksPage(session: HttpSession) {
  const response = await session.get("/tasks");
  const html = await response.text();
  if (response.status !== 200 || !html.includes(PAGES_SLUG)) throw new Error(`GET /tasks answered ${response.status} without the project`);
}

/** Claims over the API (timed) and answers the task (not timed), so the next claim takes a new item. */
function claimer(baseUrl: string, worker: PagesWorker) {
  const post = createJsonClient(baseUrl, 1);
  const headers = { authorization: `Bearer ${worker.token}`, "content-type": "application/json" };
  const samples: number[] = [];
  return {
    samples,
    async claimAndAnswer() {
      const started = performance.now();
      const claim = await post(`/api/v1/projects/${PAGES_SLUG}/claim`, headers);
      samples.push(performance.now() - started);
      const task = (claim.body as { task?: { assignmentId: string } | null }).task;
      if (claim.status !== 200 || !task) throw new Error(`claim answered ${claim.status}: ${JSON.stringify(claim.body)}`);
      const answer = JSON.stringify({ strength: -2, idempotencyKey: `pages-${task.assignmentId}` });
      const submitted = await post(`/api/v1/assignments/${task.assignmentId}/judgment`, headers, answer);
      if (submitted.status !== 201) throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
    },
  };
}

async function measureSize(size: number, { session, baseUrl, worker, client, projectId }: Stage) {
  await timeEach(WARM_UP, () => loadTasksPage(session));
  const page = await timeEach(REQUESTS, () => loadTasksPage(session));
  const claims = claimer(baseUrl, worker);
  await timeEach(WARM_UP, () => claims.claimAndAnswer());
  claims.samples.length = 0;
  await timeEach(REQUESTS, () => claims.claimAndAnswer());
  const params = [worker.id, projectId];
  const counter = await timeEach(REQUESTS, () => client.query({ name: "counter-read", text: COUNTER_READ, values: params }));
  const scan = await timeEach(SCANS, () => client.query({ name: "count-scan", text: COUNT_SCAN, values: params }));
  const [kept, counted] = [(await client.query(COUNTER_READ, params)).rows[0].open, (await client.query(COUNT_SCAN, params)).rows[0].open];
  if (kept !== counted) throw new Error(`the counters say ${kept} open, count(*) says ${counted}`);
  const label = `items ${size}`;
  for (const [name, value, unit] of [
    ...latencyFigures(`${label} GET /tasks`, page),
    ...latencyFigures(`${label} claim`, claims.samples),
    ...latencyFigures(`${label} sql counter read`, counter),
    ...latencyFigures(`${label} sql count(*) scan`, scan),
  ])
    printFigure(name, value, unit);
  const sorted = (samples: number[]) => [...samples].sort((a, b) => a - b);
  printFigure(`${label} count(*) scan / counter read`, percentile(sorted(scan), 0.5) / percentile(sorted(counter), 0.5));
  return percentile(sorted(page), 0.5);
}

type Stage = { session: HttpSession; baseUrl: string; worker: PagesWorker; client: pg.Client; projectId: string };

async function main() {
  if (SIZES.length * (REQUESTS + WARM_UP) > ITEMS_WITH_RESPONSES) throw new Error(`at most ${ITEMS_WITH_RESPONSES} claims in a run: fewer --requests`);
  const database = await createBenchDatabase("pages");
  const client = new pg.Client({ connectionString: database.url });
  let app: Awaited<ReturnType<typeof startAppServer>> | undefined;
  try {
    await client.connect();
    let project = await seedPagesProject(client);
    const worker = await insertPagesWorker(client);
    app = await startAppServer(database.url);
    const session = new HttpSession(app.baseUrl);
    await session.signIn(worker);
    const pageP50 = new Map<number, number>();
    for (const size of SIZES) {
      const seeding = performance.now();
      project = await growPagesProject(client, project, size);
      console.error(`[bench] ${size} items (seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s)`);
      pageP50.set(size, await measureSize(size, { session, baseUrl: app.baseUrl, worker, client, projectId: project.projectId }));
    }
    const [smallest, largest] = [SIZES[0], SIZES.at(-1)!];
    printFigure(`GET /tasks p50 at ${largest} items / at ${smallest} items`, pageP50.get(largest)! / pageP50.get(smallest)!);
  } finally {
    await client.end();
    await app?.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
