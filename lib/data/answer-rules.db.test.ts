import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

async function leasedTask(options: Parameters<typeof createTestProject>[0] = {}, candidates = 2) {
  const project = await createTestProject(options);
  await createItemsRecord(db(), { projectId: project.id, count: 1, candidates });
  const worker = await createTestUser();
  const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
  const assignment = await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } });
  return { project, worker, assignmentId, assignment };
}

async function storedJudgment(assignmentId: string) {
  return db().judgment.findUniqueOrThrow({ where: { assignmentId } });
}

describe("submitJudgment under the project's answer rules", () => {
  it("stores a 7-point 'about the same' as strength 0 and one group of both responses", async () => {
    const { worker, assignmentId, assignment } = await leasedTask({ pairwiseScale: "SEVEN_POINT" });
    await submitJudgment({ actor: worker, assignmentId, input: { strength: 0, idempotencyKey: "seven-point-tie" } });
    expect(await storedJudgment(assignmentId)).toMatchObject({ strength: 0, ranking: [assignment.displayOrder], bothBad: false });
  });

  it("stores 'both bad' with no ranking or strength, and counts it toward k", async () => {
    const { worker, assignmentId, assignment } = await leasedTask({ allowBothBad: true, judgmentsPerItem: 1 });
    await submitJudgment({ actor: worker, assignmentId, input: { bothBad: true, idempotencyKey: "both-bad-once" } });
    expect(await storedJudgment(assignmentId)).toMatchObject({ bothBad: true, ranking: [], strength: null });
    const item = await db().item.findUniqueOrThrow({ where: { id: assignment.itemId } });
    expect(item).toMatchObject({ judgmentCount: 1, isComplete: true });
    expect((await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).status).toBe("SUBMITTED");
  });

  it("stores flags keyed by the candidate id the worker saw under each label", async () => {
    const flagOptions = [
      { id: "harmful", label: "Harmful" },
      { id: "off-topic", label: "Off topic" },
    ];
    const { worker, assignmentId, assignment } = await leasedTask({ flagOptions });
    const [shownA, shownB] = assignment.displayOrder;
    await submitJudgment({
      actor: worker,
      assignmentId,
      input: { strength: 2, flags: { A: ["harmful"], B: ["off-topic", "off-topic", "harmful"] }, idempotencyKey: "flags-by-id" },
    });
    expect((await storedJudgment(assignmentId)).flags).toEqual({ [shownA]: ["harmful"], [shownB]: ["off-topic", "harmful"] });
  });

  it("stores a ranking of four responses with a tie when the project allows ties", async () => {
    const { worker, assignmentId, assignment } = await leasedTask({ judgmentKind: "RANKING", allowTies: true }, 4);
    const [a, b, c, d] = assignment.displayOrder;
    await submitJudgment({ actor: worker, assignmentId, input: { ranking: ["D", ["A", "C"], "B"], idempotencyKey: "four-with-tie" } });
    expect(await storedJudgment(assignmentId)).toMatchObject({ ranking: [[d], [a, c], [b]], strength: null, bothBad: false });
  });

  it("refuses a tie when the project does not allow ties, and stores nothing", async () => {
    const { worker, assignmentId } = await leasedTask({ judgmentKind: "RANKING" }, 4);
    await expect(
      submitJudgment({ actor: worker, assignmentId, input: { ranking: ["D", ["A", "C"], "B"], idempotencyKey: "tie-not-allowed" } }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", details: [expect.objectContaining({ field: "ranking" })] });
    await expectNothingStored(assignmentId);
  });

  it("refuses a missing rationale when the project requires one, and stores nothing", async () => {
    const { worker, assignmentId } = await leasedTask({ rationaleMode: "REQUIRED", rationaleMinLength: 20 });
    await expect(submitJudgment({ actor: worker, assignmentId, input: { strength: -1, idempotencyKey: "no-rationale" } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [expect.objectContaining({ field: "rationale" })],
    });
    await expectNothingStored(assignmentId);
  });
});

// The lease stays as it was: no judgment, no count, not submitted.
async function expectNothingStored(assignmentId: string) {
  expect(await db().judgment.findMany({ where: { assignmentId } })).toHaveLength(0);
  const assignment = await db().assignment.findUniqueOrThrow({ where: { id: assignmentId }, include: { item: true } });
  expect(assignment.status).toBe("ACTIVE");
  expect(assignment.item.judgmentCount).toBe(0);
}
