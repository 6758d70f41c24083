import fs from "node:fs";
import path from "node:path";
import { resolveCliActor } from "@/lib/cli/actor";
import { importItems } from "@/lib/data/imports";
import { AppError } from "@/lib/errors";
import type { ImportFormat } from "@/lib/formats/import-formats";

export async function importCommand(file: string, options: { project: string; format: ImportFormat | "auto"; name?: string; as?: string }) {
  if (!fs.existsSync(file)) throw new AppError("NOT_FOUND", `No file at ${file}`);
  const actor = await resolveCliActor(options.as);
  const totalBytes = fs.statSync(file).size;
  const source = fs.createReadStream(file);
  const started = Date.now();
  const result = await importItems({
    actor,
    projectSlug: options.project,
    source,
    batchName: options.name ?? path.basename(file),
    format: options.format,
    onProgress: ({ lines, items }) => {
      const percent = totalBytes > 0 ? Math.floor((source.bytesRead / totalBytes) * 100) : 100;
      if (process.stderr.isTTY) process.stderr.write(`\rread ${lines.toLocaleString("en")} lines (${percent}%), ${items.toLocaleString("en")} items`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Imported ${result.itemCount} items (${result.format}) into project ${options.project} as batch "${result.batchName}" (${result.batchId}) in ${seconds} s.`);
}
