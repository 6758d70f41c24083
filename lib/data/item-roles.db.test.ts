import { describe, expect, it } from "vitest";
import { setItemRole } from "@/lib/data/item-roles";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { findCounterDrift } from "@/lib/testing/worker-counter-checks";
import { setItemRoleBodySchema } from "@/lib/validations/item-role";
import { parseInput } from "@/lib/validations/parse";

async function batchOfTwo({ k = 2 }: { k?: number } = {}) {
  const project = await createTestProject({ judgmentsPerItem: k });
  const batch = await createItemsRecord(db(), { projectId: project.id, count: 2 });
  const items = await db().item.findMany({
    where: { batchId: batch.id },
    orderBy: { position: "asc" },
    select: { id: true, candidates: { select: { id: true }, orderBy: { position: "asc" } } },
  });
  return { project, batch, items, admin: await createTestUser("ADMIN") };
}

async function stored(itemId: string) {
  return db().item.findUniqueOrThrow({
    where: { id: itemId },
    select: { role: true, isComplete: true, referenceNote: true, candidates: { select: { referenceRank: true }, orderBy: { position: "asc" } } },
  });
}

describe("setItemRole", () => {
  it("makes a task gold with its best response and note, complete at once, and audits it", async () => {
    const { items, admin } = await batchOfTwo();
    const [item] = items;
    const result = await setItemRole({ actor: admin, itemId: item.id, role: "gold", best: item.candidates[1].id, note: " B cites its source " });
    expect(result).toMatchObject({ role: "gold", isComplete: true, referenceNote: "B cites its source" });
    expect(await stored(item.id)).toEqual({
      role: "GOLD",
      isComplete: true,
      referenceNote: "B cites its source",
      candidates: [{ referenceRank: 2 }, { referenceRank: 1 }],
    });
    expect(await findCounterDrift()).toEqual({});
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "item.role", targetId: item.id } });
    expect(audit).toMatchObject({
      actorId: admin.id,
      targetType: "item",
      before: { role: "task", referenceRanks: [1, 2], note: null },
      after: { role: "gold", referenceRanks: [2, 1], note: "B cites its source" },
    });
  });

  it("makes a check item a task again, complete only with k plus its extra judgments", async () => {
    const { items, admin } = await batchOfTwo({ k: 2 });
    const [item] = items;
    await setItemRole({ actor: admin, itemId: item.id, role: "attention" });
    // Two judgments counted on the item (as a submit keeps them) and one more wanted by overlap.
    await db().item.update({ where: { id: item.id }, data: { judgmentCount: 2, extraJudgments: 1 } });
    expect(await setItemRole({ actor: admin, itemId: item.id, role: "task" })).toMatchObject({ role: "task", isComplete: false });
    expect(await stored(item.id)).toMatchObject({ role: "TASK", isComplete: false });

    await setItemRole({ actor: admin, itemId: item.id, role: "practice" });
    await db().item.update({ where: { id: item.id }, data: { extraJudgments: 0 } });
    expect(await setItemRole({ actor: admin, itemId: item.id, role: "task", note: null })).toMatchObject({ isComplete: true, referenceNote: null });
    expect(await findCounterDrift()).toEqual({});
  });

  it("refuses a check item without a usable reference, naming the field, and changes nothing", async () => {
    const { items, admin } = await batchOfTwo();
    const [item, other] = items;
    await db().candidate.updateMany({ where: { itemId: item.id }, data: { referenceRank: null } });
    await expect(setItemRole({ actor: admin, itemId: item.id, role: "gold" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [{ field: "best", message: expect.stringMatching(/^a gold item needs a reference preference: a rank on every response and exactly one best/) }],
    });
    await db().candidate.updateMany({ where: { itemId: item.id }, data: { referenceRank: 1 } });
    await expect(setItemRole({ actor: admin, itemId: item.id, role: "practice" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [{ field: "best" }],
    });
    await expect(setItemRole({ actor: admin, itemId: item.id, role: "gold", best: other.candidates[0].id })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [{ field: "best", message: "not a response of this item" }],
    });
    expect(await stored(item.id)).toMatchObject({ role: "TASK", isComplete: false, candidates: [{ referenceRank: 1 }, { referenceRank: 1 }] });
    expect(await db().auditEvent.count({ where: { action: "item.role", targetId: item.id } })).toBe(0);
  });

  it("refuses other roles than admins, unknown items and unknown fields", async () => {
    const { items } = await batchOfTwo();
    for (const role of ["RESEARCHER", "WORKER"] as const) {
      const actor = await createTestUser(role);
      await expect(setItemRole({ actor, itemId: items[0].id, role: "gold" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const admin = await createTestUser("ADMIN");
    await expect(setItemRole({ actor: admin, itemId: "not-an-id", role: "gold" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setItemRole({ actor: admin, itemId: "00000000-0000-4000-8000-000000000000", role: "gold" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(() => parseInput(setItemRoleBodySchema, { role: "gold", notes: "why" })).toThrow("notes: unknown field; did you mean note?");
    expect(() => parseInput(setItemRoleBodySchema, { role: "golden" })).toThrow("role: use task, gold, attention, practice");
    expect(await stored(items[0].id)).toMatchObject({ role: "TASK" });
  });
});
