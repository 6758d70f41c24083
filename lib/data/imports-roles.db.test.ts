import { describe, expect, it } from "vitest";
import { importItems } from "@/lib/data/imports";
import { db } from "@/lib/db/prisma";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import type { ItemRoleName } from "@/lib/formats/reference-preference";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { hhSampleLines, textSource } from "@/lib/testing/hh-sample";
import { findCounterDrift } from "@/lib/testing/worker-counter-checks";
import type { CsvMapping } from "@/lib/validations/import";

const REFERENCE_NEEDED = "a gold item needs a reference preference: a rank on every response and exactly one best";

function ranked(n: number, ranks: (number | null)[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    prompt: `Question ${n}?`,
    responses: ranks.map((rank, i) => ({ text: `Answer ${n}.${i}`, ...(rank === null ? {} : { rank }) })),
    ...extra,
  });
}

async function importAs(role: ItemRoleName | undefined, text: string, extra: { format?: "csv"; mapping?: CsvMapping } = {}) {
  const project = await createTestProject({ judgmentKind: "RANKING" });
  const actor = await createTestUser("ADMIN");
  const run = importItems({ actor, projectSlug: project.slug, source: textSource(text), batchName: `${role ?? "task"} batch`, role, activate: true, ...extra });
  return { project, run };
}

async function storedItems(projectId: string) {
  return db().item.findMany({
    where: { projectId },
    orderBy: { position: "asc" },
    select: {
      position: true,
      role: true,
      isComplete: true,
      referenceNote: true,
      batchId: true,
      candidates: { select: { referenceRank: true }, orderBy: { position: "asc" } },
    },
  });
}

async function openItemsCounted(batchId: string): Promise<number> {
  const [row] = await queryPool<{ n: number }>(pool(), "SELECT COALESCE(sum(open_items), 0)::int AS n FROM batch_open_counts WHERE batch_id = $1::uuid", [
    batchId,
  ]);
  return row.n;
}

describe("importing check items", () => {
  it("stores a gold batch's items with their role, complete from the start, with the explanation as their note", async () => {
    const text = [ranked(1, [2, 1], { explanation: "  The second one cites its source.  " }), ranked(2, [1, 3, 2])].join("\n");
    const { project, run } = await importAs("gold", text);
    const result = await run;
    expect(result).toMatchObject({ itemCount: 2, role: "gold", status: "ACTIVE" });
    const items = await storedItems(project.id);
    expect(items.map((item) => [item.position, item.role, item.isComplete, item.referenceNote])).toEqual([
      [1, "GOLD", true, "The second one cites its source."],
      [2, "GOLD", true, null],
    ]);
    expect(items[1].candidates.map((candidate) => candidate.referenceRank)).toEqual([1, 3, 2]);
    // Never handed out to fill k: the open-item counters did not count them at insert.
    expect(await openItemsCounted(result.batchId)).toBe(0);
    expect(await findCounterDrift()).toEqual({});
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "batch.import", targetId: result.batchId } });
    expect(audit.after).toMatchObject({ itemCount: 2, role: "gold" });
  });

  it("takes HH-RLHF as attention checks (chosen is the reference) and leaves a task batch open", async () => {
    const lines = hhSampleLines().slice(0, 3).join("\n");
    const attention = await importAs("attention", lines);
    const checks = await attention.run;
    expect((await storedItems(attention.project.id)).map((item) => [item.role, item.isComplete])).toEqual(Array(3).fill(["ATTENTION", true]));
    expect(await openItemsCounted(checks.batchId)).toBe(0);

    const tasks = await importAs(undefined, ranked(1, [null, null], { explanation: "kept as a note" }));
    const taskResult = await tasks.run;
    expect(taskResult.role).toBe("task");
    expect((await storedItems(tasks.project.id)).map((item) => [item.role, item.isComplete, item.referenceNote])).toEqual([["TASK", false, "kept as a note"]]);
    expect(await openItemsCounted(taskResult.batchId)).toBe(1);
  });

  it("refuses a gold file with any item lacking a usable reference, listing each line, and stores nothing", async () => {
    const text = [ranked(1, [1, 2]), ranked(2, [null, null]), ranked(3, [1, 1]), ranked(4, [1, null, 2]), ranked(5, [2, 1])].join("\n");
    const { project, run } = await importAs("gold", text);
    const error = await run.catch((failure: unknown) => failure);
    expect(error).toMatchObject({ code: "INVALID_FILE", message: "The file has 3 bad lines; nothing was imported" });
    expect((error as { details: unknown[] }).details).toEqual([2, 3, 4].map((line) => ({ line, field: "candidates", message: REFERENCE_NEEDED })));
    expect(await db().batch.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db().item.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("reads a practice set from CSV with its reference and explanation columns", async () => {
    const csv = ["question,a,b,winner,why", "Capital of France?,Paris,Lyon,a,Paris is the capital", "2+2?,5,4,2,"].join("\n");
    const mapping: CsvMapping = { prompt: "question", responses: [{ text: "a" }, { text: "b" }], reference: "winner", explanation: "why" };
    const { project, run } = await importAs("practice", csv, { format: "csv", mapping });
    await run;
    const items = await storedItems(project.id);
    expect(items.map((item) => [item.role, item.isComplete, item.referenceNote, item.candidates.map((c) => c.referenceRank)])).toEqual([
      ["PRACTICE", true, "Paris is the capital", [1, 2]],
      ["PRACTICE", true, null, [2, 1]],
    ]);
  });

  it("refuses an explanation that is not a string, by field and line", async () => {
    const { run } = await importAs("gold", [ranked(1, [1, 2]), ranked(2, [1, 2], { explanation: 42 })].join("\n"));
    await expect(run).rejects.toMatchObject({ code: "INVALID_FILE", details: [{ line: 2, field: "explanation", message: "expected a string" }] });
  });
});
