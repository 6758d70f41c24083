import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { env } from "@/lib/env";
import { db } from "@/lib/db/prisma";
import { answerChoosing, leasedItem } from "@/lib/testing/check-answers";
import { createTestProject, createTestUser, createTestUsers } from "@/lib/testing/factories";

/** A batch of two-response items, each naming the models of its responses. */
async function createModelPairs(projectId: string, pairs: [string, string][]) {
  const batch = await db().batch.create({ data: { projectId, name: "pairs", sourceFormat: "preflab", status: "ACTIVE", itemCount: pairs.length } });
  for (const [index, models] of pairs.entries()) {
    await db().item.create({
      data: {
        projectId,
        batchId: batch.id,
        position: index + 1,
        context: [{ role: "user", content: `Question ${index + 1}?` }],
        candidates: { create: models.map((model, position) => ({ position, text: `${model} answers ${index + 1}`, model })) },
      },
    });
  }
  return batch;
}

/** Twelve judged battles of alpha against beta, alpha winning most. */
async function judgeAlphaAgainstBeta(projectSlug: string, projectId: string) {
  for (const [index, worker] of (await createTestUsers(12)).entries()) {
    const assignmentId = (await claimNextTask({ actor: worker, projectSlug }))!;
    const { item } = await leasedItem(assignmentId);
    const candidates = await db().candidate.findMany({ where: { itemId: item.id }, orderBy: { position: "asc" } });
    const alpha = candidates.find((candidate) => candidate.model === "alpha")!;
    const beta = candidates.find((candidate) => candidate.model === "beta")!;
    await answerChoosing(worker, assignmentId, index % 4 === 0 ? beta.id : alpha.id);
  }
  expect(await db().judgment.count({ where: { projectId } })).toBe(12);
}

describe("ADAPTIVE pairing of imported model-vs-model items", () => {
  it("offers the pair that narrows the ratings most before the next item in file order", async () => {
    const project = await createTestProject({ judgmentsPerItem: 12 });
    const plain = await createTestProject({ judgmentsPerItem: 12 });
    for (const each of [project, plain]) {
      await createModelPairs(each.id, [
        ["alpha", "beta"],
        ["alpha", "beta"],
        ["beta", "gamma"],
      ]);
      await judgeAlphaAgainstBeta(each.slug, each.id);
    }
    await db().project.update({ where: { id: project.id }, data: { pairingRule: "ADAPTIVE" } });
    const worker = await createTestUser();
    const adaptive = await leasedItem((await claimNextTask({ actor: worker, projectSlug: project.slug }))!);
    const models = (await db().candidate.findMany({ where: { itemId: adaptive.item.id } })).map((candidate) => candidate.model).sort();
    // alpha-beta has twelve battles and gamma none: one comparison with gamma narrows far more.
    expect(models).toEqual(["beta", "gamma"]);
    // Without ADAPTIVE the first item is full (k = 12), so the next in file order comes: alpha-beta again.
    const inOrder = await leasedItem((await claimNextTask({ actor: worker, projectSlug: plain.slug }))!);
    expect(inOrder.item.position).toBe(2);
  });

  it("reads the battles in the claim's own transaction, so as many claims as the pool has connections all go through", async () => {
    const project = await createTestProject({ pairingRule: "ADAPTIVE" });
    const size = env().DATABASE_POOL_SIZE;
    await createModelPairs(
      project.id,
      Array.from({ length: size }, (_, i) => (i % 2 === 0 ? ["alpha", "beta"] : ["beta", "gamma"])),
    );
    const workers = await createTestUsers(size);
    // Each claim holds a connection; were the battles read on another one, a full pool would wait on itself.
    const claimed = await Promise.all(workers.map((worker) => claimNextTask({ actor: worker, projectSlug: project.slug })));
    expect(claimed.every(Boolean)).toBe(true);
    expect(await db().assignment.count({ where: { projectId: project.id, status: "ACTIVE" } })).toBe(size);
  });

  it("falls back to file order for items that do not name two models", async () => {
    const project = await createTestProject({ pairingRule: "ADAPTIVE" });
    await createModelPairs(project.id, [
      ["same", "same"],
      ["same", "same"],
    ]);
    const worker = await createTestUser();
    const first = await leasedItem((await claimNextTask({ actor: worker, projectSlug: project.slug }))!);
    expect(first.item.position).toBe(1);
  });
});
