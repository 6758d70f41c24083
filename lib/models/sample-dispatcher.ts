import "server-only";
// Every app process runs this loop: it fails samples whose generating process died (no progress past
// their endpoint's timeout) and starts samples still waiting, after a restart or once their endpoint has
// a free slot. Claims are row-locked, so processes running it side by side never start a sample twice.
import { pool } from "@/lib/db/prisma";
import { failStaleSamples, findPendingSamples } from "@/lib/data/conversation-samples";
import { samplesInFlight, startGeneration } from "@/lib/models/generation";

const TICK_MS = 1000;
const BATCH = 20;

const globalForDispatcher = globalThis as unknown as { preflabDispatcher?: NodeJS.Timeout };

export async function dispatchSamplesOnce(): Promise<void> {
  const stale = await failStaleSamples(pool());
  if (stale > 0) console.warn(`[models] ${stale} turn(s) had samples left streaming by a stopped process; marked failed`);
  startGeneration((await findPendingSamples(pool(), BATCH)).filter((id) => !samplesInFlight().has(id)));
}

export function startSampleDispatcher(): void {
  if (globalForDispatcher.preflabDispatcher) return;
  let running = false;
  globalForDispatcher.preflabDispatcher = setInterval(() => {
    if (running) return;
    running = true;
    dispatchSamplesOnce()
      .catch((error) => console.error(`[models] the sample dispatcher's round failed: ${error instanceof Error ? error.message : error}`))
      .finally(() => (running = false));
  }, TICK_MS).unref();
}
