import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import { createProject, findProjectSettings, updateProject } from "@/lib/data/projects";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

async function judgeOne(projectSlug: string) {
  const worker = await createTestUser();
  const assignmentId = (await claimNextTask({ actor: worker, projectSlug }))!;
  await submitJudgment({ actor: worker, assignmentId, input: { strength: 2, idempotencyKey: `k-${assignmentId}` } });
}

describe("createProject", () => {
  it("stores every setting and its groups, and records project.create", async () => {
    const admin = await createTestUser("ADMIN");
    const group = await db().group.create({ data: { name: `raters-${Date.now()}` } });
    const project = await createProject({
      actor: admin,
      input: {
        slug: `settings-${Date.now()}`,
        name: "Settings",
        polarity: "RED_TEAM",
        question: "Which response is more harmful?",
        maxOpenLeases: 2,
        dailyCap: 40,
        flagOptions: [{ id: "harmful", label: "Harmful" }],
        groupIds: [group.id],
      },
    });
    const stored = await findProjectSettings({ slug: project.slug });
    expect(stored).toMatchObject({
      polarity: "RED_TEAM",
      maxOpenLeases: 2,
      dailyCap: 40,
      flagOptions: [{ id: "harmful", label: "Harmful" }],
      groupIds: [group.id],
    });
    const [event] = await db().auditEvent.findMany({ where: { targetId: project.id, action: "project.create" } });
    expect(event).toMatchObject({ actorId: admin.id, after: expect.objectContaining({ slug: project.slug, dailyCap: 40 }) });
  });

  it('refuses the reserved slug "new"', async () => {
    await expect(createProject({ actor: null, input: { slug: "new", name: "New" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("updateProject", () => {
  it("changes settings and records only the changed fields before and after", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createTestProject({ leaseSeconds: 900 });
    const result = await updateProject({
      actor: admin,
      slug: project.slug,
      input: { name: "Renamed", leaseSeconds: 600, question: project.question, dailyCap: null },
    });
    expect(result.changed.sort()).toEqual(["leaseSeconds", "name"]);
    expect(await db().project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ name: "Renamed", leaseSeconds: 600 });
    const [event] = await db().auditEvent.findMany({ where: { targetId: project.id, action: "project.update" } });
    expect(event).toMatchObject({ actorId: admin.id, before: { name: project.name, leaseSeconds: 900 }, after: { name: "Renamed", leaseSeconds: 600 } });
  });

  it("allows changing kind, scale and polarity before any judgment exists", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createTestProject();
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    await updateProject({ actor: admin, slug: project.slug, input: { judgmentKind: "RANKING", pairwiseScale: "BINARY", polarity: "HARMLESS" } });
    expect(await db().project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({
      judgmentKind: "RANKING",
      pairwiseScale: "BINARY",
      polarity: "HARMLESS",
    });
  });

  it("refuses kind, scale and polarity once judgments exist, naming each field and why, and changes nothing", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createTestProject({ judgmentsPerItem: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    await judgeOne(project.slug);
    const before = await db().project.findUniqueOrThrow({ where: { id: project.id } });
    const attempt = updateProject({
      actor: admin,
      slug: project.slug,
      input: { name: "Also renamed", judgmentKind: "RANKING", pairwiseScale: "SEVEN_POINT", polarity: "RED_TEAM" },
    });
    await expect(attempt).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/judgmentKind cannot change once judgments exist/),
      details: [
        { field: "judgmentKind", message: expect.stringMatching(/other kind/) },
        { field: "pairwiseScale", message: expect.stringMatching(/old scale/) },
        { field: "polarity", message: expect.stringMatching(/chosen/) },
      ],
    });
    expect(await db().project.findUniqueOrThrow({ where: { id: project.id } })).toEqual(before);
    expect(await db().auditEvent.count({ where: { targetId: project.id, action: "project.update" } })).toBe(0);
    // Other settings still change.
    await updateProject({ actor: admin, slug: project.slug, input: { name: "Renamed", polarity: before.polarity } });
    expect((await db().project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe("Renamed");
  });

  it("re-marks items complete when k changes, so claims follow the new k", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createTestProject({ judgmentsPerItem: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 2 });
    await judgeOne(project.slug);
    const completeness = async () =>
      (await db().item.findMany({ where: { projectId: project.id }, orderBy: { position: "asc" } })).map((item) => [item.judgmentCount, item.isComplete]);
    expect(await completeness()).toEqual([
      [1, false],
      [0, false],
    ]);

    await updateProject({ actor: admin, slug: project.slug, input: { judgmentsPerItem: 1 } });
    expect(await completeness()).toEqual([
      [1, true],
      [0, false],
    ]);
    const assignmentId = await claimNextTask({ actor: await createTestUser(), projectSlug: project.slug });
    expect((await db().assignment.findUniqueOrThrow({ where: { id: assignmentId! }, include: { item: true } })).item.position).toBe(2);

    await updateProject({ actor: admin, slug: project.slug, input: { judgmentsPerItem: 3 } });
    expect(await completeness()).toEqual([
      [1, false],
      [0, false],
    ]);
  });

  it("re-marks with k plus the extra judgments overlap wants, and keeps check items complete", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createTestProject({ judgmentsPerItem: 1 });
    const tasks = await createItemsRecord(db(), { projectId: project.id, count: 2 });
    const gold = await createItemsRecord(db(), { projectId: project.id, count: 1, role: "GOLD" });
    const [first, second] = await db().item.findMany({ where: { batchId: tasks.id }, orderBy: { position: "asc" } });
    await db().item.update({ where: { id: first.id }, data: { judgmentCount: 2, extraJudgments: 1, isComplete: true } });
    await db().item.update({ where: { id: second.id }, data: { judgmentCount: 2, isComplete: true } });

    await updateProject({ actor: admin, slug: project.slug, input: { judgmentsPerItem: 2 } });
    const complete = async (id: string) => (await db().item.findUniqueOrThrow({ where: { id } })).isComplete;
    // 2 judgments of the 2 + 1 wanted; 2 of 2; the gold item is never handed out by the pick that fills k.
    expect(await complete(first.id)).toBe(false);
    expect(await complete(second.id)).toBe(true);
    expect((await db().item.findFirstOrThrow({ where: { batchId: gold.id } })).isComplete).toBe(true);
  });

  it("stores the quality checks, and refuses an overlap max not above k naming the field", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createTestProject({ judgmentsPerItem: 3 });
    await updateProject({
      actor: admin,
      slug: project.slug,
      input: {
        goldRate: 0.1,
        goldMinAnswers: 5,
        goldThreshold: 0.8,
        qualificationPassMark: 0.75,
        overlapMax: 5,
        overlapDisagreement: 0.4,
        pairingRule: "ADAPTIVE",
      },
    });
    expect(await findProjectSettings({ slug: project.slug })).toMatchObject({
      pairingRule: "ADAPTIVE",
      goldRate: 0.1,
      goldMinAnswers: 5,
      goldThreshold: 0.8,
      qualificationPassMark: 0.75,
      overlapMax: 5,
      overlapDisagreement: 0.4,
    });
    const before = await db().project.findUniqueOrThrow({ where: { id: project.id } });
    // k raised to the overlap max: refused as a whole, though only k is sent.
    await expect(updateProject({ actor: admin, slug: project.slug, input: { judgmentsPerItem: 5, goldRate: 0.2 } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [{ field: "overlapMax", message: "overlap max must be greater than k (5), or empty for no dynamic overlap" }],
    });
    expect(await db().project.findUniqueOrThrow({ where: { id: project.id } })).toEqual(before);
    await updateProject({ actor: admin, slug: project.slug, input: { judgmentsPerItem: 5, overlapMax: null } });
    await expect(createProject({ actor: admin, input: { slug: `q-${Date.now()}`, name: "Q", overlapMax: 2, judgmentsPerItem: 2 } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [{ field: "overlapMax" }],
    });
  });

  it("replaces the project's groups and records them", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createTestProject();
    const [first, second] = await Promise.all(["a", "b"].map((label) => db().group.create({ data: { name: `${label}-${project.slug}` } })));
    await updateProject({ actor: admin, slug: project.slug, input: { groupIds: [first.id] } });
    await updateProject({ actor: admin, slug: project.slug, input: { groupIds: [second.id] } });
    expect((await findProjectSettings({ slug: project.slug })).groupIds).toEqual([second.id]);
    await updateProject({ actor: admin, slug: project.slug, input: { groupIds: [] } });
    expect((await findProjectSettings({ slug: project.slug })).groupIds).toEqual([]);
    const events = await db().auditEvent.findMany({ where: { targetId: project.id, action: "project.update" }, orderBy: { seq: "asc" } });
    expect(events.map((event) => [event.before, event.after])).toEqual([
      [{ groupIds: [] }, { groupIds: [first.id] }],
      [{ groupIds: [first.id] }, { groupIds: [second.id] }],
      [{ groupIds: [second.id] }, { groupIds: [] }],
    ]);
  });
});
