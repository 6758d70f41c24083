import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import { findProjectQuality } from "@/lib/data/quality/project-quality";
import { db } from "@/lib/db/prisma";
import { kendallW, midRanks } from "@/lib/quality/kendall-w";
import { createTestProject, createTestUsers } from "@/lib/testing/factories";
import { createItemsRecord } from "@/prisma/factories";

// Each worker's ranking, best first, of the item's responses in their stored order (labels are per worker).
const ORDERS = [
  [0, 1, 2],
  [0, 2, 1],
  [2, 1, 0],
];

describe("ranking agreement", () => {
  it("gives Kendall's W over items of three responses ranked by several workers, as the definition computes it", async () => {
    const project = await createTestProject({ judgmentKind: "RANKING", judgmentsPerItem: 3 });
    await createItemsRecord(db(), { projectId: project.id, count: 2, candidates: 3 });
    const workers = await createTestUsers(3);
    const expected = new Map<string, number[][]>();
    for (const [w, worker] of workers.entries()) {
      for (let task = 0; task < 2; task++) {
        const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
        const assignment = await db().assignment.findUniqueOrThrow({
          where: { id: assignmentId },
          include: { item: { include: { candidates: { orderBy: { position: "asc" } } } } },
        });
        const stored = assignment.item.candidates.map((candidate) => candidate.id);
        const labelOf = (id: string) => "ABC"[assignment.displayOrder.indexOf(id)];
        const order = ORDERS[(w + task) % ORDERS.length].map((index) => stored[index]);
        await submitJudgment({ actor: worker, assignmentId, input: { ranking: order.map(labelOf), idempotencyKey: `w-${assignmentId}` } });
        expected.set(assignment.itemId, [
          ...(expected.get(assignment.itemId) ?? []),
          midRanks(
            order.map((id) => [id]),
            stored,
          ),
        ]);
      }
    }
    const quality = await findProjectQuality(project.slug, { rounds: 20 });
    const perItem = [...expected.values()].map((ranks) => kendallW(ranks)!);
    expect(quality.rankings).toMatchObject({ items: 2 });
    expect(quality.rankings!.value).toBeCloseTo(perItem.reduce((sum, w) => sum + w, 0) / perItem.length, 10);
  });
});
