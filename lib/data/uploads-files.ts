// Where staged uploads wait between the upload, the check and the commit: beside the exports, in the
// app's data folder, one file per upload named by its id.
import path from "node:path";
import { env } from "@/lib/env";
import { IMPORT_MAX_BYTES } from "@/lib/formats/import-limits";
import { projectRoot } from "@/lib/project-root";

/** 1 GiB: the largest file an admin may upload, as for every import. */
export const UPLOAD_MAX_BYTES = IMPORT_MAX_BYTES;
/** Staged files nobody imported are deleted after a day. */
export const UPLOAD_RETENTION_MS = 24 * 60 * 60 * 1000;

export function uploadDirectory(): string {
  return env().UPLOAD_DIR ?? path.join(projectRoot(), ".preflab", "uploads");
}

export function uploadFilePath(uploadId: string): string {
  return path.join(uploadDirectory(), uploadId);
}
