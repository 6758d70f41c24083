// `preflab export` in its own process, to a file, to standard output and through `npm run` (whose
// banner the CLI removes from a redirected file): the rows, the manifest and the export's record.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, spawnCollect } from "@/lib/testing/run-cli";
import { claimNextTask } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import { db } from "@/lib/db/prisma";
import type { ExportManifest } from "@/lib/exports/manifest";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { createQualityFixture } from "@/lib/testing/quality-fixture";
import { createItemsRecord } from "@/prisma/factories";

const ITEMS = 6;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "preflab-cli-export-"));

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

function exportIdOf(stderr: string): string {
  const id = stderr.match(/; export ([0-9a-f-]{36})\.\n/)?.[1];
  if (!id) throw new Error(`no export id in: ${stderr}`);
  return id;
}

const jsonLines = (text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

let slug: string;
let researcherEmail: string;
let researcherId: string;
/** What each judgment preferred, as TRL rows give it: one " Answer n.i" text per question. */
let expectedPairs: { question: string; chosen: string; rejected: string }[];

beforeAll(async () => {
  const project = await createTestProject({ judgmentsPerItem: 1 });
  slug = project.slug;
  await createItemsRecord(db(), { projectId: project.id, count: ITEMS });
  const [worker, researcher] = await Promise.all([createTestUser(), createTestUser("RESEARCHER")]);
  researcherEmail = researcher.email;
  researcherId = researcher.id;
  let assignmentId: string | null;
  let n = 0;
  while ((assignmentId = await claimNextTask({ actor: worker, projectSlug: slug }))) {
    // Alternate sides so both display positions win at least once.
    await submitJudgment({ actor: worker, assignmentId, input: { strength: n++ % 2 === 0 ? -2 : 3, idempotencyKey: `cli-export-${assignmentId}` } });
  }
  const judgments = await db().judgment.findMany({ where: { projectId: project.id }, include: { item: { include: { candidates: true } } } });
  expect(judgments).toHaveLength(ITEMS);
  expectedPairs = judgments.map((judgment) => {
    const [[winner], [loser]] = judgment.ranking as string[][];
    const text = (id: string) => judgment.item.candidates.find((candidate) => candidate.id === id)!.text;
    return { question: (judgment.item.context as { content: string }[])[0].content, chosen: ` ${text(winner)}`, rejected: ` ${text(loser)}` };
  });
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sortedPairs = (pairs: { question: string; chosen: string; rejected: string }[]) => [...pairs].sort((a, b) => a.question.localeCompare(b.question));

describe("preflab export", () => {
  it("writes the rows to --output and a manifest beside them whose counts and hash match", async () => {
    const output = path.join(tmp, "trl.jsonl");
    const run = await runCli(["export", "--project", slug, "--format", "trl", "--output", output, "--as", researcherEmail]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("");
    const content = fs.readFileSync(output);
    const rows = jsonLines(content.toString("utf8"));
    expect(rows).toHaveLength(ITEMS);
    for (const row of rows) expect(Object.keys(row)).toEqual(["prompt", "chosen", "rejected"]);
    const pairs = rows.map((row) => ({
      question: String(row.prompt).match(/^\n\nHuman: (.*)\n\nAssistant:$/)?.[1] ?? "",
      chosen: row.chosen as string,
      rejected: row.rejected as string,
    }));
    expect(sortedPairs(pairs)).toEqual(sortedPairs(expectedPairs));

    const manifest = JSON.parse(fs.readFileSync(`${output}.manifest.json`, "utf8")) as ExportManifest;
    expect(manifest).toMatchObject({
      format: "trl",
      fileType: "jsonl",
      options: { projects: [slug] },
      file: { bytes: content.length, sha256: sha256(content) },
    });
    expect(manifest.counts).toMatchObject({
      items: ITEMS,
      judgmentsRead: ITEMS,
      judgmentsIncluded: ITEMS,
      judgmentsLeftOut: {},
      rows: ITEMS,
      rowsBySplit: { train: ITEMS, test: 0 },
    });
    expect(run.stderr).toContain(`Exported ${ITEMS} rows from ${ITEMS} of ${ITEMS} judgments; ${content.length} bytes, sha256 ${sha256(content)}`);
    expect(run.stderr).toContain(`Manifest: ${output}.manifest.json\n`);

    const record = await db().export.findUniqueOrThrow({ where: { id: exportIdOf(run.stderr) } });
    expect(record).toMatchObject({
      status: "COMPLETE",
      delivery: "stream",
      format: "trl",
      requestedById: researcherId,
      rowCount: ITEMS,
      judgmentsRead: ITEMS,
      byteSize: BigInt(content.length),
      sha256: sha256(content),
    });
    expect(record.manifest).toEqual(manifest);
  });

  it("counts the annotators behind the rows in the manifest, in every format", async () => {
    const annotators = async (format: string) => {
      const output = path.join(tmp, `annotators-${format}.jsonl`);
      const run = await runCli(["export", "--project", slug, "--format", format, "--output", output, "--as", researcherEmail]);
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(fs.readFileSync(`${output}.manifest.json`, "utf8")) as ExportManifest).counts.annotators;
    };
    expect(await annotators("judgments")).toBe(1);
    // One worker made every judgment: a preference format's manifest must say so too.
    expect(await annotators("trl")).toBe(1);
  });

  it("refuses a Parquet export without --output, before recording anything", async () => {
    const before = await db().export.count();
    const run = await runCli(["export", "--project", slug, "--format", "trl", "--file-type", "parquet", "--as", researcherEmail]);
    expect(run.stderr).toBe("error: A parquet export is binary: give --output FILE\n");
    expect(run.stdout).toBe("");
    expect(await db().export.count()).toBe(before);
    expect(run.code).toBe(1);
  });

  it("writes a Parquet file when given --output", async () => {
    const output = path.join(tmp, "trl.parquet");
    const run = await runCli(["export", "--project", slug, "--format", "trl", "--file-type", "parquet", "--output", output, "--as", researcherEmail]);
    expect(run.code, run.stderr).toBe(0);
    const content = fs.readFileSync(output);
    expect(content.subarray(0, 4).toString("latin1")).toBe("PAR1");
    expect(content.subarray(-4).toString("latin1")).toBe("PAR1");
    const manifest = JSON.parse(fs.readFileSync(`${output}.manifest.json`, "utf8")) as ExportManifest;
    expect(manifest.counts.rows).toBe(ITEMS);
    expect(manifest.file).toEqual({ bytes: content.length, sha256: sha256(content) });
  });

  it("prints the JSONL to standard output without --output, the bytes it records", async () => {
    const run = await runCli(["export", "--project", slug, "--format", "trl", "--as", researcherEmail]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("Manifest:");
    const rows = jsonLines(run.stdout);
    expect(rows).toHaveLength(ITEMS);
    expect(rows.map((row) => row.chosen).sort()).toEqual(expectedPairs.map((pair) => pair.chosen).sort());
    const record = await db().export.findUniqueOrThrow({ where: { id: exportIdOf(run.stderr) } });
    expect(record).toMatchObject({ status: "COMPLETE", rowCount: ITEMS, byteSize: BigInt(run.stdoutBytes.length), sha256: sha256(run.stdoutBytes) });
  });

  it("leaves npm's banner out of a file made with `npm run preflab -- export ... > FILE`", async () => {
    const output = path.join(tmp, "npm-hh.jsonl");
    const command = `npm run preflab -- export --project ${slug} --format hh-rlhf --as ${researcherEmail} > '${output}'`;
    const run = await spawnCollect("sh", ["-c", command]);
    expect(run.code, run.stderr).toBe(0);
    const content = fs.readFileSync(output);
    const lines = content.toString("utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(ITEMS);
    for (const line of lines) expect(Object.keys(JSON.parse(line))).toEqual(["chosen", "rejected"]);
    const record = await db().export.findUniqueOrThrow({ where: { id: exportIdOf(run.stderr) } });
    expect(record).toMatchObject({ status: "COMPLETE", format: "hh-rlhf", byteSize: BigInt(content.length), sha256: sha256(content) });
  });

  it("--release-gate says when a project's agreement is under the gate and exits 3, the file written all the same", async () => {
    const fixture = await createQualityFixture(db(), { items: 20, workers: 4, perItem: 3, seed: 31 });
    const output = path.join(tmp, "gated.jsonl");
    const run = await runCli(["export", "--project", fixture.project.slug, "--format", "trl", "--output", output, "--release-gate", "--as", researcherEmail]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(new RegExp(`BELOW THE RELEASE GATE \\(nominal alpha under 0.667\\): ${fixture.project.slug} alpha -?[0-9.]+\\.`));
    const manifest = JSON.parse(fs.readFileSync(`${output}.manifest.json`, "utf8")) as ExportManifest;
    expect(manifest.releaseGate?.passed).toBe(false);
    expect(jsonLines(fs.readFileSync(output, "utf8")).length).toBe(manifest.counts.rows);
  });
});
