// Data for the dialogue benchmark: two model endpoints on the fake model server (the same pace, seeds
// apart so the two samples differ, as two models would), a DIALOGUE project drawing on both, and a
// worker with an API token per conversation.
import type pg from "pg";
import { createPrismaClient } from "@/lib/db/connection";
import { createDialogueProjectRecord, createEndpointRecord } from "@/prisma/factories";
import { insertBenchWorker, type BenchWorker } from "./seed-submit";

export const DIALOGUE_SLUG = "bench-dialogue";

export type DialogueSeed = { workers: BenchWorker[]; samples: { modelId: string; seed: number }[] };

export async function seedDialogueBench(
  client: pg.Client,
  { url, modelsBaseUrl, modelId, conversations, turns }: { url: string; modelsBaseUrl: string; modelId: string; conversations: number; turns: number },
): Promise<DialogueSeed> {
  const samples = [1, 2].map((seed) => ({ modelId, seed }));
  const db = createPrismaClient(url, 2);
  try {
    const endpoints = [];
    for (const { seed } of samples) {
      // Every conversation's sample may stream at once: the endpoint's limit must not queue them.
      const options = { name: `bench-model-${seed}`, modelId, seed, baseUrl: modelsBaseUrl, maxConcurrent: conversations * 2, timeoutSeconds: 30 };
      endpoints.push(await createEndpointRecord(db, options));
    }
    // One more turn than measured: the first warms up.
    await createDialogueProjectRecord(db, { slug: DIALOGUE_SLUG, endpointIds: endpoints.map((endpoint) => endpoint.id), maxTurns: turns + 1 });
  } finally {
    await db.$disconnect();
  }
  const workers: BenchWorker[] = [];
  for (let n = 0; n < conversations; n++) workers.push(await insertBenchWorker(client, `dialogue-worker-${n}@bench.example`));
  return { workers, samples };
}
