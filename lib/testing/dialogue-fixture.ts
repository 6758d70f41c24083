// Live-conversation tests: a fake OpenAI-compatible server, endpoints on it, a DIALOGUE project and a
// worker, and a way to wait for what generation does in the background.
import { db } from "@/lib/db/prisma";
import type { Actor } from "@/lib/data/users";
import { createDialogueProjectRecord, createEndpointRecord } from "@/prisma/factories";
import { createTestUser } from "@/lib/testing/factories";
import type { FakeOpenAiServer } from "@/lib/testing/fake-openai-server";

export async function createDialogueSetup(
  server: FakeOpenAiServer,
  { models = ["ok", "ok"], project = {}, timeoutSeconds = 5 }: { models?: string[]; project?: Record<string, unknown>; timeoutSeconds?: number } = {},
) {
  const endpoints = [];
  for (const modelId of models) endpoints.push(await createEndpointRecord(db(), { modelId, baseUrl: server.baseUrl, timeoutSeconds }));
  const created = await createDialogueProjectRecord(db(), { endpointIds: endpoints.map((endpoint) => endpoint.id), ...project });
  const worker: Actor = await createTestUser();
  return { project: created, endpoints, worker };
}

/** Polls until check returns something other than undefined, or fails after timeoutMs. */
export async function waitFor<T>(check: () => Promise<T | undefined>, { timeoutMs = 15_000, what = "the condition" } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until every sample of the turn is complete or failed, and returns them in label order. */
export async function settledSamples(turnId: string) {
  return waitFor(
    async () => {
      const samples = await db().turnSample.findMany({ where: { turnId }, orderBy: { label: "asc" } });
      return samples.every((sample) => sample.status === "COMPLETE" || sample.status === "FAILED") ? samples : undefined;
    },
    { what: `the samples of turn ${turnId}` },
  );
}
