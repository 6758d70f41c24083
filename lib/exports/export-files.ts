// Where background exports keep their files until they expire.
import path from "node:path";
import { env } from "@/lib/env";
import { fileExtension, type ExportOptions } from "@/lib/exports/export-options";
import { projectRoot } from "@/lib/project-root";

export function exportDirectory(): string {
  return env().EXPORT_DIR ?? path.join(projectRoot(), ".preflab", "exports");
}

export function retentionDays(): number {
  return env().EXPORT_RETENTION_DAYS;
}

// The directory is chosen at run time; without the ignore comment the build would trace the whole project into the server.
export function exportFilePath(exportId: string, options: Pick<ExportOptions, "fileType">): string {
  return path.join(/*turbopackIgnore: true*/ exportDirectory(), `${exportId}.${fileExtension(options.fileType)}`);
}

/** preflab-helpful-v1-trl-2026-11-27.jsonl */
export function exportFileName(options: Pick<ExportOptions, "projects" | "format" | "fileType">, createdAt: Date): string {
  const projects = options.projects.length > 3 ? `${options.projects.slice(0, 3).join("-")}-and-more` : options.projects.join("-");
  return `preflab-${projects}-${options.format}-${createdAt.toISOString().slice(0, 10)}.${fileExtension(options.fileType)}`;
}

export const CONTENT_TYPES: Record<ExportOptions["fileType"], string> = {
  jsonl: "application/jsonl; charset=utf-8",
  "jsonl.gz": "application/gzip",
  csv: "text/csv; charset=utf-8",
  parquet: "application/vnd.apache.parquet",
  "hf-dataset": "application/zip",
};
