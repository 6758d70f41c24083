// What the app phase of the dialogue benchmark cost and what the machine was like meanwhile: the CPU
// used by the app server's processes and by the PostgreSQL backends serving its connections (the
// benchmark's own excluded), as shares of one core; how long a bare `SELECT 1` took on a connection of
// its own; and how long the server took to send a static file, which needs its event loop and no
// database. On a shared machine these say whether a slow turn waited for the database, for the
// server's event loop, or for something in between (its connection pool).
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import type { AppServer } from "./bench-server";
import { cpuSeconds, processTree } from "./process-usage";
import { latencyFigures } from "./stats";

const PING_EVERY_MS = 100;

async function backendCpu(client: pg.Client): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
  return new Map(rows.map(({ pid }) => [pid, cpuSeconds([pid])]));
}

async function pingUntil(stopped: () => boolean, ping: () => Promise<unknown>): Promise<number[]> {
  const samplesMs: number[] = [];
  while (!stopped()) {
    const started = performance.now();
    await ping();
    samplesMs.push(performance.now() - started);
    await sleep(PING_EVERY_MS);
  }
  return samplesMs;
}

export async function startMachineMeter(client: pg.Client, server: AppServer): Promise<{ stop: () => Promise<[string, number, string][]> }> {
  const startedAt = performance.now();
  const serverBefore = cpuSeconds(processTree(server.pid));
  const backendsBefore = await backendCpu(client);
  let stopped = false;
  const databasePings = pingUntil(
    () => stopped,
    () => client.query("SELECT 1"),
  );
  const serverPings = pingUntil(
    () => stopped,
    () => fetch(`${server.baseUrl}/robots.txt`).then((response) => response.arrayBuffer()),
  );
  return {
    stop: async () => {
      stopped = true;
      const pings = { database: await databasePings, server: await serverPings };
      const seconds = (performance.now() - startedAt) / 1000;
      const serverCpu = cpuSeconds(processTree(server.pid)) - serverBefore;
      let database = 0;
      for (const [pid, used] of await backendCpu(client)) database += used - (backendsBefore.get(pid) ?? 0);
      return [
        ["app server cpu", (serverCpu / seconds) * 100, "%"],
        ["database cpu", (database / seconds) * 100, "%"],
        ...latencyFigures("database ping", pings.database),
        ...latencyFigures("server static file", pings.server),
      ];
    },
  };
}
