import "server-only";
import { createHash } from "node:crypto";
import Cursor from "pg-cursor";
import { db, pool } from "@/lib/db/prisma";
import { encodePairRecord, type ExportFormat } from "@/lib/formats/export-formats";
import type { ChatMessage } from "@/lib/formats/item";
import { preferencePairs } from "@/lib/formats/preference-pairs";
import type { Actor } from "@/lib/data/users";
import { findProjectBySlug } from "@/lib/data/projects";

const CURSOR_ROWS = 500;

type JudgmentRow = { ranking: string[][]; context: ChatMessage[]; texts: Record<string, string> };

export type ExportStream = {
  exportId: string;
  filename: string;
  lines: AsyncGenerator<string>;
  /** Stops reading (the client went away); the record is marked failed, never left running. */
  cancel: () => Promise<void>;
};

/**
 * A project's judgments as dataset lines, read through a cursor inside one repeatable-read
 * snapshot: memory stays flat, and the same data and options give the same bytes. An export
 * record is written first and completed with the row count, size and SHA-256 at the end.
 */
export async function startExport({ actor, projectSlug, format }: { actor: Actor; projectSlug: string; format: ExportFormat }): Promise<ExportStream> {
  const project = await findProjectBySlug({ slug: projectSlug });
  const record = await db().export.create({
    data: { projectId: project.id, requestedById: actor.id, format, options: {} },
    select: { id: true, createdAt: true },
  });
  const stamp = record.createdAt.toISOString().slice(0, 10);
  const lines = exportLines({ exportId: record.id, projectId: project.id, invert: project.polarity === "RED_TEAM", format });
  return {
    exportId: record.id,
    filename: `${project.slug}-${format}-${stamp}.jsonl`,
    lines,
    cancel: async () => {
      await lines.return(undefined);
      // A generator closed before its first line never ran its own bookkeeping.
      await db().export.updateMany({ where: { id: record.id, status: "RUNNING" }, data: { status: "FAILED", error: "the download was cancelled", completedAt: new Date() } });
    },
  };
}

async function* exportLines({ exportId, projectId, invert, format }: { exportId: string; projectId: string; invert: boolean; format: ExportFormat }) {
  const client = await pool().connect();
  const hash = createHash("sha256");
  let rows = 0;
  let bytes = 0;
  let finished = false;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const cursor = client.query(
      new Cursor<JudgmentRow>(
        `SELECT j.ranking, i.context,
                (SELECT json_object_agg(c.id, c.text) FROM candidates c WHERE c.item_id = i.id) AS texts
         FROM judgments j JOIN items i ON i.id = j.item_id JOIN batches b ON b.id = i.batch_id
         WHERE j.project_id = $1
         ORDER BY b.created_at, b.id, i.position, j.created_at, j.id`,
        [projectId],
      ),
    );
    for (let batch = await cursor.read(CURSOR_ROWS); batch.length > 0; batch = await cursor.read(CURSOR_ROWS)) {
      for (const row of batch) {
        for (const pair of preferencePairs({ ranking: row.ranking, invert })) {
          const line = encodePairRecord(format, { context: row.context, chosen: row.texts[pair.chosenId], rejected: row.texts[pair.rejectedId] });
          hash.update(line);
          bytes += Buffer.byteLength(line);
          rows++;
          yield line;
        }
      }
    }
    await cursor.close();
    await client.query("COMMIT");
    finished = true;
  } finally {
    if (!finished) await client.query("ROLLBACK").catch(() => undefined);
    client.release();
    await db().export.update({
      where: { id: exportId },
      data: finished
        ? { status: "COMPLETE", rowCount: rows, byteSize: bytes, sha256: hash.digest("hex"), completedAt: new Date() }
        : { status: "FAILED", rowCount: rows, error: "the download stopped before the end", completedAt: new Date() },
    });
  }
}
