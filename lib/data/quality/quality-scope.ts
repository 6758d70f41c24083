import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validations/ids";

export type QualityProject = { id: string; slug: string; name: string; polarity: string; judgmentKind: string; judgmentsPerItem: number };

/** The project (by slug) and, when asked for, one of its batches; NOT_FOUND for either unknown. */
export async function findQualityScope(slug: string, batchId: string | null) {
  const [project] = await queryPool<QualityProject>(
    pool(),
    `SELECT id, slug, name, polarity::text AS polarity, judgment_kind::text AS "judgmentKind", judgments_per_item AS "judgmentsPerItem"
       FROM projects WHERE slug = $1`,
    [slug],
  );
  if (!project) throw new AppError("NOT_FOUND", `No project "${slug}"`);
  if (batchId === null) return { project, batch: null };
  const [batch] = isId(batchId)
    ? await queryPool<{ id: string; name: string }>(pool(), "SELECT id, name FROM batches WHERE id = $1 AND project_id = $2", [batchId, project.id])
    : [];
  if (!batch) throw new AppError("NOT_FOUND", `No batch ${batchId} in project "${slug}"`);
  return { project, batch };
}

/** A project's batches, newest first, for choosing which one the figures cover. */
export async function findProjectBatches(slug: string): Promise<{ id: string; name: string }[]> {
  return queryPool<{ id: string; name: string }>(
    pool(),
    "SELECT b.id, b.name FROM batches b JOIN projects p ON p.id = b.project_id WHERE p.slug = $1 ORDER BY b.created_at DESC",
    [slug],
  );
}
