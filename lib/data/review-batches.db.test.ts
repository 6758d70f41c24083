import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db/prisma";
import { setBatchStatus } from "@/lib/data/batches";
import { claimTask } from "@/lib/data/claim-task";
import { sendTurnsForReview } from "@/lib/data/review-batches";
import { recordJudgment } from "@/lib/data/submit-judgment";
import { splitOf } from "@/lib/exports/run-export";
import { createConversationFixture, HELPFUL_SCRIPT, holdConversation, type ConversationFixture } from "@/lib/testing/conversation-fixture";
import { createDialogueSetup } from "@/lib/testing/dialogue-fixture";
import { exportToBuffer } from "@/lib/testing/export-fixture";
import { jsonlRecords } from "@/lib/testing/export-read-back";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { runCli } from "@/lib/testing/run-cli";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";
import { createItemsRecord } from "@/prisma/factories";

let server: FakeOpenAiServer;
let fixture: ConversationFixture;
let admin: Awaited<ReturnType<typeof createTestUser>>;

beforeAll(async () => {
  server = await startFakeOpenAiServer();
  fixture = await createConversationFixture(server);
  admin = await createTestUser("ADMIN");
});

afterAll(async () => {
  await server.close();
});

const itemWithCandidates = (id: string) =>
  db().item.findUniqueOrThrow({
    where: { id },
    select: {
      context: true,
      meta: true,
      candidates: { orderBy: { position: "asc" }, select: { position: true, text: true, model: true, meta: true, referenceRank: true } },
    },
  });

/** What a project holds: batches, items and review audit events, to show a refusal stored nothing. */
async function stored(projectId: string) {
  const batches = await db().batch.findMany({ where: { projectId }, select: { id: true } });
  const events = await db().auditEvent.count({ where: { action: "batch.review", targetId: { in: batches.map((batch) => batch.id) } } });
  return { batches: batches.length, items: await db().item.count({ where: { projectId } }), events };
}

describe("sending live turns for review", () => {
  it("copies each answered turn as an ordinary item of a new draft batch: same context, same candidates, no reference", async () => {
    const target = await createTestProject({ judgmentKind: "PAIRWISE", judgmentsPerItem: 3 });
    const sent = await sendTurnsForReview({ actor: admin, sourceProjectSlug: fixture.helpful.project.slug, targetProjectSlug: target.slug });
    expect(sent).toMatchObject({ projectSlug: target.slug, itemCount: HELPFUL_SCRIPT.turns.length, turns: HELPFUL_SCRIPT.turns.length, edits: 0, k: 3 });

    const batch = await db().batch.findUniqueOrThrow({ where: { id: sent.batchId } });
    expect(batch).toMatchObject({ projectId: target.id, status: "DRAFT", sourceFormat: "review", itemCount: 3, createdById: admin.id });
    const turns = await db().conversationTurn.findMany({ where: { conversationId: fixture.helpful.conversationId }, orderBy: { index: "asc" } });
    const copies = await db().item.findMany({ where: { batchId: batch.id }, orderBy: { position: "asc" } });
    expect(copies.map((copy) => copy.position)).toEqual([1, 2, 3]);
    for (const [i, turn] of turns.entries()) {
      const original = await itemWithCandidates(turn.itemId!);
      const copy = await itemWithCandidates(copies[i].id);
      expect(copy.meta).toEqual({ source: "review", sourceItemId: turn.itemId });
      expect(copy.context).toEqual(original.context);
      expect(copy.candidates).toEqual(original.candidates.map((candidate) => ({ ...candidate, referenceRank: null })));
      expect(copy.candidates.every((candidate) => candidate.model?.startsWith("endpoint-"))).toBe(true);
      expect(copies[i]).toMatchObject({ judgmentCount: 0, isComplete: false, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    expect(await db().auditEvent.findMany({ where: { action: "batch.review", targetId: batch.id } })).toMatchObject([
      { actorId: admin.id, targetType: "batch", after: { source: fixture.helpful.project.slug, target: target.slug, turns: 3, edits: 0, status: "DRAFT" } },
    ]);
  });

  it("copies only the turns not sent before, and refuses when there are none, storing nothing", async () => {
    const { project, worker } = await createDialogueSetup(server, { models: ["ok:length=70", "ok:length=150"] });
    const target = await createTestProject({ judgmentKind: "PAIRWISE" });
    await holdConversation(worker, project.slug, { turns: [{ message: "First?", answer: { strength: 2 } }], end: { rating: 3 } });
    const first = await sendTurnsForReview({ actor: admin, sourceProjectSlug: project.slug, targetProjectSlug: target.slug });
    expect(first.itemCount).toBe(1);

    await holdConversation(worker, project.slug, {
      turns: [
        { message: "Second?", answer: { strength: -3 } },
        { message: "Third?", answer: { strength: 4 } },
      ],
    });
    const second = await sendTurnsForReview({ actor: admin, sourceProjectSlug: project.slug, targetProjectSlug: target.slug });
    expect(second.itemCount).toBe(2);
    const copied = await db().item.findMany({ where: { batchId: second.batchId }, orderBy: { position: "asc" }, select: { context: true } });
    expect(copied.map((item) => (item.context as { content: string }[]).at(-1)!.content)).toEqual(["Second?", "Third?"]);

    const before = await stored(target.id);
    await expect(sendTurnsForReview({ actor: admin, sourceProjectSlug: project.slug, targetProjectSlug: target.slug })).rejects.toThrow("is already in");
    expect(await stored(target.id)).toEqual(before);
  });

  it("adds the edits as pairs when asked, and sets the target's k when given, audited", async () => {
    const target = await createTestProject({ judgmentKind: "PAIRWISE", judgmentsPerItem: 1 });
    const sent = await sendTurnsForReview({
      actor: admin,
      sourceProjectSlug: fixture.helpful.project.slug,
      targetProjectSlug: target.slug,
      includeEdits: true,
      k: 3,
    });
    expect(sent).toMatchObject({ itemCount: 4, turns: 3, edits: 1, k: 3 });
    const turn = await db().conversationTurn.findFirstOrThrow({ where: { conversationId: fixture.helpful.conversationId, index: 1 } });
    const copies = await db().item.findMany({ where: { batchId: sent.batchId }, orderBy: { position: "asc" }, select: { id: true, meta: true } });
    expect(copies.map((copy) => (copy.meta as { sourceItemId: string }).sourceItemId).slice(1, 3)).toEqual([turn.itemId, turn.editItemId]);
    const editCopy = await itemWithCandidates(copies[2].id);
    expect(editCopy.candidates.map((candidate) => [candidate.text, candidate.model])).toEqual([
      [turn.reply, null],
      [expect.any(String), expect.stringMatching(/^endpoint-/)],
    ]);
    expect(await db().project.findUniqueOrThrow({ where: { id: target.id }, select: { judgmentsPerItem: true } })).toEqual({ judgmentsPerItem: 3 });
    expect(await db().auditEvent.findMany({ where: { action: "project.update", targetId: target.id } })).toMatchObject([
      { actorId: admin.id, before: { judgmentsPerItem: 1 }, after: { judgmentsPerItem: 3 } },
    ]);
  });

  it("refuses a target of the wrong kind with the reason, and stores nothing", async () => {
    const source = fixture.helpful.project.slug;
    const cases: [Parameters<typeof createTestProject>[0], string][] = [
      [{ judgmentKind: "RANKING" }, "is a RANKING project, but the turns of"],
      [{ judgmentKind: "DIALOGUE" }, "send them to a PAIRWISE project"],
    ];
    for (const [settings, message] of cases) {
      const target = await createTestProject(settings);
      await expect(sendTurnsForReview({ actor: admin, sourceProjectSlug: source, targetProjectSlug: target.slug })).rejects.toThrow(message);
      expect(await stored(target.id)).toEqual({ batches: 0, items: 0, events: 0 });
    }
    const pairwise = await createTestProject({ judgmentKind: "PAIRWISE" });
    await expect(sendTurnsForReview({ actor: admin, sourceProjectSlug: pairwise.slug, targetProjectSlug: fixture.redTeam.project.slug })).rejects.toThrow(
      "is not a live-conversation (DIALOGUE) project",
    );
    await expect(sendTurnsForReview({ actor: admin, sourceProjectSlug: source, targetProjectSlug: source })).rejects.toThrow("cannot review its own turns");
    const worker = await createTestUser();
    await expect(sendTurnsForReview({ actor: worker, sourceProjectSlug: source, targetProjectSlug: pairwise.slug })).rejects.toThrow("may not send turns");
    expect(await stored(pairwise.id)).toEqual({ batches: 0, items: 0, events: 0 });
  });

  it("sends turns of three samples only to a ranking project whose items rank three", async () => {
    const { project, worker } = await createDialogueSetup(server, {
      models: ["ok:length=60", "ok:length=120", "ok:length=180"],
      project: { samplesPerTurn: 3 },
    });
    await holdConversation(worker, project.slug, { turns: [{ message: "Rank us.", answer: { ranking: ["C", "A", "B"] } }], end: { rating: 5 } });
    const pairwise = await createTestProject({ judgmentKind: "PAIRWISE" });
    await expect(sendTurnsForReview({ actor: admin, sourceProjectSlug: project.slug, targetProjectSlug: pairwise.slug })).rejects.toThrow(
      "have 3 samples: send them to a RANKING project",
    );
    const rankingOfFour = await createTestProject({ judgmentKind: "RANKING" });
    await createItemsRecord(db(), { projectId: rankingOfFour.id, count: 1, candidates: 4 });
    await expect(sendTurnsForReview({ actor: admin, sourceProjectSlug: project.slug, targetProjectSlug: rankingOfFour.slug })).rejects.toThrow(
      "ranks 4 responses an item",
    );
    const ranking = await createTestProject({ judgmentKind: "RANKING" });
    await expect(sendTurnsForReview({ actor: admin, sourceProjectSlug: project.slug, targetProjectSlug: ranking.slug, includeEdits: true })).rejects.toThrow(
      "Edits are pairs",
    );
    const sent = await sendTurnsForReview({ actor: admin, sourceProjectSlug: project.slug, targetProjectSlug: ranking.slug });
    expect(sent.itemCount).toBe(1);
    expect(await db().candidate.count({ where: { item: { batchId: sent.batchId } } })).toBe(3);
  });

  it("lets other workers judge the copies like any task; their export keeps the conversation's split", async () => {
    const target = await createTestProject({ judgmentKind: "PAIRWISE", judgmentsPerItem: 2 });
    const sent = await sendTurnsForReview({ actor: admin, sourceProjectSlug: fixture.redTeam.project.slug, targetProjectSlug: target.slug });
    await setBatchStatus({ actor: admin, input: { batchId: sent.batchId, status: "ACTIVE" } });
    for (const reviewer of [await createTestUser(), await createTestUser()]) {
      for (let n = 0; n < sent.itemCount; n++) {
        const assignmentId = await claimTask(pool(), { workerId: reviewer.id, projectSlug: target.slug });
        await recordJudgment(pool(), {
          workerId: reviewer.id,
          assignmentId: assignmentId!,
          answer: { strength: 2, idempotencyKey: `review-${reviewer.id}-${n}` },
        });
      }
    }
    const { bytes, manifest } = await exportToBuffer({ format: "judgments", projects: [target.slug], testFraction: 0.5 });
    const records = jsonlRecords(bytes);
    expect(records).toHaveLength(sent.itemCount * 2);
    expect(manifest.counts.annotators).toBe(2);
    for (const record of records) expect(record.split).toBe(splitOf(fixture.redTeam.conversationId, 0.5));
  });
});

describe("preflab review create", () => {
  it("sends the turns as the admin given by --as, and refuses a wrong target with exit code 1", async () => {
    const target = await createTestProject({ judgmentKind: "PAIRWISE" });
    const source = fixture.redTeam.project.slug;
    const run = await runCli(["review", "create", "--from", source, "--to", target.slug, "--as", admin.email]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const batch = await db().batch.findFirstOrThrow({ where: { projectId: target.id } });
    expect(run.stdout).toBe(
      `Sent 2 turns of ${source} to ${target.slug} as the draft batch "${batch.name}" (${batch.id}), k = 1. Activate it on its batch page to let workers judge it.\n`,
    );
    expect(await db().auditEvent.findFirstOrThrow({ where: { action: "batch.review", targetId: batch.id } })).toMatchObject({ actorId: admin.id });

    const ranking = await createTestProject({ judgmentKind: "RANKING" });
    const refused = await runCli(["review", "create", "--from", source, "--to", ranking.slug, "--as", admin.email]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error: ${ranking.slug} is a RANKING project, but the turns of ${source} have 2 samples: send them to a PAIRWISE project`);
    expect(await stored(ranking.id)).toEqual({ batches: 0, items: 0, events: 0 });
  });
});
