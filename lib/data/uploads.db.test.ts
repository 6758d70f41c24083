import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { errorResponse } from "@/lib/api/responses";
import { checkUpload, commitUpload, deleteStaleUploads, saveUpload, startUploadCheck, startUploadCommit } from "@/lib/data/uploads";
import { uploadFilePath } from "@/lib/data/uploads-files";
import { db } from "@/lib/db/prisma";
import { gzipBomb } from "@/lib/testing/bad-import-files";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

let directory: string;
beforeAll(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "preflab-uploads-test-"));
  process.env.UPLOAD_DIR = directory;
});
afterAll(() => {
  fs.rmSync(directory, { recursive: true, force: true });
  delete process.env.UPLOAD_DIR;
});

const GOOD = ['{"prompt": "Q1", "responses": [{"text": "a"}, {"text": "b"}]}', '{"prompt": "Q2", "responses": [{"text": "c"}, {"text": "d"}]}'];

function body(text: string | Buffer): Readable {
  const bytes = Buffer.from(text);
  // Several chunks, as a request body arrives.
  return Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]);
}

async function setUp() {
  return { project: await createTestProject(), actor: await createTestUser("ADMIN") };
}

const DEFAULTS = { format: "auto" as const, skipDuplicates: false };

describe("staged uploads", () => {
  it("refuses a body over the cap with PAYLOAD_TOO_LARGE and leaves no file and no row", async () => {
    const { project, actor } = await setUp();
    const upload = saveUpload({ actor, projectSlug: project.slug, body: body("x".repeat(5000)), filename: "big.jsonl", maxBytes: 1000 });
    await expect(upload).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(fs.readdirSync(directory)).toEqual([]);
    expect(await db().upload.count({ where: { projectId: project.id } })).toBe(0);
    const declared = saveUpload({ actor, projectSlug: project.slug, body: body("x"), filename: "big.jsonl", declaredBytes: 2000, maxBytes: 1000 });
    await expect(declared).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("stores the file, detects its format and, for CSV, returns the header", async () => {
    const { project, actor } = await setUp();
    const jsonl = await saveUpload({ actor, projectSlug: project.slug, body: body(gzipSync(GOOD.join("\n"))), filename: "items.jsonl.gz" });
    expect(jsonl).toMatchObject({ format: "preflab", gzip: true, columns: null, filename: "items.jsonl.gz" });
    expect(fs.statSync(uploadFilePath(jsonl.uploadId)).size).toBe(jsonl.byteSize);
    expect(await db().upload.findUniqueOrThrow({ where: { id: jsonl.uploadId } })).toMatchObject({
      projectId: project.id,
      createdById: actor.id,
      byteSize: BigInt(jsonl.byteSize),
      batchId: null,
    });
    const csv = await saveUpload({ actor, projectSlug: project.slug, body: body("prompt,good,bad\nQ,a,b\n"), filename: "items.csv" });
    expect(csv).toMatchObject({ format: "csv", columns: ["prompt", "good", "bad"] });
  });

  it("checks and commits a staged file: a bad file stores nothing, the fixed one becomes a DRAFT batch", async () => {
    const { project, actor } = await setUp();
    const bad = await saveUpload({ actor, projectSlug: project.slug, body: body([...GOOD, '{"prompt": "Q3"}', "not json"].join("\n")), filename: "bad.jsonl" });
    const progress: number[] = [];
    await expect(checkUpload({ actor, uploadId: bad.uploadId, request: DEFAULTS, onProgress: (p) => progress.push(p.bytesRead) })).rejects.toMatchObject({
      code: "INVALID_FILE",
      details: [
        { line: 3, field: "responses" },
        { line: 4, message: expect.stringMatching(/^not valid JSON/) },
      ],
    });
    await expect(commitUpload({ actor, uploadId: bad.uploadId, request: { ...DEFAULTS, activate: false } })).rejects.toMatchObject({ code: "INVALID_FILE" });
    expect(await db().item.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db().batch.count({ where: { projectId: project.id } })).toBe(0);

    const good = await saveUpload({ actor, projectSlug: project.slug, body: body(GOOD.join("\n")), filename: "good.jsonl" });
    const check = await checkUpload({ actor, uploadId: good.uploadId, request: DEFAULTS, onProgress: (p) => progress.push(p.bytesRead) });
    expect(check).toMatchObject({ format: "preflab", itemCount: 2, duplicatesInProject: 0, duplicatesInFile: 0 });
    expect(check.preview[0].item.context).toEqual([{ role: "user", content: "Q1" }]);
    expect(progress.at(-1)).toBe(good.byteSize);

    const result = await commitUpload({ actor, uploadId: good.uploadId, request: { ...DEFAULTS, activate: false, name: "Fixed" } });
    expect(result).toMatchObject({ itemCount: 2, status: "DRAFT", batchName: "Fixed" });
    expect(await db().batch.findUniqueOrThrow({ where: { id: result.batchId } })).toMatchObject({ status: "DRAFT", itemCount: 2, name: "Fixed" });
    expect(await db().upload.findUniqueOrThrow({ where: { id: good.uploadId } })).toMatchObject({ batchId: result.batchId });
    expect(fs.existsSync(uploadFilePath(good.uploadId))).toBe(false);
    await expect(commitUpload({ actor, uploadId: good.uploadId, request: { ...DEFAULTS, activate: false } })).rejects.toMatchObject({ code: "GONE" });
    expect(await db().item.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("imports a CSV upload through its column mapping", async () => {
    const { project, actor } = await setUp();
    const csv = await saveUpload({ actor, projectSlug: project.slug, body: body('id,q,x,y,best\n1,"Hi?",hello,go away,x\n'), filename: "pairs.csv" });
    const request = {
      format: "csv" as const,
      skipDuplicates: false,
      activate: false,
      mapping: { prompt: "q", id: "id", responses: [{ text: "x" }, { text: "y" }], reference: "best" },
    };
    const result = await commitUpload({ actor, uploadId: csv.uploadId, request });
    const items = await db().item.findMany({ where: { batchId: result.batchId }, include: { candidates: { orderBy: { position: "asc" } } } });
    expect(items).toMatchObject([{ externalId: "1", position: 2, context: [{ role: "user", content: "Hi?" }] }]);
    expect(items[0].candidates.map((c) => [c.text, c.referenceRank])).toEqual([
      ["hello", 1],
      ["go away", 2],
    ]);
  });

  it("imports an upload committed twice at once (a double click) as one batch, and refuses the other GONE", async () => {
    const { project, actor } = await setUp();
    const staged = await saveUpload({ actor, projectSlug: project.slug, body: body(GOOD.join("\n")), filename: "twice.jsonl" });
    const commit = () => commitUpload({ actor, uploadId: staged.uploadId, request: { ...DEFAULTS, activate: false } });
    const outcomes = await Promise.allSettled([commit(), commit()]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const winner = outcomes.find((o) => o.status === "fulfilled") as PromiseFulfilledResult<{ batchId: string }>;
    expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({
      reason: { code: "GONE", status: 410, details: [{ field: "batchId", message: winner.value.batchId }] },
    });
    expect(await db().batch.count({ where: { projectId: project.id } })).toBe(1);
    expect(await db().item.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("refuses, before any reading begins, what is known without the file: an imported upload, a mapping the header lacks", async () => {
    const { project, actor } = await setUp();
    const staged = await saveUpload({ actor, projectSlug: project.slug, body: body(GOOD.join("\n")), filename: "once.jsonl" });
    await commitUpload({ actor, uploadId: staged.uploadId, request: { ...DEFAULTS, activate: false } });
    // The start functions are what routes await before they begin an NDJSON answer.
    await expect(startUploadCommit({ actor, uploadId: staged.uploadId, request: { ...DEFAULTS, activate: false } })).rejects.toMatchObject({ code: "GONE" });
    await expect(startUploadCheck({ actor, uploadId: staged.uploadId, request: DEFAULTS })).rejects.toMatchObject({ code: "GONE" });

    const csv = await saveUpload({ actor, projectSlug: project.slug, body: body("\nq,x,y\nQ,a,b\n"), filename: "pairs.csv" });
    const mapping = { prompt: "question", responses: [{ text: "x" }, { text: "z" }] };
    await expect(startUploadCheck({ actor, uploadId: csv.uploadId, request: { format: "csv", mapping, skipDuplicates: false } })).rejects.toMatchObject({
      code: "INVALID_FILE",
      details: [
        { line: 2, field: "question", message: 'no column named "question" in the header (q, x, y)' },
        { line: 2, field: "z", message: 'no column named "z" in the header (q, x, y)' },
      ],
    });
    const researcher = await createTestUser("RESEARCHER");
    await expect(startUploadCheck({ actor: researcher, uploadId: csv.uploadId, request: DEFAULTS })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().batch.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("sniffs a gzip bomb within the limits, and its check refuses it", async () => {
    const { project, actor } = await setUp();
    const bomb = await saveUpload({ actor, projectSlug: project.slug, body: body(gzipBomb(GOOD[0])), filename: "bomb.jsonl.gz" });
    expect(bomb).toMatchObject({ format: "preflab", gzip: true });
    const bare = await saveUpload({ actor, projectSlug: project.slug, body: body(gzipBomb("")), filename: "bare.gz" });
    expect(bare).toMatchObject({ format: null, gzip: true });
    await expect(checkUpload({ actor, uploadId: bomb.uploadId, request: DEFAULTS })).rejects.toMatchObject({
      code: "INVALID_FILE",
      details: [
        { line: 2, message: "line is longer than 16 MB" },
        { line: 2, message: expect.stringMatching(/^decompressed, the file grows past/) },
      ],
    });
  });

  it("takes no upload for a live-conversation project", async () => {
    const { actor } = await setUp();
    const live = await createTestProject({ judgmentKind: "DIALOGUE" });
    const upload = saveUpload({ actor, projectSlug: live.slug, body: body(GOOD.join("\n")), filename: "items.jsonl" });
    await expect(upload).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().upload.count({ where: { projectId: live.id } })).toBe(0);
  });

  it("deletes staged uploads older than a day that were never imported", async () => {
    const { project, actor } = await setUp();
    const old = await saveUpload({ actor, projectSlug: project.slug, body: body(GOOD.join("\n")), filename: "old.jsonl" });
    const fresh = await saveUpload({ actor, projectSlug: project.slug, body: body(GOOD.join("\n")), filename: "fresh.jsonl" });
    await db().upload.update({ where: { id: old.uploadId }, data: { createdAt: new Date(Date.now() - 25 * 3600 * 1000) } });
    expect(await deleteStaleUploads({})).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(uploadFilePath(old.uploadId))).toBe(false);
    expect(await db().upload.findUnique({ where: { id: old.uploadId } })).toBeNull();
    expect(fs.existsSync(uploadFilePath(fresh.uploadId))).toBe(true);
    await expect(checkUpload({ actor, uploadId: old.uploadId, request: DEFAULTS })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(checkUpload({ actor, uploadId: "not-an-id", request: DEFAULTS })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers GONE for a staged file that is missing, and an internal error naming the path for one it cannot read", async () => {
    const { project, actor } = await setUp();
    const staged = await saveUpload({ actor, projectSlug: project.slug, body: body(GOOD.join("\n")), filename: "staged.jsonl" });
    const file = uploadFilePath(staged.uploadId);
    fs.rmSync(file);
    await expect(checkUpload({ actor, uploadId: staged.uploadId, request: DEFAULTS })).rejects.toMatchObject({ code: "GONE" });

    // A directory where the file should be: the storage is broken, the upload is not gone.
    fs.mkdirSync(file);
    const error = await checkUpload({ actor, uploadId: staged.uploadId, request: DEFAULTS }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty("code", "GONE");
    expect((error as Error).message).toBe(`Could not read the file ${file}: it is not a regular file`);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = errorResponse(error);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on the server; it has been logged" } });
      expect(logged).toHaveBeenCalledWith(error);
    } finally {
      logged.mockRestore();
      fs.rmdirSync(file);
    }

    // UPLOAD_DIR pointing at a file (ENOTDIR): a misconfiguration, not an upload to send again.
    const notAFolder = path.join(directory, "not-a-folder");
    fs.writeFileSync(notAFolder, "");
    process.env.UPLOAD_DIR = notAFolder;
    try {
      const misplaced = await checkUpload({ actor, uploadId: staged.uploadId, request: DEFAULTS }).catch((caught: unknown) => caught);
      expect(misplaced).not.toHaveProperty("code", "GONE");
      expect((misplaced as Error).message).toMatch(new RegExp(`^Could not read the file ${notAFolder}/${staged.uploadId}: ENOTDIR`));
    } finally {
      process.env.UPLOAD_DIR = directory;
    }
  });
});
