import "server-only";
import { pool } from "@/lib/db/prisma";
import { setTransactionLimits } from "@/lib/db/session-limits";
import { rollbackAndRelease } from "@/lib/db/sql-runner";
import type { ImportFormat } from "@/lib/formats/import-formats";
import type { ItemInput } from "@/lib/formats/item";
import { assertMayImport, type ImportOptions } from "@/lib/data/imports";
import { scanImport } from "@/lib/data/imports-scan";
import { countDuplicates, createHashTable, recordChunkHashes } from "@/lib/data/imports-sql";
import { findProjectBySlug } from "@/lib/data/projects";

export const PREVIEW_ITEMS = 5;

export type ImportCheck = {
  format: ImportFormat;
  itemCount: number;
  /** Items equal (same context and candidate texts) to one already in the project. */
  duplicatesInProject: number;
  /** Repeats, within the file, of items that are new to the project. */
  duplicatesInFile: number;
  preview: { line: number; item: ItemInput }[];
};

type CheckOptions = Omit<ImportOptions, "batchName" | "skipDuplicates" | "activate" | "uploadId">;

/**
 * Reads the whole file as an import would, without storing it: every bad line (INVALID_FILE with
 * the line report), the item count, the duplicates and the first items for a preview. The hashes
 * go to a temporary table so a file of any size is checked in flat memory.
 */
export async function checkImport(options: CheckOptions): Promise<ImportCheck> {
  assertMayImport(options.actor);
  const project = await findProjectBySlug({ slug: options.projectSlug });
  const preview: ImportCheck["preview"] = [];
  const client = await pool().connect();
  try {
    await client.query("BEGIN READ WRITE");
    // Checked like an import (lib/data/imports.ts): no statement limit, the idle limit kept.
    await setTransactionLimits(client, { statementMs: 0 });
    await createHashTable(client);
    const scan = await scanImport({ ...options, project }, async (rows) => {
      for (const row of rows) if (preview.length < PREVIEW_ITEMS) preview.push({ line: row.position, item: row.item });
      await recordChunkHashes(client, { projectId: project.id, rows });
    });
    const duplicates = await countDuplicates(client);
    return { format: scan.format, itemCount: scan.itemCount, duplicatesInProject: duplicates.inProject, duplicatesInFile: duplicates.inFile, preview };
  } finally {
    // Nothing of a check is kept; the temporary table goes with the transaction.
    await rollbackAndRelease(client);
  }
}
