// Where staged uploads wait between the upload, the check and the commit: beside the exports, in the
// app's data folder, one file per upload named by its id.
import path from "node:path";
import { env } from "@/lib/env";
import { projectRoot } from "@/lib/project-root";

/** 1 GiB: the largest file an admin may upload. */
export const UPLOAD_MAX_BYTES = 1024 * 1024 * 1024;
/** Staged files nobody imported are deleted after a day. */
export const UPLOAD_RETENTION_MS = 24 * 60 * 60 * 1000;

export function uploadDirectory(): string {
  return env().UPLOAD_DIR ?? path.join(projectRoot(), ".preflab", "uploads");
}

export function uploadFilePath(uploadId: string): string {
  return path.join(uploadDirectory(), uploadId);
}
