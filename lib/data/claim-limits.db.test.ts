import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import { findProjectsForWorker } from "@/lib/data/worker-projects";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { startInsidePeriod } from "@/lib/testing/clock-period";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

async function answer(worker: { id: string; email: string; name: string | null; role: "WORKER" | "RESEARCHER" | "ADMIN" }, assignmentId: string) {
  await submitJudgment({ actor: worker, assignmentId, input: { strength: 1, idempotencyKey: `a-${assignmentId}` } });
}

describe("maximum open leases", () => {
  it("gives new items up to the maximum, then the oldest lease back", async () => {
    const project = await createTestProject({ maxOpenLeases: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 5 });
    const worker = await createTestUser();
    const first = await claimNextTask({ actor: worker, projectSlug: project.slug });
    // Two claims can fall in one millisecond; the first is made clearly older.
    await db().assignment.update({ where: { id: first! }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const second = await claimNextTask({ actor: worker, projectSlug: project.slug });
    expect(second).not.toBe(first);
    expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).toBe(first);
    const leases = await db().assignment.findMany({ where: { workerId: worker.id, status: "ACTIVE" } });
    expect(leases).toHaveLength(2);
    expect(new Set(leases.map((lease) => lease.itemId)).size).toBe(2);
    await answer(worker, first!);
    const third = await claimNextTask({ actor: worker, projectSlug: project.slug });
    expect([first, second]).not.toContain(third);
  });

  it("never leases a worker an item they already hold, even while it has slots left", async () => {
    const project = await createTestProject({ maxOpenLeases: 3, judgmentsPerItem: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 2 });
    const worker = await createTestUser();
    const first = await claimNextTask({ actor: worker, projectSlug: project.slug });
    const second = await claimNextTask({ actor: worker, projectSlug: project.slug });
    expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).toBeNull();
    const leases = await db().assignment.findMany({ where: { workerId: worker.id } });
    expect(leases.map((lease) => lease.id).sort()).toEqual([first, second].sort());
    expect(new Set(leases.map((lease) => lease.itemId)).size).toBe(2);
  });
});

describe("daily cap", () => {
  it("counts today's judgments and live leases, then refuses with the limit", async () => {
    await startInsidePeriod("day");
    const project = await createTestProject({ dailyCap: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 5 });
    const worker = await createTestUser();
    await answer(worker, (await claimNextTask({ actor: worker, projectSlug: project.slug }))!);
    const held = await claimNextTask({ actor: worker, projectSlug: project.slug });
    // The held lease is returned (it is not a new task) ...
    expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).toBe(held);
    await answer(worker, held!);
    // ... but a third task today is refused.
    await expect(claimNextTask({ actor: worker, projectSlug: project.slug })).rejects.toMatchObject({
      code: "DAILY_CAP_REACHED",
      message: "You have reached today's limit of 2 tasks in this project",
    });
    expect(await db().assignment.count({ where: { workerId: worker.id } })).toBe(2);
    const [listed] = (await findProjectsForWorker({ actor: worker })).filter((row) => row.slug === project.slug);
    expect(listed).toMatchObject({ dailyCap: 2, capReached: true, doneToday: 2 });
    // Judgments of earlier days do not count.
    await db().judgment.updateMany({ where: { workerId: worker.id }, data: { createdAt: new Date(Date.now() - 36 * 3600_000) } });
    expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).not.toBeNull();
  });

  it("counts live leases against the cap when several may be held", async () => {
    const project = await createTestProject({ dailyCap: 1, maxOpenLeases: 3 });
    await createItemsRecord(db(), { projectId: project.id, count: 3 });
    const worker = await createTestUser();
    await claimNextTask({ actor: worker, projectSlug: project.slug });
    await expect(claimNextTask({ actor: worker, projectSlug: project.slug })).rejects.toMatchObject({ code: "DAILY_CAP_REACHED" });
    expect(await db().assignment.count({ where: { workerId: worker.id } })).toBe(1);
  });
});

describe("access groups", () => {
  it("opens a project with groups only to their members, in claims and in the task list", async () => {
    const project = await createTestProject();
    await createItemsRecord(db(), { projectId: project.id, count: 2 });
    const group = await db().group.create({ data: { name: `experts-${project.slug}` } });
    await db().projectGroup.create({ data: { projectId: project.id, groupId: group.id } });
    const [member, outsider] = [await createTestUser(), await createTestUser()];
    await db().groupMember.create({ data: { groupId: group.id, userId: member.id } });

    expect(await claimNextTask({ actor: member, projectSlug: project.slug })).not.toBeNull();
    await expect(claimNextTask({ actor: outsider, projectSlug: project.slug })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This project is not open to you",
    });
    expect(await db().assignment.count({ where: { workerId: outsider.id } })).toBe(0);
    expect((await findProjectsForWorker({ actor: member })).map((row) => row.slug)).toContain(project.slug);
    expect((await findProjectsForWorker({ actor: outsider })).map((row) => row.slug)).not.toContain(project.slug);
  });

  it("leaves a project without groups open to everyone", async () => {
    const project = await createTestProject();
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const worker = await createTestUser();
    expect((await findProjectsForWorker({ actor: worker })).map((row) => row.slug)).toContain(project.slug);
    expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).not.toBeNull();
  });
});
