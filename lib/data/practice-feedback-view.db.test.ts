import { describe, expect, it } from "vitest";
import { practiceFeedbackForWorker } from "@/lib/data/practice-feedback-view";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

describe("practiceFeedbackForWorker", () => {
  it("gives the reference in the labels the worker saw, and only for the worker's own assignment", async () => {
    const project = await createTestProject({ judgmentKind: "RANKING" });
    const worker = await createTestUser();
    const batch = await createItemsRecord(db(), { projectId: project.id, count: 1, candidates: 3, role: "PRACTICE" });
    const item = await db().item.findFirstOrThrow({ where: { batchId: batch.id }, include: { candidates: { orderBy: { position: "asc" } } } });
    const [first, second, third] = item.candidates.map((c) => c.id);
    // Shown as A = third, B = first, C = second.
    const assignment = await db().assignment.create({
      data: {
        projectId: project.id,
        itemId: item.id,
        workerId: worker.id,
        displayOrder: [third, first, second],
        leaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    const practice = {
      correct: false,
      reference: [[first], [second, third]],
      note: "Why",
      answered: 1,
      correctSoFar: 0,
      total: 3,
      passMark: 0.6,
      outcome: "PRACTISING" as const,
    };
    expect(await practiceFeedbackForWorker({ actor: worker, assignmentId: assignment.id, practice })).toEqual({ ...practice, reference: [["B"], ["A", "C"]] });
    await expect(practiceFeedbackForWorker({ actor: await createTestUser(), assignmentId: assignment.id, practice })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
