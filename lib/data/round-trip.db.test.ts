import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { streamExport } from "@/lib/data/exports";
import { importItems } from "@/lib/data/imports";
import { submitJudgment } from "@/lib/data/judgments";
import type { Actor } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import type { ExportFormat } from "@/lib/exports/export-options";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { hhSampleLines, readHhSampleText, textSource, type HhRecord } from "@/lib/testing/hh-sample";

async function exportAll({ actor, projectSlug, format }: { actor: Actor; projectSlug: string; format: ExportFormat }) {
  const stream = await streamExport({ actor, input: { format, projects: [projectSlug] } });
  const chunks: Buffer[] = [];
  for await (const chunk of stream.body) chunks.push(chunk as Buffer);
  await stream.finished;
  const lines = Buffer.concat(chunks)
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => `${line}\n`);
  return { exportId: stream.exportId, lines };
}

// Answers every task the way the source did: the candidate with reference rank 1 wins.
async function judgeAsTheSourceDid({ worker, projectSlug }: { worker: Actor; projectSlug: string }) {
  let judged = 0;
  let assignmentId: string | null;
  while ((assignmentId = await claimNextTask({ actor: worker, projectSlug }))) {
    const assignment = await db().assignment.findUniqueOrThrow({ where: { id: assignmentId }, select: { displayOrder: true, itemId: true } });
    const chosen = await db().candidate.findFirstOrThrow({ where: { itemId: assignment.itemId, referenceRank: 1 }, select: { id: true } });
    const strength = assignment.displayOrder[0] === chosen.id ? -2 : 2;
    await submitJudgment({ actor: worker, assignmentId, input: { strength, idempotencyKey: `round-trip-${assignmentId}` } });
    judged++;
  }
  return judged;
}

const sorted = (lines: string[]) => [...lines].sort();

describe("HH-RLHF import -> judging -> export", () => {
  let researcher: Actor;
  let projectSlug: string;

  beforeAll(async () => {
    const project = await createTestProject({ judgmentsPerItem: 1 });
    projectSlug = project.slug;
    researcher = await createTestUser("RESEARCHER");
    const admin = await createTestUser("ADMIN");
    await importItems({ actor: admin, projectSlug, source: textSource(readHhSampleText()), batchName: "hh sample", activate: true });
    expect(await judgeAsTheSourceDid({ worker: await createTestUser(), projectSlug })).toBe(200);
  });

  it("gives back the source file's lines byte for byte, and records the export's size and hash", async () => {
    const { exportId, lines } = await exportAll({ actor: researcher, projectSlug, format: "hh-rlhf" });
    expect(sorted(lines)).toEqual(sorted(hhSampleLines()));
    const output = lines.join("");
    const record = await db().export.findUniqueOrThrow({ where: { id: exportId } });
    expect(record).toMatchObject({
      status: "COMPLETE",
      format: "hh-rlhf",
      rowCount: 200,
      byteSize: BigInt(Buffer.byteLength(output)),
      sha256: createHash("sha256").update(output).digest("hex"),
    });
    expect(record.completedAt).not.toBeNull();
  });

  it("exports the same bytes when asked again", async () => {
    const first = await exportAll({ actor: researcher, projectSlug, format: "hh-rlhf" });
    const second = await exportAll({ actor: researcher, projectSlug, format: "hh-rlhf" });
    expect(second.lines.join("")).toBe(first.lines.join(""));
  });

  it("exports TRL records whose prompt + chosen is the HH chosen transcript", async () => {
    const { lines } = await exportAll({ actor: researcher, projectSlug, format: "trl" });
    expect(lines).toHaveLength(200);
    const records = lines.map((line) => JSON.parse(line) as { prompt: string; chosen: string; rejected: string });
    for (const record of records) expect(Object.keys(record)).toEqual(["prompt", "chosen", "rejected"]);
    const source = readHhSampleText()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as HhRecord);
    expect(sorted(records.map((r) => r.prompt + r.chosen))).toEqual(sorted(source.map((r) => r.chosen)));
    expect(sorted(records.map((r) => r.prompt + r.rejected))).toEqual(sorted(source.map((r) => r.rejected)));
  });
});
