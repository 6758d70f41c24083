import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { importItems } from "@/lib/data/imports";
import { db } from "@/lib/db/prisma";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { badImportFiles, detailsMismatch, gzipBomb } from "@/lib/testing/bad-import-files";

const MB = 1024 * 1024;
const GOOD = '{"prompt": "Q", "responses": [{"text": "a"}, {"text": "b"}]}\n';

/** Bytes as a request body arrives: 64 KB at a time. */
function chunked(bytes: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
    })(),
  );
}

/** A plain file made as it is read, never held whole: `before`, then `size` bytes of "x" with no newline, then `after`. */
function endlessLine(size: number, { before = "", after = "" } = {}) {
  const counter = { pulled: 0 };
  const block = Buffer.alloc(64 * 1024, "x");
  async function* bytes() {
    const parts = [Buffer.from(before), ...Array.from({ length: Math.ceil(size / block.length) }, () => block), Buffer.from(after)];
    for (const part of parts) {
      counter.pulled += part.length;
      yield part;
    }
  }
  return { source: bytes(), counter };
}

/** The run's outcome and how far the process's resident memory rose above where it started, sampled while it ran. */
async function withPeakRss(run: () => Promise<unknown>): Promise<{ outcome: unknown; growthMb: number; seconds: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = Date.now();
  const outcome = await run().catch((error: unknown) => error);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { outcome, growthMb: (peak - before) / MB, seconds: (Date.now() - started) / 1000 };
}

async function setUp() {
  return { project: await createTestProject({ judgmentKind: "PAIRWISE" }), actor: await createTestUser("ADMIN") };
}

async function storedCounts(projectId: string) {
  return { batches: await db().batch.count({ where: { projectId } }), items: await db().item.count({ where: { projectId } }) };
}

describe("a bad-input corpus", () => {
  it.each(badImportFiles().map((file) => [file.name, file] as const))("%s: refused whole with its lines, nothing stored", async (_name, file) => {
    const { project, actor } = await setUp();
    const run = importItems({ actor, projectSlug: project.slug, source: chunked(file.body), batchName: "bad", format: file.format, mapping: file.mapping });
    const error = await run.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: file.code, status: 422 });
    const details = (error as { details: { line?: number; field?: string; message: string }[] }).details;
    expect(detailsMismatch(details, file.details)).toBeNull();
    // Reports quote no more than a few hundred characters of what they refuse.
    for (const detail of details) expect(detail.message.length + (detail.field?.length ?? 0)).toBeLessThan(700);
    expect(await storedCounts(project.id)).toEqual({ batches: 0, items: 0 });
  });
});

describe("import limits, enforced while streaming", () => {
  it("refuses a few MB of gzip that decompress to 4 GB within seconds and 100 MB of memory", async () => {
    const { project, actor } = await setUp();
    const bomb = gzipBomb(GOOD.trim());
    expect(bomb.length).toBeLessThan(5 * MB);
    const { outcome, growthMb, seconds } = await withPeakRss(() =>
      importItems({ actor, projectSlug: project.slug, source: chunked(bomb), batchName: "bomb", format: "preflab" }),
    );
    expect(outcome).toMatchObject({ code: "INVALID_FILE", message: expect.stringContaining("decompresses to more than an import may hold") });
    expect(growthMb).toBeLessThan(100);
    expect(seconds).toBeLessThan(15);
    expect(await storedCounts(project.id)).toEqual({ batches: 0, items: 0 });
  });

  it("refuses a 20 MB line without reading all of it when the format is still unknown", async () => {
    const { project, actor } = await setUp();
    const { source, counter } = endlessLine(20 * MB, { after: `\n${GOOD}` });
    const error = await importItems({ actor, projectSlug: project.slug, source, batchName: "long" }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "INVALID_FILE", details: [{ line: 1, message: expect.stringMatching(/^line is longer than 16 MB/) }] });
    expect(counter.pulled).toBeLessThan(17 * MB);
    expect(await storedCounts(project.id)).toEqual({ batches: 0, items: 0 });
  });

  it("skips through a 300 MB line in flat memory and reports the lines after it", async () => {
    const { project, actor } = await setUp();
    const { source } = endlessLine(300 * MB, { before: GOOD, after: "\n{bad\n" });
    const { outcome, growthMb } = await withPeakRss(() => importItems({ actor, projectSlug: project.slug, source, batchName: "long", format: "preflab" }));
    expect(outcome).toMatchObject({
      code: "INVALID_FILE",
      details: [
        { line: 2, message: "line is longer than 16 MB" },
        { line: 3, message: expect.stringMatching(/^not valid JSON/) },
      ],
    });
    expect(growthMb).toBeLessThan(100);
  });

  it("refuses a body past the byte cap as it arrives, and a declared size over it before reading", async () => {
    const { project, actor } = await setUp();
    const { source, counter } = endlessLine(3 * MB);
    const run = importItems({ actor, projectSlug: project.slug, source, batchName: "big", format: "preflab", maxBytes: MB });
    await expect(run).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(counter.pulled).toBeLessThan(MB + 128 * 1024);

    const untouched = endlessLine(10);
    const declared = importItems({ actor, projectSlug: project.slug, source: untouched.source, totalBytes: 2 * MB, maxBytes: MB, batchName: "big" });
    await expect(declared).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: "The file is larger than 1 MB, the most an import may be; nothing was stored",
    });
    expect(untouched.counter.pulled).toBe(0);
    expect(await storedCounts(project.id)).toEqual({ batches: 0, items: 0 });
  });

  it("inserts a file of long lines a few items at a time", async () => {
    const { project, actor } = await setUp();
    const line = (n: number) => JSON.stringify({ prompt: `Q${n}`, responses: [{ text: "a".repeat(3 * MB) }, { text: `b${n}` }] });
    const text = Array.from({ length: 6 }, (_, n) => line(n)).join("\n");
    const progress: number[] = [];
    const result = await importItems({
      actor,
      projectSlug: project.slug,
      source: chunked(Buffer.from(text)),
      batchName: "long lines",
      onProgress: (p) => progress.push(p.items),
    });
    expect(result.itemCount).toBe(6);
    // Chunks of at most 8 M characters: three items of 3 MB each, not all six at once.
    expect(progress).toEqual([3, 6, 6]);
  });
});
