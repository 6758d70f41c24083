import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

async function leasedTask(options: Parameters<typeof createTestProject>[0] = {}, candidates = 2) {
  const project = await createTestProject(options);
  await createItemsRecord(db(), { projectId: project.id, count: 2, candidates });
  const worker = await createTestUser();
  const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
  const assignment = await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } });
  return { project, worker, assignmentId, assignment };
}

async function storedJudgments(assignmentId: string) {
  return db().judgment.findMany({ where: { assignmentId } });
}

describe("submitJudgment", () => {
  it("stores the answer as candidate ids best first, submits the assignment and counts the judgment", async () => {
    const { worker, assignmentId, assignment } = await leasedTask({ rationaleMode: "OPTIONAL" });
    const [shownA, shownB] = assignment.displayOrder;
    const result = await submitJudgment({
      actor: worker,
      assignmentId,
      input: { strength: -3, rationale: "  A is kinder.  ", idempotencyKey: "submit-stores-1" },
    });
    expect(result.replayed).toBe(false);
    const [judgment] = await storedJudgments(assignmentId);
    expect(judgment).toMatchObject({
      id: result.judgmentId,
      workerId: worker.id,
      itemId: assignment.itemId,
      ranking: [[shownA], [shownB]],
      strength: -3,
      rationale: "A is kinder.",
      idempotencyKey: "submit-stores-1",
    });
    expect(judgment.timeSpentMs).toBeGreaterThanOrEqual(0);
    const after = await db().assignment.findUniqueOrThrow({ where: { id: assignmentId }, include: { item: true } });
    expect(after.status).toBe("SUBMITTED");
    expect(after.submittedAt).not.toBeNull();
    expect(after.item.judgmentCount).toBe(1);
  });

  it("ranks B first when the strength leans to B", async () => {
    const { worker, assignmentId, assignment } = await leasedTask();
    await submitJudgment({ actor: worker, assignmentId, input: { strength: 1, idempotencyKey: "lean-to-b-1" } });
    const [judgment] = await storedJudgments(assignmentId);
    expect(judgment.ranking).toEqual([[assignment.displayOrder[1]], [assignment.displayOrder[0]]]);
  });

  it("stores one judgment under 20 parallel retries with the same key, and answers each with it", async () => {
    const { worker, assignmentId, assignment } = await leasedTask();
    const input = { strength: 2, idempotencyKey: "parallel-retry-key" };
    const results = await Promise.all(Array.from({ length: 20 }, () => submitJudgment({ actor: worker, assignmentId, input })));
    const stored = await storedJudgments(assignmentId);
    expect(stored).toHaveLength(1);
    expect(new Set(results.map((r) => r.judgmentId))).toEqual(new Set([stored[0].id]));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const item = await db().item.findUniqueOrThrow({ where: { id: assignment.itemId } });
    expect(item.judgmentCount).toBe(1);
  });

  it("refuses a second answer to a submitted task under another key", async () => {
    const { worker, assignmentId } = await leasedTask();
    await submitJudgment({ actor: worker, assignmentId, input: { strength: 2, idempotencyKey: "first-answer" } });
    await expect(submitJudgment({ actor: worker, assignmentId, input: { strength: -2, idempotencyKey: "second-answer" } })).rejects.toMatchObject({
      code: "ALREADY_SUBMITTED",
    });
    expect(await storedJudgments(assignmentId)).toHaveLength(1);
  });

  it("refuses a key the worker already used for another task", async () => {
    const { project, worker, assignmentId } = await leasedTask();
    await submitJudgment({ actor: worker, assignmentId, input: { strength: 2, idempotencyKey: "used-once-only" } });
    const next = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
    await expect(submitJudgment({ actor: worker, assignmentId: next, input: { strength: 2, idempotencyKey: "used-once-only" } })).rejects.toMatchObject({
      code: "IDEMPOTENCY_KEY_REUSED",
      details: [{ field: "idempotencyKey" }],
    });
    expect(await storedJudgments(next)).toHaveLength(0);
    expect((await db().assignment.findUniqueOrThrow({ where: { id: next } })).status).toBe("ACTIVE");
  });

  it("refuses an expired lease and stores nothing", async () => {
    const { worker, assignmentId } = await leasedTask();
    await db().assignment.update({ where: { id: assignmentId }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    await expect(submitJudgment({ actor: worker, assignmentId, input: { strength: 2, idempotencyKey: "too-late-key" } })).rejects.toMatchObject({
      code: "LEASE_EXPIRED",
    });
    await expectNothingStored(assignmentId);
  });

  it("refuses another worker's task as not found and stores nothing", async () => {
    const { assignmentId } = await leasedTask();
    const stranger = await createTestUser();
    await expect(submitJudgment({ actor: stranger, assignmentId, input: { strength: 2, idempotencyKey: "not-my-task" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expectNothingStored(assignmentId);
  });

  it.each([
    { case: "strength 0", input: { strength: 0, idempotencyKey: "zero-strength" }, field: "strength" },
    { case: "no idempotency key", input: { strength: 2 }, field: "idempotencyKey" },
    { case: "ranking with labels the pair does not have", input: { ranking: ["A", "C"], idempotencyKey: "wrong-labels" }, field: "ranking" },
  ])("refuses $case as invalid input naming the field", async ({ input, field }) => {
    const { worker, assignmentId } = await leasedTask();
    await expect(submitJudgment({ actor: worker, assignmentId, input })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: expect.arrayContaining([expect.objectContaining({ field })]),
    });
    await expectNothingStored(assignmentId);
  });

  it("maps a ranking of three labels back to candidate ids through the display order", async () => {
    const { worker, assignmentId, assignment } = await leasedTask({ judgmentKind: "RANKING" }, 3);
    const [a, b, c] = assignment.displayOrder;
    await submitJudgment({ actor: worker, assignmentId, input: { ranking: ["C", "A", "B"], idempotencyKey: "rank-three-1" } });
    const [judgment] = await storedJudgments(assignmentId);
    expect(judgment.ranking).toEqual([[c], [a], [b]]);
    expect(judgment.strength).toBeNull();
  });
});

// The lease stays as it was: no judgment, no count, not submitted.
async function expectNothingStored(assignmentId: string) {
  expect(await storedJudgments(assignmentId)).toHaveLength(0);
  const assignment = await db().assignment.findUniqueOrThrow({ where: { id: assignmentId }, include: { item: true } });
  expect(assignment.status).toBe("ACTIVE");
  expect(assignment.item.judgmentCount).toBe(0);
}
