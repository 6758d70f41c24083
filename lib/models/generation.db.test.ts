import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db/prisma";
import { claimSample, failStaleSamples } from "@/lib/data/conversation-samples";
import { regenerateSample, sendMessage } from "@/lib/data/conversation-turns";
import { getConversationView } from "@/lib/data/conversation-view";
import { abandonConversation, startConversation } from "@/lib/data/conversations";
import { samplesInFlight } from "@/lib/models/generation";
import { dispatchSamplesOnce } from "@/lib/models/sample-dispatcher";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";
import { createDialogueSetup, settledSamples, waitFor } from "@/lib/testing/dialogue-fixture";

let server: FakeOpenAiServer;

beforeAll(async () => {
  server = await startFakeOpenAiServer();
});

afterAll(async () => {
  await server.close();
});

async function conversationWith(models: string[], options: { timeoutSeconds?: number; project?: Record<string, unknown> } = {}) {
  const setup = await createDialogueSetup(server, { models, ...options });
  const { conversationId } = await startConversation({ actor: setup.worker, projectSlug: setup.project.slug, input: {} });
  return { ...setup, conversationId };
}

async function sendAndSettle(models: string[], options: { timeoutSeconds?: number } = {}) {
  const setup = await conversationWith(models, options);
  const sent = await sendMessage({
    actor: setup.worker,
    conversationId: setup.conversationId,
    input: { content: "Tell me something.", idempotencyKey: `send-${Math.random()}` },
  });
  const samples = await settledSamples(sent.turnId);
  const byModel = (modelId: string) => samples.find((sample) => setup.endpoints.find((e) => e.id === sample.endpointId)!.modelId === modelId)!;
  return { ...setup, sent, samples, byModel };
}

describe("an endpoint that misbehaves", () => {
  it.each([
    ["500:times=3", "server-error", "HTTP 500"],
    ["cutoff:after=12", "cut-off", "without a finish reason"],
    ["malformed:after=8", "invalid", "JSON"],
    ["garbage", "invalid", "text/html"],
    ["empty", "empty", "without any text"],
  ])("%s fails its sample (%s) with the exact error kept for admins, and nothing of it becomes a candidate", async (model, kind, detail) => {
    const { byModel, sent, worker, conversationId, endpoints } = await sendAndSettle(["ok:length=50", model]);
    expect(byModel("ok:length=50").status).toBe("COMPLETE");
    expect(byModel(model)).toMatchObject({ status: "FAILED", failureKind: kind, candidateId: null });
    expect(byModel(model).error).toContain(detail);
    const turn = await db().conversationTurn.findUniqueOrThrow({ where: { id: sent.turnId } });
    expect(turn.itemId).toBeNull();
    const view = await getConversationView({ actor: worker, conversationId });
    const failed = view.current!.samples.find((sample) => sample.status === "failed")!;
    expect(failed.failure).toMatch(/You can regenerate it\.$/);
    for (const endpoint of endpoints) expect(JSON.stringify(view)).not.toContain(endpoint.name);
    expect(JSON.stringify(view)).not.toContain(byModel(model).error!);
  });

  it("stalled past its timeout fails as a timeout and the request to it is closed", async () => {
    const { byModel } = await sendAndSettle(["ok:length=40", "stall:after=5"], { timeoutSeconds: 1 });
    expect(byModel("stall:after=5")).toMatchObject({ status: "FAILED", failureKind: "timeout" });
    await waitFor(async () => (server.activeStreams() === 0 ? true : undefined), { what: "the stalled request to be closed" });
  });

  it("answering 429 with Retry-After is retried after the wait, and the sample completes", async () => {
    const model = `429:times=1,retry=1,length=60,seed=${Date.now()}`;
    const started = Date.now();
    const { byModel } = await sendAndSettle(["ok:length=40", model]);
    expect(byModel(model).status).toBe("COMPLETE");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("a failed sample is regenerated as a new attempt from nothing, and the turn then becomes an item", async () => {
    const model = `500:times=3,seed=${Date.now()}`;
    const { byModel, sent, worker, conversationId } = await sendAndSettle(["ok:length=40", model]);
    await expect(regenerateSample({ actor: worker, conversationId, turnId: sent.turnId, label: "Z" })).rejects.toThrow("has not failed");
    const label = String.fromCharCode(65 + byModel(model).label);
    await regenerateSample({ actor: worker, conversationId, turnId: sent.turnId, label });
    const samples = await settledSamples(sent.turnId);
    const regenerated = samples.find((sample) => sample.label === byModel(model).label)!;
    expect(regenerated).toMatchObject({ status: "COMPLETE", attempt: 2, failureKind: null, error: null });
    const turn = await waitFor(async () => (await db().conversationTurn.findUniqueOrThrow({ where: { id: sent.turnId } })).itemId ?? undefined);
    expect(await db().candidate.count({ where: { itemId: turn } })).toBe(2);
  });
});

describe("generation", () => {
  it("stops the request to the model when the worker leaves the conversation", async () => {
    const { worker, conversationId } = await conversationWith(["stall:after=5", "stall:after=5"], { timeoutSeconds: 60 });
    const sent = await sendMessage({ actor: worker, conversationId, input: { content: "Go on.", idempotencyKey: "send-leave-1" } });
    await waitFor(async () => (server.activeStreams() >= 2 ? true : undefined), { what: "both requests to be streaming" });
    await abandonConversation({ actor: worker, conversationId });
    await waitFor(async () => (server.activeStreams() === 0 ? true : undefined), { timeoutMs: 5000, what: "the requests to be closed" });
    const samples = await settledSamples(sent.turnId);
    expect(samples.map((sample) => [sample.status, sample.failureKind])).toEqual([
      ["FAILED", "cancelled"],
      ["FAILED", "cancelled"],
    ]);
  });

  it("keeps an endpoint within its limit of concurrent requests; the waiting sample starts once a slot frees", async () => {
    const { worker, conversationId, endpoints } = await conversationWith(["slow:delay=10,length=80"], { project: { pairingRule: "SAME_MODEL" } });
    await db().modelEndpoint.update({ where: { id: endpoints[0].id }, data: { maxConcurrent: 1 } });
    const sent = await sendMessage({ actor: worker, conversationId, input: { content: "One at a time.", idempotencyKey: "send-limit-1" } });
    let most = 0;
    const samples = await waitFor(async () => {
      await dispatchSamplesOnce();
      const rows = await db().turnSample.findMany({ where: { turnId: sent.turnId } });
      most = Math.max(most, rows.filter((row) => row.status === "STREAMING").length);
      return rows.every((row) => row.status === "COMPLETE") ? rows : undefined;
    });
    expect(samples).toHaveLength(2);
    expect(most).toBe(1);
  });

  it("gives a pending sample to one process only, however many claim it at once", async () => {
    const { worker, conversationId, endpoints } = await conversationWith(["ok:length=30", "ok:length=30"]);
    await db().modelEndpoint.updateMany({ where: { id: { in: endpoints.map((e) => e.id) } }, data: { maxConcurrent: 0 } });
    const sent = await sendMessage({ actor: worker, conversationId, input: { content: "Claim race.", idempotencyKey: "send-race-1" } });
    await waitFor(async () => (samplesInFlight().size === 0 ? true : undefined), { what: "the refused claims to end" });
    await db().modelEndpoint.updateMany({ where: { id: { in: endpoints.map((e) => e.id) } }, data: { maxConcurrent: 4 } });
    const [sample] = await db().turnSample.findMany({ where: { turnId: sent.turnId }, orderBy: { label: "asc" } });
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimSample(pool(), sample.id)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("fails a sample whose generating process stopped (no progress past the endpoint's timeout)", async () => {
    const { worker, conversationId } = await conversationWith(["stall:after=5", "ok:length=30"], { timeoutSeconds: 60 });
    const sent = await sendMessage({ actor: worker, conversationId, input: { content: "Crash.", idempotencyKey: "send-stale-1" } });
    // The stalled sample has written what it will write (its last write set the heartbeat), the other is done.
    await waitFor(async () => {
      const samples = await db().turnSample.findMany({ where: { turnId: sent.turnId } });
      return samples.some((sample) => sample.status === "STREAMING" && sample.text.length >= 5) && samples.some((sample) => sample.status === "COMPLETE")
        ? true
        : undefined;
    });
    await db().$executeRaw`UPDATE turn_samples SET heartbeat_at = now() - interval '10 minutes' WHERE turn_id = ${sent.turnId}::uuid AND status = 'STREAMING'`;
    expect(await failStaleSamples(pool())).toBeGreaterThan(0);
    const stale = await db().turnSample.findFirstOrThrow({ where: { turnId: sent.turnId, failureKind: "stopped" } });
    expect(stale.status).toBe("FAILED");
    await abandonConversation({ actor: worker, conversationId });
  });
});
