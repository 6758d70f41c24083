// What the app phase of the dialogue benchmark cost and what the machine was like meanwhile: the CPU
// used by the app server's processes and by the PostgreSQL backends serving its connections (the
// benchmark's own excluded), as shares of one core, and how long a bare `SELECT 1` took. On a shared
// machine this says whether a slow turn waited for the app's own work or for everyone else's.
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import { cpuSeconds, processTree } from "./process-usage";
import { latencyFigures } from "./stats";

const PING_EVERY_MS = 100;

async function backendCpu(client: pg.Client): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
  return new Map(rows.map(({ pid }) => [pid, cpuSeconds([pid])]));
}

async function pingUntil(client: pg.Client, stopped: () => boolean, samplesMs: number[]) {
  while (!stopped()) {
    const started = performance.now();
    await client.query("SELECT 1");
    samplesMs.push(performance.now() - started);
    await sleep(PING_EVERY_MS);
  }
}

export async function startMachineMeter(client: pg.Client, serverPid: number): Promise<{ stop: () => Promise<[string, number, string][]> }> {
  const startedAt = performance.now();
  const serverBefore = cpuSeconds(processTree(serverPid));
  const backendsBefore = await backendCpu(client);
  const pings: number[] = [];
  let stopped = false;
  const pinging = pingUntil(client, () => stopped, pings);
  return {
    stop: async () => {
      stopped = true;
      await pinging;
      const seconds = (performance.now() - startedAt) / 1000;
      const server = cpuSeconds(processTree(serverPid)) - serverBefore;
      let database = 0;
      for (const [pid, used] of await backendCpu(client)) database += used - (backendsBefore.get(pid) ?? 0);
      return [["app server cpu", (server / seconds) * 100, "%"], ["database cpu", (database / seconds) * 100, "%"], ...latencyFigures("database ping", pings)];
    },
  };
}
