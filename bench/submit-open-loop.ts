// `npm run bench:submit -- --open-loop`: for one app process, two app processes on the same database
// (requests spread over both), and the SQL procedures straight through pg: first the maximum rate of
// claim-and-submit cycles in a closed loop, then cycles arriving at a fixed rate of 50% and 80% of
// that maximum. The aim is a p99 under 100 ms at 50%.
import pg from "pg";
import { startAppServer, type AppServer } from "./bench-server";
import { createJsonClient } from "./http-client";
import { driveOpenLoop } from "./open-loop";
import { seedSubmitBench, type BenchWorker } from "./seed-submit";
import { cpuSeconds, processTree } from "./process-usage";
import { printFigure } from "./stats";
import { apiCycle, drive, judgmentsPerSecond, rawCycle, report, type Cycle } from "./submit-cycles";

const WARM_UP_SECONDS = 3;
const SHARES = [0.5, 0.8];
// An open loop needs a worker free for every cycle in flight, whatever the closed loop used.
const OPEN_LOOP_WORKERS = 160;

type Options = { workers: number; seconds: number; items: number };

type Target = { workers: BenchWorker[]; closedLoopWorkers: number; seconds: number; cycle: Cycle; serverPids?: number[] };

async function measureTarget(label: string, { workers, closedLoopWorkers, seconds, cycle, serverPids = [] }: Target) {
  const closed = workers.slice(0, closedLoopWorkers);
  await drive(closed, WARM_UP_SECONDS, cycle);
  // The app servers' CPU time per judgment at the maximum rate: what bounds it on a shared machine.
  const serverTree = serverPids.flatMap((pid) => processTree(pid));
  const cpuBefore = cpuSeconds(serverTree);
  const max = await drive(closed, seconds, cycle);
  const cpuUsed = cpuSeconds(serverTree) - cpuBefore;
  report(`${label} closed loop`, max);
  if (serverPids.length > 0) printFigure(`${label} closed loop app cpu per judgment`, (cpuUsed * 1000) / max.judgments, "ms");
  for (const share of SHARES) {
    const rate = judgmentsPerSecond(max) * share;
    const phase = await driveOpenLoop({ workers, rate, seconds, cycle });
    const name = `${label} open loop ${share * 100}%`;
    printFigure(`${name} arrivals per second`, rate, "/s");
    report(name, phase);
    printFigure(`${name} arrivals that waited for a free worker`, phase.waitedForWorker);
  }
}

export async function runOpenLoop(databaseUrl: string, pool: pg.Pool, { workers, seconds, items }: Options) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const seed = (slug: string) => seedSubmitBench(client, { slug, items, workers: Math.max(workers, OPEN_LOOP_WORKERS) });
  const [oneWorkers, twoWorkers, rawWorkers] = [await seed("bench-api-1"), await seed("bench-api-2"), await seed("bench-raw")];
  await client.end();
  printFigure("closed loop workers", workers);
  const servers: AppServer[] = [];
  try {
    servers.push(await startAppServer(databaseUrl));
    const one = [createJsonClient(servers[0].baseUrl, OPEN_LOOP_WORKERS)];
    await measureTarget("api x1", {
      workers: oneWorkers,
      closedLoopWorkers: workers,
      seconds,
      cycle: apiCycle(one, "bench-api-1", oneWorkers),
      serverPids: [servers[0].pid],
    });
    servers.push(await startAppServer(databaseUrl));
    const two = servers.map((server) => createJsonClient(server.baseUrl, OPEN_LOOP_WORKERS));
    await measureTarget("api x2", {
      workers: twoWorkers,
      closedLoopWorkers: workers,
      seconds,
      cycle: apiCycle(two, "bench-api-2", twoWorkers),
      serverPids: servers.map((server) => server.pid),
    });
  } finally {
    for (const server of servers) await server.stop();
  }
  await measureTarget("raw sql", { workers: rawWorkers, closedLoopWorkers: workers, seconds, cycle: rawCycle(pool, "bench-raw") });
}
