// The CPU the app phase of the dialogue benchmark used, as a share of one core: the app server's
// processes, and the PostgreSQL backends serving its connections (the benchmark's own excluded). On a
// shared machine this says whether a slow turn waited for the app's own work or for someone else's.
import type pg from "pg";
import { cpuSeconds, processTree } from "./process-usage";

async function backendCpu(client: pg.Client): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
  return new Map(rows.map(({ pid }) => [pid, cpuSeconds([pid])]));
}

export async function startCpuMeter(client: pg.Client, serverPid: number): Promise<{ stop: () => Promise<[string, number, string][]> }> {
  const startedAt = performance.now();
  const serverBefore = cpuSeconds(processTree(serverPid));
  const backendsBefore = await backendCpu(client);
  return {
    stop: async () => {
      const seconds = (performance.now() - startedAt) / 1000;
      const server = cpuSeconds(processTree(serverPid)) - serverBefore;
      let database = 0;
      for (const [pid, used] of await backendCpu(client)) database += used - (backendsBefore.get(pid) ?? 0);
      return [
        ["app server cpu", (server / seconds) * 100, "%"],
        ["database cpu", (database / seconds) * 100, "%"],
      ];
    },
  };
}
