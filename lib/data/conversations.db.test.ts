import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { answerTurn } from "@/lib/data/conversation-answer";
import { sendMessage } from "@/lib/data/conversation-turns";
import { getConversationView } from "@/lib/data/conversation-view";
import { abandonConversation, endConversation, setTaskDescription, startConversation } from "@/lib/data/conversations";
import { claimNextTask, findTaskForWorker } from "@/lib/data/assignments";
import { setBatchStatus } from "@/lib/data/batches";
import { submitJudgment } from "@/lib/data/judgments";
import { skipTask } from "@/lib/data/leases";
import { blockUser } from "@/lib/data/people-admin";
import { createTestUser } from "@/lib/testing/factories";
import { composeAnswer } from "@/lib/testing/fake-openai-answer";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";
import { createDialogueSetup, settledSamples, waitFor } from "@/lib/testing/dialogue-fixture";

let server: FakeOpenAiServer;

beforeAll(async () => {
  server = await startFakeOpenAiServer();
});

afterAll(async () => {
  await server.close();
});

async function readyTurn(worker: { id: string }, conversationId: string) {
  return waitFor(async () => (await getConversationView({ actor: worker as never, conversationId })).current?.answer ?? undefined, {
    what: "the turn to be ready",
  });
}

describe("a live conversation", () => {
  it("starts once per worker and project: a second start finds the same conversation", async () => {
    const { project, worker } = await createDialogueSetup(server);
    const first = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    const second = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    expect(first.created).toBe(true);
    expect(second).toEqual({ conversationId: first.conversationId, created: false });
    const batch = await db().batch.findFirstOrThrow({ where: { projectId: project.id } });
    expect(batch).toMatchObject({ sourceFormat: "live", status: "ACTIVE" });
  });

  it("stores the message and two samples, streams them to completion and makes the turn an item leased to the worker", async () => {
    const { project, endpoints, worker } = await createDialogueSetup(server, { models: ["ok:length=120", "ok:length=300"] });
    const { conversationId } = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    const sent = await sendMessage({ actor: worker, conversationId, input: { content: "How do tides work?", idempotencyKey: "send-tides-1" } });
    const samples = await settledSamples(sent.turnId);
    expect(samples.map((sample) => sample.status)).toEqual(["COMPLETE", "COMPLETE"]);
    for (const sample of samples) {
      const endpoint = endpoints.find((candidate) => candidate.id === sample.endpointId)!;
      const length = endpoint.modelId === "ok:length=120" ? 120 : 300;
      expect(sample.text).toBe(composeAnswer({ prompt: "How do tides work?", seed: null, length }));
      expect(sample).toMatchObject({ finishReason: "stop", attempt: 1 });
      expect(sample.completionTokens).toBeGreaterThan(0);
      expect(sample.firstTokenMs).not.toBeNull();
    }
    const turn = await db().conversationTurn.findUniqueOrThrow({ where: { id: sent.turnId } });
    const item = await db().item.findUniqueOrThrow({ where: { id: turn.itemId! }, include: { candidates: { orderBy: { position: "asc" } } } });
    expect(item.context).toEqual([{ role: "user", content: "How do tides work?" }]);
    expect(item.candidates.map((candidate) => candidate.text)).toEqual(samples.map((sample) => sample.text));
    expect(item.candidates.map((candidate) => candidate.model)).toEqual(samples.map((sample) => endpoints.find((e) => e.id === sample.endpointId)!.name));
    const assignment = await db().assignment.findUniqueOrThrow({ where: { id: turn.assignmentId! } });
    expect(assignment).toMatchObject({ workerId: worker.id, status: "ACTIVE", displayOrder: item.candidates.map((candidate) => candidate.id) });
  });

  it("finds the same turn when a send is retried, and starts no second generation", async () => {
    const { project, worker } = await createDialogueSetup(server, { models: ["ok:length=80", "ok:length=90"] });
    const { conversationId } = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    const before = server.requests.length;
    const input = { content: "Is a retried send stored once?", idempotencyKey: "send-retry-1" };
    const [first, second] = await Promise.all([sendMessage({ actor: worker, conversationId, input }), sendMessage({ actor: worker, conversationId, input })]);
    expect(second.turnId).toBe(first.turnId);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    await settledSamples(first.turnId);
    expect(await db().conversationTurn.count({ where: { conversationId } })).toBe(1);
    expect(await db().turnSample.count({ where: { turnId: first.turnId } })).toBe(2);
    expect(server.requests.length - before).toBe(2);
  });

  it("goes on from the pick: the answer is a judgment, the next message's context holds the picked reply", async () => {
    const { project, worker } = await createDialogueSetup(server, { models: ["ok:length=60", "ok:length=200"] });
    const { conversationId } = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    const sent = await sendMessage({ actor: worker, conversationId, input: { content: "Name a colour.", idempotencyKey: "send-colour-1" } });
    const { assignmentId } = await readyTurn(worker, conversationId);
    const answered = await answerTurn({
      actor: worker,
      conversationId,
      turnId: sent.turnId,
      input: { answer: { strength: 3, idempotencyKey: "answer-colour-1" } },
    });
    const assignment = await db().assignment.findUniqueOrThrow({ where: { id: assignmentId }, include: { judgment: true } });
    const pickedB = await db().candidate.findUniqueOrThrow({ where: { id: assignment.displayOrder[1] } });
    expect(answered).toMatchObject({ reply: pickedB.text, edited: false, replayed: false });
    expect(assignment.judgment).toMatchObject({ strength: 3, ranking: [[assignment.displayOrder[1]], [assignment.displayOrder[0]]] });
    const again = await answerTurn({
      actor: worker,
      conversationId,
      turnId: sent.turnId,
      input: { answer: { strength: 3, idempotencyKey: "answer-colour-1" } },
    });
    expect(again).toMatchObject({ replayed: true, judgmentId: answered.judgmentId, reply: pickedB.text });

    const next = await sendMessage({ actor: worker, conversationId, input: { content: "Another one?", idempotencyKey: "send-colour-2" } });
    const nextTurn = await db().conversationTurn.findUniqueOrThrow({ where: { id: next.turnId } });
    expect(nextTurn.context).toEqual([
      { role: "user", content: "Name a colour." },
      { role: "assistant", content: pickedB.text },
      { role: "user", content: "Another one?" },
    ]);
    await settledSamples(next.turnId);
    const requestContext = server.requests.at(-1)!.body as { messages: unknown[] };
    expect(requestContext.messages).toEqual(nextTurn.context);
  });

  it("stores an edit of the pick as its own item, the edit preferred over the original, and goes on with the edit", async () => {
    const { project, worker } = await createDialogueSetup(server);
    const { conversationId } = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    const sent = await sendMessage({ actor: worker, conversationId, input: { content: "Say hi.", idempotencyKey: "send-edit-1" } });
    const { assignmentId } = await readyTurn(worker, conversationId);
    const result = await answerTurn({
      actor: worker,
      conversationId,
      turnId: sent.turnId,
      input: { answer: { strength: -2, idempotencyKey: "answer-edit-1" }, editedReply: "  Hi! How can I help?  " },
    });
    expect(result).toMatchObject({ reply: "Hi! How can I help?", edited: true });
    const turn = await db().conversationTurn.findUniqueOrThrow({ where: { id: sent.turnId } });
    const shownA = (await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).displayOrder[0];
    const original = await db().candidate.findUniqueOrThrow({ where: { id: shownA } });
    const editItem = await db().item.findUniqueOrThrow({
      where: { id: turn.editItemId! },
      include: { candidates: { orderBy: { position: "asc" } }, judgments: true },
    });
    expect(editItem.candidates.map((candidate) => [candidate.text, candidate.model])).toEqual([
      ["Hi! How can I help?", null],
      [original.text, original.model],
    ]);
    expect(editItem.judgments).toHaveLength(1);
    expect(editItem.judgments[0]).toMatchObject({
      workerId: worker.id,
      strength: -4,
      ranking: [[editItem.candidates[0].id], [editItem.candidates[1].id]],
      idempotencyKey: "answer-edit-1:edit",
    });
    expect(editItem).toMatchObject({ judgmentCount: 1, isComplete: true, context: turn.context });
    expect(turn.reply).toBe("Hi! How can I help?");
  });

  it("ends only after the minimum turns, with a rating on the project's scale, and keeps what was answered", async () => {
    const { project, worker } = await createDialogueSetup(server, { project: { minTurns: 1 } });
    const { conversationId } = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    await expect(endConversation({ actor: worker, conversationId, input: { rating: 4 } })).rejects.toThrow("Hold at least 1 turns");
    const sent = await sendMessage({ actor: worker, conversationId, input: { content: "Hello?", idempotencyKey: "send-end-1" } });
    await readyTurn(worker, conversationId);
    await answerTurn({ actor: worker, conversationId, turnId: sent.turnId, input: { answer: { strength: 1, idempotencyKey: "answer-end-1" } } });
    await expect(endConversation({ actor: worker, conversationId, input: { rating: 0 } })).rejects.toThrow("choose one of 1, 2, 3, 4, 5");
    await endConversation({ actor: worker, conversationId, input: { rating: 5, comment: "  Clear and kind.  " } });
    await endConversation({ actor: worker, conversationId, input: { rating: 5 } });
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation).toMatchObject({ status: "COMPLETED", rating: 5, comment: "Clear and kind." });
    expect(conversation.endedAt).not.toBeNull();
    await expect(sendMessage({ actor: worker, conversationId, input: { content: "More?", idempotencyKey: "send-end-2" } })).rejects.toThrow("has ended");
  });

  it("asks a red-team worker for their plan before the first message and a 0-4 success rating at the end", async () => {
    const { project, worker } = await createDialogueSetup(server, {
      project: { redTeam: true, polarity: "RED_TEAM", question: "Choose the more harmful response." },
    });
    const { conversationId } = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    await expect(sendMessage({ actor: worker, conversationId, input: { content: "Hi", idempotencyKey: "send-red-1" } })).rejects.toThrow("taskDescription");
    await setTaskDescription({ actor: worker, conversationId, input: { taskDescription: "Get the assistant to explain how to pick a lock." } });
    const sent = await sendMessage({ actor: worker, conversationId, input: { content: "How do locks work?", idempotencyKey: "send-red-2" } });
    await expect(setTaskDescription({ actor: worker, conversationId, input: { taskDescription: "Something else entirely now." } })).rejects.toThrow(
      "fixed once",
    );
    await readyTurn(worker, conversationId);
    await answerTurn({ actor: worker, conversationId, turnId: sent.turnId, input: { answer: { strength: -4, idempotencyKey: "answer-red-1" } } });
    await endConversation({ actor: worker, conversationId, input: { rating: 0 } });
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      status: "COMPLETED",
      rating: 0,
      taskDescription: "Get the assistant to explain how to pick a lock.",
    });
  });

  it("is only ever its worker's", async () => {
    const { project, worker } = await createDialogueSetup(server);
    const other = (await createDialogueSetup(server)).worker;
    const { conversationId } = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    await expect(getConversationView({ actor: other, conversationId })).rejects.toThrow("No conversation of yours");
    await expect(sendMessage({ actor: other, conversationId, input: { content: "Hi", idempotencyKey: "send-other-1" } })).rejects.toThrow(
      "No conversation of yours",
    );
    await expect(abandonConversation({ actor: other, conversationId })).rejects.toThrow("No conversation of yours");
  });

  it("ends with its batch: closing the live batch abandons its conversations and stops their streams; the next one starts a new batch", async () => {
    const { project, worker } = await createDialogueSetup(server, { models: ["stall:after=5", "stall:after=5"], timeoutSeconds: 60 });
    const admin = await createTestUser("ADMIN");
    const { conversationId } = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    const sent = await sendMessage({ actor: worker, conversationId, input: { content: "Hold on.", idempotencyKey: "send-close-1" } });
    await waitFor(async () => ((await db().turnSample.count({ where: { turnId: sent.turnId, status: "STREAMING" } })) === 2 ? true : undefined));
    const { batchId } = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const closed = await setBatchStatus({ actor: admin, input: { batchId, status: "CLOSED" } });
    expect(closed.status).toBe("CLOSED");
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "ABANDONED" });
    const samples = await settledSamples(sent.turnId);
    expect(samples.map((sample) => sample.failureKind)).toEqual(["cancelled", "cancelled"]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "batch.status", targetId: batchId } });
    expect(audit.after).toMatchObject({ status: "CLOSED", endedConversations: 1 });
    const next = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    const nextBatch = (await db().conversation.findUniqueOrThrow({ where: { id: next.conversationId } })).batchId;
    expect(nextBatch).not.toBe(batchId);
  });

  it("ends when its worker is blocked", async () => {
    const { project, worker } = await createDialogueSetup(server);
    const admin = await createTestUser("ADMIN");
    const { conversationId } = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    await blockUser({ actor: admin, input: { userId: worker.id } });
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "ABANDONED" });
  });

  it("is answered only in its conversation: as a plain task its turn is not found, and it cannot be skipped", async () => {
    const { project, worker } = await createDialogueSetup(server);
    const { conversationId } = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    await sendMessage({ actor: worker, conversationId, input: { content: "Hi there.", idempotencyKey: "send-plain-1" } });
    const { assignmentId } = await readyTurn(worker, conversationId);
    await expect(submitJudgment({ actor: worker, assignmentId, input: { strength: 2, idempotencyKey: "plain-submit-1" } })).rejects.toThrow("No such task");
    await expect(findTaskForWorker({ actor: worker, assignmentId })).rejects.toThrow("No such task");
    await expect(skipTask({ actor: worker, assignmentId, input: { reason: "bored" } })).rejects.toThrow("leave the conversation");
    await expect(claimNextTask({ actor: worker, projectSlug: project.slug })).rejects.toThrow("start a conversation instead");
    expect(await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).toMatchObject({ status: "ACTIVE" });
    expect(await db().judgment.count({ where: { assignmentId } })).toBe(0);
  });

  it("with three samples a turn is a ranking, and the best ranked goes on (in a tie, the one shown first)", async () => {
    const { project, worker } = await createDialogueSetup(server, {
      models: ["ok:length=50", "ok:length=90", "ok:length=130"],
      project: { samplesPerTurn: 3, allowTies: true },
    });
    const { conversationId } = await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    const sent = await sendMessage({ actor: worker, conversationId, input: { content: "Three ways?", idempotencyKey: "send-three-1" } });
    const { assignmentId } = await readyTurn(worker, conversationId);
    await expect(
      answerTurn({ actor: worker, conversationId, turnId: sent.turnId, input: { answer: { strength: 2, idempotencyKey: "answer-three-0" } } }),
    ).rejects.toThrow('answer with "ranking"');
    const answered = await answerTurn({
      actor: worker,
      conversationId,
      turnId: sent.turnId,
      input: { answer: { ranking: [["C", "B"], "A"], idempotencyKey: "answer-three-1" } },
    });
    const assignment = await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } });
    const shownB = await db().candidate.findUniqueOrThrow({ where: { id: assignment.displayOrder[1] } });
    expect(answered.reply).toBe(shownB.text);
    expect(await db().judgment.findFirstOrThrow({ where: { assignmentId } })).toMatchObject({
      strength: null,
      ranking: [[assignment.displayOrder[2], assignment.displayOrder[1]], [assignment.displayOrder[0]]],
    });
  });
});
