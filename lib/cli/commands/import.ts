import fs from "node:fs";
import path from "node:path";
import { resolveCliActor } from "@/lib/cli/actor";
import { importItems, type ImportProgress } from "@/lib/data/imports";
import { AppError } from "@/lib/errors";
import type { ImportFormat } from "@/lib/formats/import-formats";
import { commitImportSchema, parseMappingText } from "@/lib/validations/import";
import { parseInput } from "@/lib/validations/parse";

type ImportCommandOptions = {
  project: string;
  format: ImportFormat | "auto";
  map?: string;
  skipDuplicates?: boolean;
  activate?: boolean;
  name?: string;
  role?: string;
  as?: string;
};

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function progressLine({ bytesRead, totalBytes, items }: ImportProgress): string {
  const percent = totalBytes ? ` (${Math.floor((bytesRead / totalBytes) * 100)}%)` : "";
  return `\rread ${megabytes(bytesRead)} of ${megabytes(totalBytes ?? bytesRead)}${percent}, ${items.toLocaleString("en")} items`;
}

function readMapping(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return parseMappingText(text);
  } catch (error) {
    throw new AppError("INVALID_INPUT", (error as Error).message, [{ field: "map", message: (error as Error).message }]);
  }
}

export async function importCommand(file: string, options: ImportCommandOptions) {
  if (!fs.existsSync(file)) throw new AppError("NOT_FOUND", `No file at ${file}`);
  const input = parseInput(commitImportSchema, {
    format: options.format,
    mapping: readMapping(options.map),
    skipDuplicates: options.skipDuplicates ?? false,
    activate: options.activate ?? false,
    name: options.name,
    role: options.role,
  });
  const actor = await resolveCliActor(options.as);
  const started = Date.now();
  const showProgress = process.stderr.isTTY === true;
  try {
    const result = await importItems({
      actor,
      projectSlug: options.project,
      source: fs.createReadStream(file),
      totalBytes: fs.statSync(file).size,
      batchName: input.name || path.basename(file),
      format: input.format,
      mapping: input.mapping,
      skipDuplicates: input.skipDuplicates,
      activate: input.activate,
      role: input.role,
      onProgress: (progress) => showProgress && process.stderr.write(progressLine(progress)),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const skipped = result.duplicatesSkipped > 0 ? ` Skipped ${result.duplicatesSkipped} duplicates of items already in the project.` : "";
    const draft = result.status === "DRAFT" ? " Activate it on the batch page, or import with --activate." : "";
    console.log(
      `Imported ${result.itemCount} ${result.role === "task" ? "" : `${result.role} `}items (${result.format}) into project ${options.project} as ${result.status.toLowerCase()} batch "${result.batchName}" (${result.batchId}) in ${seconds} s.${skipped}${draft}`,
    );
  } finally {
    if (showProgress) process.stderr.write("\n");
  }
}
