import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { claimNextTask, findTaskForWorker } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

describe("claimNextTask", () => {
  it("leases an open item with a stored random display order, and returns the same lease when asked again", async () => {
    const project = await createTestProject({ judgmentsPerItem: 1 });
    await createItemsRecord(db(), { projectId: project.id, count: 2 });
    const worker = await createTestUser();
    const first = await claimNextTask({ actor: worker, projectSlug: project.slug });
    const again = await claimNextTask({ actor: worker, projectSlug: project.slug });
    expect(first).not.toBeNull();
    expect(again).toBe(first);
    const assignment = await db().assignment.findUniqueOrThrow({ where: { id: first! }, include: { item: { include: { candidates: true } } } });
    expect([...assignment.displayOrder].sort()).toEqual(assignment.item.candidates.map((c) => c.id).sort());
    expect(assignment.leaseExpiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("never gives a worker an item they judged, and returns null when nothing is left", async () => {
    const project = await createTestProject({ judgmentsPerItem: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const worker = await createTestUser();
    const assignmentId = await claimNextTask({ actor: worker, projectSlug: project.slug });
    await submitJudgment({ actor: worker, assignmentId: assignmentId!, input: { strength: 2, idempotencyKey: "first-judgment" } });
    expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).toBeNull();
  });

  it("skips items whose k slots are held by live leases, and reuses them once the lease expires", async () => {
    const project = await createTestProject({ judgmentsPerItem: 1 });
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const [alice, bob] = [await createTestUser(), await createTestUser()];
    const leased = await claimNextTask({ actor: alice, projectSlug: project.slug });
    expect(await claimNextTask({ actor: bob, projectSlug: project.slug })).toBeNull();
    await db().assignment.update({ where: { id: leased! }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    const reclaimed = await claimNextTask({ actor: bob, projectSlug: project.slug });
    expect(reclaimed).not.toBeNull();
    expect(reclaimed).not.toBe(leased);
  });

  it("waits for an open item that another transaction holds instead of saying nothing is left", async () => {
    const project = await createTestProject({ judgmentsPerItem: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const [alice, bob] = [await createTestUser(), await createTestUser()];
    await claimNextTask({ actor: alice, projectSlug: project.slug });
    const item = await db().item.findFirstOrThrow({ where: { projectId: project.id } });
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("SELECT id FROM items WHERE id = $1 FOR UPDATE", [item.id]);
    const claim = claimNextTask({ actor: bob, projectSlug: project.slug });
    // Let go only once Bob's claim is waiting for the lock, or the test would not test the wait.
    const holderPid = (await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    await vi.waitFor(
      async () => {
        const [{ waiting }] = await db().$queryRaw<
          { waiting: number }[]
        >`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND ${holderPid}::int = ANY(pg_blocking_pids(pid))`;
        expect(waiting).toBe(1);
      },
      { timeout: 10_000, interval: 50 },
    );
    await holder.query("COMMIT");
    await holder.end();
    const assignment = await db().assignment.findUniqueOrThrow({ where: { id: (await claim)! } });
    expect(assignment).toMatchObject({ itemId: item.id, workerId: bob.id, status: "ACTIVE" });
  });

  it("marks an item complete when it reaches k judgments, and no longer offers it", async () => {
    const project = await createTestProject({ judgmentsPerItem: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    for (const worker of [await createTestUser(), await createTestUser()]) {
      const assignmentId = await claimNextTask({ actor: worker, projectSlug: project.slug });
      await submitJudgment({ actor: worker, assignmentId: assignmentId!, input: { strength: -1, idempotencyKey: `done-${assignmentId}` } });
    }
    expect(await db().item.findFirstOrThrow({ where: { projectId: project.id } })).toMatchObject({ judgmentCount: 2, isComplete: true });
    expect(await claimNextTask({ actor: await createTestUser(), projectSlug: project.slug })).toBeNull();
  });

  it("ignores items of draft, paused and closed batches", async () => {
    const project = await createTestProject();
    for (const status of ["DRAFT", "PAUSED", "CLOSED"] as const) await createItemsRecord(db(), { projectId: project.id, count: 1, status });
    expect(await claimNextTask({ actor: await createTestUser(), projectSlug: project.slug })).toBeNull();
  });
});

describe("findTaskForWorker", () => {
  it("shows texts in display order as A and B, and nothing about models, ranks or ids", async () => {
    const project = await createTestProject();
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const worker = await createTestUser();
    const assignmentId = await claimNextTask({ actor: worker, projectSlug: project.slug });
    const task = await findTaskForWorker({ actor: worker, assignmentId: assignmentId! });
    const assignment = await db().assignment.findUniqueOrThrow({ where: { id: assignmentId! } });
    const candidates = await db().candidate.findMany({ where: { itemId: assignment.itemId } });
    const textOf = (id: string) => candidates.find((c) => c.id === id)!.text;
    expect(task.responses).toEqual(assignment.displayOrder.map((id, i) => ({ label: "AB"[i], text: textOf(id) })));
    const wire = JSON.stringify(task);
    for (const candidate of candidates) {
      expect(wire).not.toContain(candidate.id);
      expect(wire).not.toContain(candidate.model!);
    }
    expect(wire).not.toContain("referenceRank");
  });

  it("refuses another worker's task as not found", async () => {
    const project = await createTestProject();
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const assignmentId = await claimNextTask({ actor: await createTestUser(), projectSlug: project.slug });
    await expect(findTaskForWorker({ actor: await createTestUser(), assignmentId: assignmentId! })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
