import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { setBatchStatus } from "@/lib/data/batches";
import { importItems } from "@/lib/data/imports";
import { submitJudgment } from "@/lib/data/judgments";
import { skipTask } from "@/lib/data/leases";
import { updateProject } from "@/lib/data/projects";
import { findProjectsForWorker } from "@/lib/data/worker-projects";
import { sendTurnsForReview } from "@/lib/data/review-batches";
import type { Actor } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import { holdConversation } from "@/lib/testing/conversation-fixture";
import { createDialogueSetup } from "@/lib/testing/dialogue-fixture";
import { createTestProject, createTestUser, createTestUsers } from "@/lib/testing/factories";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";
import { textSource } from "@/lib/testing/hh-sample";
import { compareWorkerViews, findCounterDrift } from "@/lib/testing/worker-counter-checks";

let admin: Actor;
let server: FakeOpenAiServer;

beforeAll(async () => {
  admin = await createTestUser("ADMIN");
  server = await startFakeOpenAiServer();
});

afterAll(async () => {
  await server.close();
});

function jsonl(count: number, tag: string): string {
  return Array.from({ length: count }, (_, n) => JSON.stringify({ prompt: `${tag} question ${n}?`, responses: [{ text: `A ${n}` }, { text: `B ${n}` }] })).join(
    "\n",
  );
}

async function importBatch(projectSlug: string, count: number, { tag, activate }: { tag: string; activate: boolean }) {
  const result = await importItems({ actor: admin, projectSlug, source: textSource(jsonl(count, tag)), batchName: tag, activate });
  return result.batchId;
}

/** Claims the worker's next task in the project and answers it; false when none is open to them. */
async function judgeNext(worker: Actor, projectSlug: string, strength = -2): Promise<boolean> {
  const assignmentId = await claimNextTask({ actor: worker, projectSlug });
  if (!assignmentId) return false;
  await submitJudgment({ actor: worker, assignmentId, input: { strength, idempotencyKey: `count-${assignmentId}` } });
  return true;
}

async function skipNext(worker: Actor, projectSlug: string): Promise<boolean> {
  const assignmentId = await claimNextTask({ actor: worker, projectSlug });
  if (!assignmentId) return false;
  await skipTask({ actor: worker, assignmentId, input: { reason: "not my field" } });
  return true;
}

/** The counters equal the counts, in the whole database and in each worker's view of each project. */
async function expectCountersExact(projectIds: string[], workers: Actor[]) {
  expect(await findCounterDrift()).toEqual({});
  const { kept, counted } = await compareWorkerViews({ projectIds, workerIds: workers.map((worker) => worker.id) });
  expect(kept).toEqual(counted);
  return new Map(kept.map((row) => [`${(row as { slug: string }).slug}/${(row as { worker_id: string }).worker_id}`, row as { open: number }]));
}

describe("the worker counters", () => {
  it("equal count(*) through imports, judgments, skips, new k values, batch states and moved judgments", async () => {
    const project = await createTestProject({ judgmentsPerItem: 2 });
    const workers = await createTestUsers(3);
    const [alice, bob, carol] = workers;
    const first = await importBatch(project.slug, 6, { tag: "first", activate: true });
    expect((await expectCountersExact([project.id], workers)).get(`${project.slug}/${alice.id}`)).toMatchObject({ open: 6 });

    expect(await judgeNext(alice, project.slug)).toBe(true);
    expect(await judgeNext(alice, project.slug)).toBe(true);
    expect(await judgeNext(bob, project.slug)).toBe(true);
    expect(await skipNext(bob, project.slug)).toBe(true);
    expect(await skipNext(carol, project.slug)).toBe(true);
    const views = await expectCountersExact([project.id], workers);
    // Item 1 is complete (Alice and Bob), item 2 judged by Alice and skipped by Bob and Carol.
    expect(views.get(`${project.slug}/${alice.id}`)).toMatchObject({ open: 4 });
    expect(views.get(`${project.slug}/${bob.id}`)).toMatchObject({ open: 4 });

    // k lowered: items with one judgment complete at once; raised: they open again.
    await updateProject({ actor: admin, slug: project.slug, input: { judgmentsPerItem: 1 } });
    expect((await expectCountersExact([project.id], workers)).get(`${project.slug}/${carol.id}`)).toMatchObject({ open: 4 });
    await updateProject({ actor: admin, slug: project.slug, input: { judgmentsPerItem: 3 } });
    expect((await expectCountersExact([project.id], workers)).get(`${project.slug}/${carol.id}`)).toMatchObject({ open: 5 });

    const second = await importBatch(project.slug, 4, { tag: "second", activate: false });
    expect((await expectCountersExact([project.id], workers)).get(`${project.slug}/${carol.id}`)).toMatchObject({ open: 5 });
    await setBatchStatus({ actor: admin, input: { batchId: second, status: "ACTIVE" } });
    await setBatchStatus({ actor: admin, input: { batchId: first, status: "PAUSED" } });
    expect((await expectCountersExact([project.id], workers)).get(`${project.slug}/${carol.id}`)).toMatchObject({ open: 4 });
    expect(await judgeNext(carol, project.slug)).toBe(true);
    const held = await claimNextTask({ actor: alice, projectSlug: project.slug });
    expect(held).not.toBeNull();
    await setBatchStatus({ actor: admin, input: { batchId: second, status: "CLOSED" } });
    await setBatchStatus({ actor: admin, input: { batchId: first, status: "ACTIVE" } });
    await expectCountersExact([project.id], workers);

    // A judgment moved to another day leaves today's count and stays in the total.
    const before = (await findProjectsForWorker({ actor: alice })).find((row) => row.slug === project.slug)!;
    await db().$executeRaw`UPDATE judgments SET created_at = created_at - interval '2 days', time_spent_ms = time_spent_ms + 1000
      WHERE id = (SELECT id FROM judgments WHERE worker_id = ${alice.id}::uuid ORDER BY created_at LIMIT 1)`;
    await expectCountersExact([project.id], workers);
    const after = (await findProjectsForWorker({ actor: alice })).find((row) => row.slug === project.slug)!;
    expect(after).toMatchObject({ doneToday: before.doneToday - 1, doneTotal: before.doneTotal, timeSpentMs: before.timeSpentMs + 1000 });
  });

  it("equal count(*) after workers claim, submit and skip the same items at once", async () => {
    const project = await createTestProject({ judgmentsPerItem: 3, maxOpenLeases: 2 });
    await importBatch(project.slug, 12, { tag: "contended", activate: true });
    const workers = await createTestUsers(6);
    // Every worker works until nothing is open to them, each skipping every third task. A worker can find
    // nothing while the rest is leased by others, and a skip then gives an item back: rounds go on until one
    // in which nobody got a task, when no lease is held and nothing is left open to anyone.
    for (let round = 0; ; round++) {
      const worked = await Promise.all(
        workers.map(async (worker, w) => {
          let tasks = 0;
          for (let task = round; ; task++, tasks++) {
            const more = (task + w) % 3 === 0 ? await skipNext(worker, project.slug) : await judgeNext(worker, project.slug);
            if (!more) return tasks;
          }
        }),
      );
      if (worked.every((tasks) => tasks === 0)) break;
    }
    const views = await expectCountersExact([project.id], workers);
    expect([...views.values()].every((row) => row.open === 0)).toBe(true);
    const complete = await db().item.count({ where: { projectId: project.id, isComplete: true } });
    expect(complete).toBeGreaterThan(0);
  });

  it("equal count(*) through live conversation turns and the review batches made from them", async () => {
    const { project: live, worker: talker } = await createDialogueSetup(server, { models: ["ok:length=60", "ok:length=90"] });
    await holdConversation(talker, live.slug, {
      turns: [
        { message: "Hello?", answer: { strength: 2 } },
        { message: "And then?", answer: { strength: -1 }, editedReply: "Then this, edited." },
      ],
      end: { rating: 4 },
    });
    const target = await createTestProject({ judgmentKind: "PAIRWISE", judgmentsPerItem: 2 });
    const workers = await createTestUsers(2);
    await expectCountersExact([live.id, target.id], [talker, ...workers]);

    const review = await sendTurnsForReview({ actor: admin, sourceProjectSlug: live.slug, targetProjectSlug: target.slug });
    await setBatchStatus({ actor: admin, input: { batchId: review.batchId, status: "ACTIVE" } });
    expect((await expectCountersExact([target.id], workers)).get(`${target.slug}/${workers[0].id}`)).toMatchObject({ open: review.itemCount });
    expect(await judgeNext(workers[0], target.slug)).toBe(true);
    expect(await skipNext(workers[1], target.slug)).toBe(true);
    expect(await judgeNext(workers[1], target.slug)).toBe(true);
    await expectCountersExact([live.id, target.id], [talker, ...workers]);
  });
});
