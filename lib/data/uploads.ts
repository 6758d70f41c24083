import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { describeImportFile, type FileDescription } from "@/lib/formats/describe-import-file";
import type { Actor } from "@/lib/data/users";
import { assertMayImport, importItems, type ImportProgress, type ImportResult } from "@/lib/data/imports";
import { checkImport, type ImportCheck } from "@/lib/data/imports-check";
import { findProjectBySlug } from "@/lib/data/projects";
import { statFile } from "@/lib/stat-file";
import { UPLOAD_MAX_BYTES, UPLOAD_RETENTION_MS, uploadDirectory, uploadFilePath } from "@/lib/data/uploads-files";
import type { CommitImportRequest, ImportRequest } from "@/lib/validations/import";
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

function tooLarge(maxBytes: number) {
  return new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${formatBytes(maxBytes)}, the most an upload may be; nothing was stored`);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GB` : bytes >= 1024 ** 2 ? `${Math.round(bytes / 1024 ** 2)} MB` : `${bytes} bytes`;
}

/**
 * Streams an upload to disk so that the check and the commit read it from there: a 1 GB file is
 * sent once. A body over the cap is refused and its partial file deleted.
 */
export async function saveUpload({ actor, projectSlug, body, filename, declaredBytes, maxBytes = UPLOAD_MAX_BYTES }: SaveOptions): Promise<StagedUpload> {
  assertMayImport(actor);
  const project = await findProjectBySlug({ slug: projectSlug });
  if (declaredBytes && declaredBytes > maxBytes) throw tooLarge(maxBytes);
  await deleteStaleUploads({});
  const uploadId = randomUUID();
  const file = uploadFilePath(uploadId);
  await fs.promises.mkdir(uploadDirectory(), { recursive: true });
  let byteSize = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      byteSize += chunk.length;
      done(byteSize > maxBytes ? tooLarge(maxBytes) : null, chunk);
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
        select: { id: true, filename: true, byteSize: true, batchId: true, project: { select: { slug: true } } },
      })
    : null;
  if (!upload) throw new AppError("NOT_FOUND", "No such upload: it may have expired (uploads are kept for a day); upload the file again");
  if (upload.batchId)
    throw new AppError("GONE", `This upload was already imported as batch ${upload.batchId}`, [{ field: "batchId", message: upload.batchId }]);
  const file = uploadFilePath(upload.id);
  if (!(await statFile(file))) throw new AppError("GONE", "The uploaded file is no longer on the server; upload it again");
  return { ...upload, file, byteSize: Number(upload.byteSize) };
}

type UploadStep<R> = { actor: Actor; uploadId: string; request: R; onProgress?: (progress: ImportProgress) => void };

/** After the role check, the staged upload and the import options every step reads it with. */
async function openUpload({ actor, uploadId, request, onProgress }: UploadStep<ImportRequest>) {
  assertMayImport(actor);
  const upload = await findWaitingUpload(uploadId);
  const source = fs.createReadStream(upload.file);
  return {
    upload,
    read: { actor, projectSlug: upload.project.slug, source, totalBytes: upload.byteSize, format: request.format, mapping: request.mapping, onProgress },
  };
}

/** Validates a staged upload and returns the counts and the preview; stores nothing. */
export async function checkUpload(step: UploadStep<ImportRequest>): Promise<ImportCheck & { uploadId: string }> {
  const { read } = await openUpload(step);
  return { uploadId: step.uploadId, ...(await checkImport(read)) };
}

/** Imports a staged upload as a new batch (all or nothing) and deletes the staged file. */
export async function commitUpload(step: UploadStep<CommitImportRequest>): Promise<ImportResult & { uploadId: string }> {
  const { upload, read } = await openUpload(step);
  const { request, uploadId } = step;
  const result = await importItems({
    ...read,
    skipDuplicates: request.skipDuplicates,
    activate: request.activate,
    batchName: request.name || upload.filename,
    uploadId,
  });
  await fs.promises.rm(upload.file, { force: true });
  return { uploadId, ...result };
}

/** Deletes staged files (and their rows, when never imported) older than the retention. */
export async function deleteStaleUploads({ now = new Date() }: { now?: Date }): Promise<number> {
  const cutoff = new Date(now.getTime() - UPLOAD_RETENTION_MS);
  const stale = await db().upload.findMany({ where: { createdAt: { lt: cutoff }, batchId: null }, select: { id: true } });
  for (const { id } of stale) await fs.promises.rm(uploadFilePath(id), { force: true });
  await db().upload.deleteMany({ where: { id: { in: stale.map((u) => u.id) } } });
  return stale.length;
}
