import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { describeImportFile, type FileDescription } from "@/lib/formats/describe-import-file";
import type { Actor } from "@/lib/data/users";
import { assertMayImport, startImport, uploadAlreadyImported, type ImportProgress, type ImportResult } from "@/lib/data/imports";
import { checkImport, type ImportCheck } from "@/lib/data/imports-check";
import { assertImportable, fileTooLarge } from "@/lib/data/imports-scan";
import { findProjectBySlug } from "@/lib/data/projects";
import { mappingErrors, readCsvHeader } from "@/lib/formats/csv-records";
import { openImportSource } from "@/lib/formats/gzip-source";
import { statFile } from "@/lib/stat-file";
import { UPLOAD_MAX_BYTES, UPLOAD_RETENTION_MS, uploadDirectory, uploadFilePath } from "@/lib/data/uploads-files";
import type { CommitImportRequest, CsvMapping, ImportRequest } from "@/lib/validations/import";
import { isId } from "@/lib/validations/ids";

export type StagedUpload = FileDescription & { uploadId: string; filename: string; byteSize: number };

type SaveOptions = {
  actor: Actor;
  projectSlug: string;
  body: Readable | AsyncIterable<Uint8Array>;
  filename: string;
  /** The Content-Length the client announced, to refuse an oversized file before reading it. */
  declaredBytes?: number | null;
  maxBytes?: number;
};

/**
 * Streams an upload to disk so that the check and the commit read it from there: a 1 GB file is
 * sent once. A body over the cap is refused and its partial file deleted.
 */
export async function saveUpload({ actor, projectSlug, body, filename, declaredBytes, maxBytes = UPLOAD_MAX_BYTES }: SaveOptions): Promise<StagedUpload> {
  assertMayImport(actor);
  const project = await findProjectBySlug({ slug: projectSlug });
  assertImportable(project);
  if (declaredBytes && declaredBytes > maxBytes) throw fileTooLarge(maxBytes);
  await deleteStaleUploads({});
  const uploadId = randomUUID();
  const file = uploadFilePath(uploadId);
  await fs.promises.mkdir(uploadDirectory(), { recursive: true });
  let byteSize = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      byteSize += chunk.length;
      done(byteSize > maxBytes ? fileTooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(body, limit, fs.createWriteStream(file, { flags: "wx" }));
    if (byteSize === 0) throw new AppError("INVALID_FILE", "The file is empty; nothing was stored");
    await db().upload.create({ data: { id: uploadId, projectId: project.id, createdById: actor.id, filename: filename.slice(0, 255), byteSize } });
  } catch (error) {
    await fs.promises.rm(file, { force: true });
    throw error;
  }
  const description = await describeImportFile(() => fs.createReadStream(file));
  return { uploadId, filename, byteSize, ...description };
}

async function findWaitingUpload(uploadId: string) {
  // A malformed id is simply not found, rather than a database error.
  const upload = isId(uploadId)
    ? await db().upload.findUnique({
        where: { id: uploadId },
        select: { id: true, filename: true, byteSize: true, batchId: true, project: { select: { id: true, slug: true, judgmentKind: true } } },
      })
    : null;
  if (!upload) throw new AppError("NOT_FOUND", "No such upload: it may have expired (uploads are kept for a day); upload the file again");
  if (upload.batchId) throw uploadAlreadyImported(upload.batchId);
  const file = uploadFilePath(upload.id);
  if (!(await statFile(file))) throw new AppError("GONE", "The uploaded file is no longer on the server; upload it again");
  return { ...upload, file, byteSize: Number(upload.byteSize) };
}

type WaitingUpload = Awaited<ReturnType<typeof findWaitingUpload>>;

/** A CSV mapping that names columns the file's header lacks is known before the file is read through. */
async function assertMappingFits(file: string, mapping: CsvMapping) {
  const opened = await openImportSource(fs.createReadStream(file));
  const header = await readCsvHeader(opened.stream).catch((error: unknown) => {
    // A header that does not parse is the check's to report, with its line; a failing disk is not.
    if (typeof (error as NodeJS.ErrnoException | null)?.syscall === "string") throw error;
    return null;
  });
  const problems = header ? mappingErrors(header.columns, mapping) : [];
  if (header && problems.length > 0) {
    throw new AppError(
      "INVALID_FILE",
      "The column mapping names columns the file's header does not have; nothing was imported",
      problems.map((problem) => ({ line: header.line, ...problem })),
    );
  }
}

type UploadStep<R> = { actor: Actor; uploadId: string; request: R; onProgress?: (progress: ImportProgress) => void };
/** A step whose refusals that need no reading of the file are behind it: it reads the file when called. */
export type UploadRun<T> = (onProgress?: (progress: ImportProgress) => void) => Promise<T>;

/**
 * What the check and the commit refuse before they read the file through, so that a route answers
 * these with their HTTP status rather than inside a stream that has begun: the role, the upload
 * (unknown, imported already, its file gone), its project, and the CSV mapping against the header.
 */
async function prepareStep({ actor, uploadId, request }: UploadStep<ImportRequest>): Promise<WaitingUpload> {
  assertMayImport(actor);
  const upload = await findWaitingUpload(uploadId);
  assertImportable(upload.project);
  if (request.format === "csv" && request.mapping) await assertMappingFits(upload.file, request.mapping);
  return upload;
}

/** The staged file, opened when first read: a commit that waits for its lock and finds the upload imported never opens it. */
async function* stagedFile(file: string): AsyncGenerator<Uint8Array> {
  yield* fs.createReadStream(file);
}

function readOptions({ actor, request, onProgress }: UploadStep<ImportRequest>, upload: WaitingUpload) {
  const { format, mapping, role } = request;
  return { actor, projectSlug: upload.project.slug, source: stagedFile(upload.file), totalBytes: upload.byteSize, format, mapping, role, onProgress };
}

/** Validates a staged upload once called, returning the counts and the preview; stores nothing. */
export async function startUploadCheck(step: UploadStep<ImportRequest>): Promise<UploadRun<ImportCheck & { uploadId: string }>> {
  const upload = await prepareStep(step);
  return async (onProgress) => ({ uploadId: step.uploadId, ...(await checkImport({ ...readOptions(step, upload), onProgress })) });
}

export async function checkUpload(step: UploadStep<ImportRequest>): Promise<ImportCheck & { uploadId: string }> {
  return (await startUploadCheck(step))(step.onProgress);
}

/**
 * Imports a staged upload as a new batch (all or nothing) once called, and deletes the staged file.
 * The upload's row is locked before this returns, so a second commit of it at the same time waits
 * here and is refused GONE before any answer has begun.
 */
export async function startUploadCommit(step: UploadStep<CommitImportRequest>): Promise<UploadRun<ImportResult & { uploadId: string }>> {
  const upload = await prepareStep(step);
  const { request, uploadId } = step;
  const started = await startImport({
    ...readOptions(step, upload),
    skipDuplicates: request.skipDuplicates,
    activate: request.activate,
    batchName: request.name || upload.filename,
    uploadId,
  });
  return async (onProgress) => {
    const result = await started.run(onProgress);
    await fs.promises.rm(upload.file, { force: true });
    return { uploadId, ...result };
  };
}

export async function commitUpload(step: UploadStep<CommitImportRequest>): Promise<ImportResult & { uploadId: string }> {
  return (await startUploadCommit(step))(step.onProgress);
}

/** Deletes staged files (and their rows, when never imported) older than the retention. */
export async function deleteStaleUploads({ now = new Date() }: { now?: Date }): Promise<number> {
  const cutoff = new Date(now.getTime() - UPLOAD_RETENTION_MS);
  const stale = await db().upload.findMany({ where: { createdAt: { lt: cutoff }, batchId: null }, select: { id: true } });
  for (const { id } of stale) await fs.promises.rm(uploadFilePath(id), { force: true });
  await db().upload.deleteMany({ where: { id: { in: stale.map((u) => u.id) } } });
  return stale.length;
}
