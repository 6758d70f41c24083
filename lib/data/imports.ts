import "server-only";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { pool } from "@/lib/db/prisma";
import { setTransactionLimits } from "@/lib/db/session-limits";
import { rollbackAndRelease } from "@/lib/db/sql-runner";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { ImportFormat } from "@/lib/formats/import-formats";
import type { ItemRoleName } from "@/lib/formats/reference-preference";
import type { Actor } from "@/lib/data/users";
import { findProjectBySlug } from "@/lib/data/projects";
import { assertImportable, assertSizeAllowed, scanImport, type ImportProgress, type ProjectRef, type ScanOptions } from "@/lib/data/imports-scan";
import { insertImportAudit, insertItemChunk } from "@/lib/data/imports-sql";

export { MAX_REPORTED_ERRORS, type ImportProgress } from "@/lib/data/imports-scan";

export type ImportResult = {
  batchId: string;
  batchName: string;
  format: ImportFormat;
  status: "DRAFT" | "ACTIVE";
  itemCount: number;
  duplicatesSkipped: number;
  /** The items' role: task, or a kind of check item (gold, attention, practice). */
  role: ItemRoleName;
};

export type ImportOptions = Omit<ScanOptions, "project"> & {
  actor: Actor;
  projectSlug: string;
  batchName: string;
  skipDuplicates?: boolean;
  /** Make the batch ACTIVE at once instead of DRAFT (the command line's --activate). */
  activate?: boolean;
  /** The staged upload this import reads, marked as imported in the same transaction. */
  uploadId?: string;
};

/** An import whose transaction is open, its locks held and its checks passed: run() reads the file into it. */
export type StartedImport = { run: (onProgress?: (progress: ImportProgress) => void) => Promise<ImportResult> };

export function assertMayImport(actor: Actor) {
  if (!can(actor.role, "batch:import")) throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not import batches`);
}

export function uploadAlreadyImported(batchId: string) {
  return new AppError("GONE", `This upload was already imported as batch ${batchId}`, [{ field: "batchId", message: batchId }]);
}

/**
 * Streams a file into a new batch inside one transaction, items inserted chunk by chunk as they
 * are read so memory stays flat. A file with any bad line throws and the transaction rolls back:
 * it stores nothing. The batch is a DRAFT unless asked to activate; an admin activates it later.
 */
export async function importItems(options: ImportOptions): Promise<ImportResult> {
  return (await startImport(options)).run();
}

/**
 * The part of an import that is decided before the file is read: the role, the project, and the
 * transaction with its locks. A route answers these refusals with their HTTP status, and only
 * then starts streaming the progress of run().
 */
export async function startImport(options: ImportOptions): Promise<StartedImport> {
  assertMayImport(options.actor);
  const project = await findProjectBySlug({ slug: options.projectSlug });
  assertImportable(project);
  assertSizeAllowed(options);
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    // A large import's inserts, and its wait for another import of the project, may outlast the
    // statement limit; the idle limit stays, so an upload that stops sending ends its transaction.
    await setTransactionLimits(client, { statementMs: 0 });
    // One import at a time per project: duplicates are found against committed items, so two
    // imports of the same file at once would otherwise both store it. Imports are rare; waiting is fine.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`import:${project.id}`]);
    if (options.uploadId) await lockWaitingUpload(client, options.uploadId);
  } catch (error) {
    await rollbackAndRelease(client);
    throw error;
  }
  return { run: (onProgress = options.onProgress) => runImport(client, project, { ...options, onProgress }) };
}

/**
 * Locks the staged upload's row until the import commits: a second commit of it (a double click,
 * a retry) waits here and then finds it imported, so a file becomes one batch, never two.
 */
async function lockWaitingUpload(client: pg.PoolClient, uploadId: string) {
  const { rows } = await client.query<{ batch_id: string | null }>("SELECT batch_id FROM uploads WHERE id = $1 FOR UPDATE", [uploadId]);
  if (rows.length === 0) throw new AppError("NOT_FOUND", "No such upload: it may have expired (uploads are kept for a day); upload the file again");
  if (rows[0].batch_id) throw uploadAlreadyImported(rows[0].batch_id);
}

async function runImport(client: pg.PoolClient, project: ProjectRef, options: ImportOptions): Promise<ImportResult> {
  const skipDuplicates = options.skipDuplicates ?? false;
  const role = options.role ?? "task";
  const status = options.activate ? "ACTIVE" : "DRAFT";
  const batchId = randomUUID();
  let batchInserted = false;
  let itemCount = 0;
  try {
    const scan = await scanImport({ ...options, project }, async (rows) => {
      if (!batchInserted) {
        // The format is known by the first chunk; it is only a label on the batch, set again at the end.
        await client.query(
          `INSERT INTO batches (id, project_id, name, status, source_format, created_by_id, activated_at)
           VALUES ($1, $2, $3, $4::"BatchStatus", $5, $6, CASE WHEN $4::"BatchStatus" = 'ACTIVE' THEN now() END)`,
          [batchId, project.id, options.batchName, status, options.format ?? "auto", options.actor.id],
        );
        batchInserted = true;
      }
      itemCount += await insertItemChunk(client, { projectId: project.id, batchId, rows, skipDuplicates, role });
    });
    const duplicatesSkipped = scan.itemCount - itemCount;
    if (itemCount === 0) throw new AppError("CONFLICT", `All ${scan.itemCount} items are already in the project; nothing was imported`);
    await client.query("UPDATE batches SET item_count = $2, source_format = $3 WHERE id = $1", [batchId, itemCount, scan.format]);
    if (options.uploadId) await client.query("UPDATE uploads SET batch_id = $2 WHERE id = $1", [options.uploadId, batchId]);
    await insertImportAudit(client, {
      actorId: options.actor.id,
      batchId,
      after: { name: options.batchName, format: scan.format, itemCount, duplicatesSkipped, status, ...(role === "task" ? {} : { role }) },
    });
    await client.query("COMMIT");
    client.release();
    return { batchId, batchName: options.batchName, format: scan.format, status, itemCount, duplicatesSkipped, role };
  } catch (error) {
    await rollbackAndRelease(client);
    throw error;
  }
}
