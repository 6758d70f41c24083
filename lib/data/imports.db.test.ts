import { describe, expect, it } from "vitest";
import { importItems } from "@/lib/data/imports";
import { db } from "@/lib/db/prisma";
import { encodeHhTranscript } from "@/lib/formats/hh-rlhf";
import type { ChatMessage } from "@/lib/formats/item";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { readHhSampleText, textSource, type HhRecord } from "@/lib/testing/hh-sample";

const ONE_RESPONSE = `{"prompt": "x", "responses": [{"text": "only one"}]}`;

function goodLine(n: number, responses = 2): string {
  return JSON.stringify({ prompt: `Question ${n}?`, responses: Array.from({ length: responses }, (_, i) => ({ text: `Answer ${n}.${i}` })) });
}

function goodLines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => goodLine(i + 1));
}

async function importText(text: string, options: Parameters<typeof createTestProject>[0] = {}) {
  const project = await createTestProject(options);
  const actor = await createTestUser("ADMIN");
  const run = importItems({ actor, projectSlug: project.slug, source: textSource(text), batchName: "test batch" });
  return { project, run };
}

async function storedCounts(projectId: string) {
  return {
    batches: await db().batch.count({ where: { projectId } }),
    items: await db().item.count({ where: { projectId } }),
    candidates: await db().candidate.count({ where: { item: { projectId } } }),
  };
}

describe("importItems", () => {
  it("imports the HH sample as 200 items with the chosen response first, ranked 1", async () => {
    const text = readHhSampleText();
    const { project, run } = await importText(text);
    const result = await run;
    expect(result).toMatchObject({ format: "hh-rlhf", itemCount: 200 });
    expect(await storedCounts(project.id)).toEqual({ batches: 1, items: 200, candidates: 400 });
    const batch = await db().batch.findUniqueOrThrow({ where: { id: result.batchId } });
    expect(batch).toMatchObject({ status: "DRAFT", activatedAt: null, itemCount: 200, sourceFormat: "hh-rlhf", name: "test batch" });

    const records = text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as HhRecord);
    const items = await db().item.findMany({
      where: { projectId: project.id },
      orderBy: { position: "asc" },
      include: { candidates: { orderBy: { position: "asc" } } },
    });
    items.forEach((item, i) => {
      expect(item.position).toBe(i + 1);
      expect(item.candidates.map((c) => [c.position, c.referenceRank])).toEqual([
        [0, 1],
        [1, 2],
      ]);
      const context = item.context as ChatMessage[];
      expect(encodeHhTranscript(context, item.candidates[0].text)).toBe(records[i].chosen);
      expect(encodeHhTranscript(context, item.candidates[1].text)).toBe(records[i].rejected);
    });
  });

  it.each([
    { case: "after 50 good lines", good: 50 },
    // More than one insert chunk: rows were written inside the transaction before the bad line.
    { case: "after 600 good lines", good: 600 },
  ])("stores nothing when only the last line is bad, $case", async ({ good }) => {
    const { project, run } = await importText([...goodLines(good), ONE_RESPONSE].join("\n") + "\n");
    await expect(run).rejects.toMatchObject({
      code: "INVALID_FILE",
      details: [{ line: good + 1, field: "responses", message: "needs at least 2 responses" }],
    });
    expect(await storedCounts(project.id)).toEqual({ batches: 0, items: 0, candidates: 0 });
  });

  it("reports every bad line with its line number and field", async () => {
    const lines = goodLines(12);
    lines[2] = JSON.stringify({ prompt: "no responses" });
    lines[6] = JSON.stringify({ prompt: "x", responses: [{ text: "a" }, { text: 7 }] });
    lines[9] = `{"prompt": "cut off", "responses": [`;
    const { project, run } = await importText(lines.join("\n"));
    await expect(run).rejects.toMatchObject({
      code: "INVALID_FILE",
      details: [
        { line: 3, field: "responses" },
        { line: 7, field: "responses[1].text" },
        { line: 10, message: expect.stringMatching(/^not valid JSON/) },
      ],
    });
    expect(await storedCounts(project.id)).toEqual({ batches: 0, items: 0, candidates: 0 });
  });

  it("counts lines, not errors, in its summary", async () => {
    const lines = goodLines(3);
    lines[1] = JSON.stringify({ messages: [{ role: "robot", content: "x" }], responses: [{ text: 1 }] });
    const { run } = await importText(lines.join("\n"));
    await expect(run).rejects.toMatchObject({
      message: "The file has 1 bad line; nothing was imported",
      details: [
        { line: 2, field: "messages[0].role" },
        { line: 2, field: "responses[0].text" },
        { line: 2, field: "responses" },
      ],
    });
  });

  it("lists the first 1,000 errors and counts every bad line", async () => {
    const { project, run } = await importText([goodLine(1), ...Array.from({ length: 1005 }, () => ONE_RESPONSE)].join("\n"));
    const error = await run.then(
      () => null,
      (e) => e,
    );
    expect(error).toMatchObject({ code: "INVALID_FILE", message: "The file has 1005 bad lines; nothing was imported (the first 1000 errors are listed)" });
    expect(error.details).toHaveLength(1000);
    expect(error.details.at(-1)).toMatchObject({ line: 1001, field: "responses" });
    expect(await storedCounts(project.id)).toEqual({ batches: 0, items: 0, candidates: 0 });
  });

  it("refuses an empty file", async () => {
    const { project, run } = await importText("");
    await expect(run).rejects.toMatchObject({ code: "INVALID_FILE" });
    expect(await storedCounts(project.id)).toEqual({ batches: 0, items: 0, candidates: 0 });
  });

  it("refuses three responses in a pairwise project, naming the responses field", async () => {
    const { project, run } = await importText([goodLine(1), goodLine(2, 3)].join("\n"), { judgmentKind: "PAIRWISE" });
    await expect(run).rejects.toMatchObject({ code: "INVALID_FILE", details: [{ line: 2, field: "responses" }] });
    expect(await storedCounts(project.id)).toEqual({ batches: 0, items: 0, candidates: 0 });
  });

  it("reports NUL characters, which PostgreSQL cannot store, with their field", async () => {
    const withNul = JSON.stringify({
      messages: [{ role: "user", content: "bad\u0000question" }],
      responses: [{ text: "fine" }, { text: "bad\u0000answer" }],
    });
    const { project, run } = await importText([goodLine(1), withNul].join("\n"));
    await expect(run).rejects.toMatchObject({
      code: "INVALID_FILE",
      details: [
        { line: 2, field: "messages[0].content", message: expect.stringContaining("NUL") },
        { line: 2, field: "responses[1].text", message: expect.stringContaining("NUL") },
      ],
    });
    expect(await storedCounts(project.id)).toEqual({ batches: 0, items: 0, candidates: 0 });
  });
});
