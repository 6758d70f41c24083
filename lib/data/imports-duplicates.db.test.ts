import { gzipSync } from "node:zlib";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { importItems } from "@/lib/data/imports";
import { checkImport } from "@/lib/data/imports-check";
import { db, pool } from "@/lib/db/prisma";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

function line(prompt: string, a: string, b: string): string {
  return JSON.stringify({ prompt, responses: [{ text: a }, { text: b }] });
}

function source(lines: string[]): Readable {
  return Readable.from([Buffer.from(`${lines.join("\n")}\n`)]);
}

async function setUp() {
  const project = await createTestProject();
  const actor = await createTestUser("ADMIN");
  return { project, actor };
}

async function storedTexts(projectId: string) {
  const items = await db().item.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "asc" }, { position: "asc" }],
    select: { context: true, contentHash: true, candidates: { orderBy: { position: "asc" }, select: { text: true } } },
  });
  return items.map((item) => ({
    prompt: (item.context as { content: string }[])[0].content,
    texts: item.candidates.map((c) => c.text),
    hash: item.contentHash,
  }));
}

describe("content hashes and duplicates", () => {
  it("gives equal content equal hashes, computed by items_content_hash, whatever the format", async () => {
    const { project, actor } = await setUp();
    await importItems({ actor, projectSlug: project.slug, source: source([line("Q1", "a", "b"), line("Q2", "a", "b")]), batchName: "preflab" });
    const trl = JSON.stringify({ prompt: "Q1", chosen: "a", rejected: "b" });
    await importItems({ actor, projectSlug: project.slug, source: source([trl]), batchName: "trl", format: "trl" });
    const [q1, q2, trlQ1] = await storedTexts(project.id);
    expect(q1.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(trlQ1.hash).toBe(q1.hash);
    expect(q2.hash).not.toBe(q1.hash);
    const { rows } = await pool().query(`SELECT items_content_hash('[{"role":"user","content":"Q1"}]'::jsonb, '["a","b"]'::jsonb) AS h`);
    expect(rows[0].h).toBe(q1.hash);
  });

  it("reports duplicates in the project and in the file, and skips them only on request", async () => {
    const { project, actor } = await setUp();
    await importItems({ actor, projectSlug: project.slug, source: source([line("old", "a", "b")]), batchName: "first" });
    const file = [line("old", "a", "b"), line("new", "a", "b"), line("new", "a", "b"), line("other", "a", "b"), line("old", "b", "a")];

    const check = await checkImport({ actor, projectSlug: project.slug, source: source(file) });
    expect(check).toMatchObject({ format: "preflab", itemCount: 5, duplicatesInProject: 1, duplicatesInFile: 1 });
    expect(check.preview.map((p) => p.line)).toEqual([1, 2, 3, 4, 5]);
    expect(await db().item.count({ where: { projectId: project.id } })).toBe(1);

    const skipped = await importItems({ actor, projectSlug: project.slug, source: source(file), batchName: "skip", skipDuplicates: true });
    expect(skipped).toMatchObject({ itemCount: 3, duplicatesSkipped: 2, status: "DRAFT" });
    const batchItems = await db().item.findMany({ where: { batchId: skipped.batchId }, orderBy: { position: "asc" }, select: { position: true } });
    expect(batchItems.map((i) => i.position)).toEqual([2, 4, 5]);
    expect(await db().candidate.count({ where: { item: { batchId: skipped.batchId } } })).toBe(6);

    const kept = await importItems({ actor, projectSlug: project.slug, source: source(file), batchName: "keep" });
    expect(kept).toMatchObject({ itemCount: 5, duplicatesSkipped: 0 });
    expect(await db().item.count({ where: { batchId: kept.batchId } })).toBe(5);
  });

  it("skips duplicates across insert chunks of one file", async () => {
    const { project, actor } = await setUp();
    const lines = Array.from({ length: 1200 }, (_, i) => line(`Q${i % 600}`, "a", "b"));
    const result = await importItems({ actor, projectSlug: project.slug, source: source(lines), batchName: "repeats", skipDuplicates: true });
    expect(result).toMatchObject({ itemCount: 600, duplicatesSkipped: 600 });
    expect(await db().item.count({ where: { projectId: project.id } })).toBe(600);
  });

  it("skips duplicates when two imports of one file run at once: one stores it, the other finds it there", async () => {
    const { project, actor } = await setUp();
    const lines = Array.from({ length: 1500 }, (_, i) => line(`Q${i}`, "a", "b"));
    const run = () => importItems({ actor, projectSlug: project.slug, source: source(lines), batchName: "twice", skipDuplicates: true });
    const outcomes = await Promise.allSettled([run(), run()]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await db().item.count({ where: { projectId: project.id } })).toBe(1500);
    expect(await db().batch.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("refuses a file whose every item is already in the project, storing no empty batch", async () => {
    const { project, actor } = await setUp();
    await importItems({ actor, projectSlug: project.slug, source: source([line("Q", "a", "b")]), batchName: "first" });
    await expect(
      importItems({ actor, projectSlug: project.slug, source: source([line("Q", "a", "b")]), batchName: "again", skipDuplicates: true }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().batch.count({ where: { projectId: project.id } })).toBe(1);
  });
});

describe("import batches and audit", () => {
  it("creates a DRAFT batch and an audit event; --activate makes it ACTIVE at once", async () => {
    const { project, actor } = await setUp();
    const draft = await importItems({ actor, projectSlug: project.slug, source: Readable.from([gzipSync(`${line("Q", "a", "b")}\n`)]), batchName: "gz" });
    expect(await db().batch.findUniqueOrThrow({ where: { id: draft.batchId } })).toMatchObject({
      status: "DRAFT",
      activatedAt: null,
      itemCount: 1,
      sourceFormat: "preflab",
    });
    const audit = await db().auditEvent.findMany({ where: { targetId: draft.batchId } });
    expect(audit).toMatchObject([
      {
        action: "batch.import",
        targetType: "batch",
        actorId: actor.id,
        after: { name: "gz", format: "preflab", itemCount: 1, duplicatesSkipped: 0, status: "DRAFT" },
      },
    ]);

    const active = await importItems({ actor, projectSlug: project.slug, source: source([line("Q2", "a", "b")]), batchName: "on", activate: true });
    const batch = await db().batch.findUniqueOrThrow({ where: { id: active.batchId } });
    expect(batch.status).toBe("ACTIVE");
    expect(batch.activatedAt).toBeInstanceOf(Date);
  });

  it("writes no audit event when a file is refused", async () => {
    const { project, actor } = await setUp();
    await expect(importItems({ actor, projectSlug: project.slug, source: source([line("Q", "a", "b"), "{bad"]), batchName: "bad" })).rejects.toMatchObject({
      code: "INVALID_FILE",
    });
    expect(await db().auditEvent.count({ where: { action: "batch.import", actorId: actor.id } })).toBe(0);
    expect(await db().batch.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses a non-admin actor before reading anything", async () => {
    const { project } = await setUp();
    const researcher = await createTestUser("RESEARCHER");
    await expect(importItems({ actor: researcher, projectSlug: project.slug, source: source([line("Q", "a", "b")]), batchName: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db().batch.count({ where: { projectId: project.id } })).toBe(0);
  });
});
