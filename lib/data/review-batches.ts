import "server-only";
// Second opinions on live data: the answered turns of a DIALOGUE project are copied as ordinary items
// into a new draft batch of another project, where k other workers judge them like any imported
// comparison, so the agreement figures cover live turns too. Each copy names the turn item it came
// from (meta.sourceItemId), which is how a turn is sent to a project only once.
import { db, pool } from "@/lib/db/prisma";
import { inTransaction, type SqlRunner } from "@/lib/db/sql-runner";
import { can } from "@/lib/auth/permissions";
import { recordAuditEventSql } from "@/lib/data/audit";
import { ITEM_COMPLETE_SQL } from "@/lib/data/checks/item-completion";
import type { Actor } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validations/parse";
import { sendTurnsForReviewSchema, type SendTurnsForReviewInput } from "@/lib/validations/review";

type ReviewProject = { id: string; slug: string; judgment_kind: string; samples_per_turn: number; k: number };

export type ReviewBatch = { batchId: string; batchName: string; projectSlug: string; itemCount: number; turns: number; edits: number; k: number };

// The source's answered turn items (and their edit items, when $3) not yet copied into the target.
const PENDING = `WITH pending AS (
  SELECT i.id, i.context, b.created_at AS batch_created_at, b.id AS batch_id, i.position, i.id IS NOT DISTINCT FROM t.edit_item_id AS is_edit
  FROM conversation_turns t
  JOIN conversations c ON c.id = t.conversation_id
  JOIN items i ON i.id = t.item_id OR ($3::boolean AND i.id = t.edit_item_id)
  JOIN batches b ON b.id = i.batch_id
  WHERE c.project_id = $1::uuid AND t.answered_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM items r WHERE r.project_id = $2::uuid AND r.meta->>'source' = 'review' AND r.meta->>'sourceItemId' = i.id::text))`;

/** Copies the DIALOGUE project's answered turns not yet sent to the target into a new DRAFT batch of it. */
export async function sendTurnsForReview({ actor, ...input }: { actor: Actor } & SendTurnsForReviewInput): Promise<ReviewBatch> {
  if (!can(actor.role, "project:manage")) throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not send turns for review`);
  const { sourceProjectSlug, targetProjectSlug, k, includeEdits } = parseInput(sendTurnsForReviewSchema, input);
  return inTransaction(pool(), async (sql) => {
    const source = await findProject(sql, sourceProjectSlug, false);
    // The target's row lock makes two sends to it take turns, so neither copies what the other does.
    const target = await findProject(sql, targetProjectSlug, true);
    const pending = await pendingSizes(sql, source, target, includeEdits);
    refuseTarget({ source, target, includeEdits, turnSizes: pending.turnSizes, targetSizes: await itemSizes(sql, target.id) });
    if (pending.turns + pending.edits === 0)
      throw new AppError("CONFLICT", `Every answered turn of ${source.slug} is already in ${target.slug}, or none is answered yet: nothing to send`);
    const batch = await copyTurns(sql, { source, target, includeEdits, actorId: actor.id });
    if (k !== undefined && k !== target.k) await setTargetK(sql, actor, target, k);
    const { turns, edits } = batch;
    await recordAuditEventSql(sql, {
      actor,
      action: "batch.review",
      targetType: "batch",
      targetId: batch.id,
      after: { name: batch.name, source: source.slug, target: target.slug, turns, edits, status: "DRAFT" },
    });
    return { batchId: batch.id, batchName: batch.name, projectSlug: target.slug, itemCount: turns + edits, turns, edits, k: k ?? target.k };
  });
}

export type ReviewTarget = { slug: string; name: string; judgmentKind: "PAIRWISE" | "RANKING"; judgmentsPerItem: number };

/**
 * What the review form offers: the projects a DIALOGUE project's turns could be sent to (those that
 * compare prepared responses), and how many samples its turns have.
 */
export async function findReviewChoices({ sourceProjectSlug }: { sourceProjectSlug: string }) {
  const source = await db().project.findUnique({ where: { slug: sourceProjectSlug }, select: { samplesPerTurn: true } });
  if (!source) throw new AppError("NOT_FOUND", `No project with slug "${sourceProjectSlug}"`);
  const targets = await db().project.findMany({
    where: { judgmentKind: { in: ["PAIRWISE", "RANKING"] }, slug: { not: sourceProjectSlug } },
    select: { slug: true, name: true, judgmentKind: true, judgmentsPerItem: true },
    orderBy: { slug: "asc" },
  });
  return { samplesPerTurn: source.samplesPerTurn, targets: targets as ReviewTarget[] };
}

async function findProject(sql: SqlRunner, slug: string, lock: boolean): Promise<ReviewProject> {
  const [project] = await sql.query<ReviewProject>(
    `SELECT id, slug, judgment_kind, samples_per_turn, judgments_per_item AS k FROM projects WHERE slug = $1${lock ? " FOR NO KEY UPDATE" : ""}`,
    [slug],
  );
  if (!project) throw new AppError("NOT_FOUND", `No project with slug "${slug}"`);
  return project;
}

/** How many turns and edits are waiting, and the numbers of samples the turns have. */
async function pendingSizes(sql: SqlRunner, source: ReviewProject, target: ReviewProject, includeEdits: boolean) {
  const rows = await sql.query<{ is_edit: boolean; size: number; items: number }>(
    `${PENDING}
     SELECT p.is_edit, sizes.size, count(*)::int AS items
     FROM pending p CROSS JOIN LATERAL (SELECT count(*)::int AS size FROM candidates c WHERE c.item_id = p.id) sizes
     GROUP BY p.is_edit, sizes.size`,
    [source.id, target.id, includeEdits],
  );
  const turnRows = rows.filter((row) => !row.is_edit);
  const sum = (list: typeof rows) => list.reduce((total, row) => total + row.items, 0);
  return { turnSizes: [...new Set(turnRows.map((row) => row.size))], turns: sum(turnRows), edits: sum(rows.filter((row) => row.is_edit)) };
}

/** The numbers of candidates the target's items already have. */
async function itemSizes(sql: SqlRunner, projectId: string): Promise<number[]> {
  const rows = await sql.query<{ size: number }>(
    `SELECT DISTINCT size FROM (SELECT count(*)::int AS size FROM candidates c JOIN items i ON i.id = c.item_id
                                WHERE i.project_id = $1::uuid GROUP BY c.item_id) sizes ORDER BY size`,
    [projectId],
  );
  return rows.map((row) => row.size);
}

/**
 * A pair of samples is judged on a PAIRWISE project's scale; K > 2 samples by a RANKING project whose
 * items rank K responses too. Edits are pairs (the edit and the sample it changed).
 */
export function refuseTarget({
  source,
  target,
  includeEdits,
  turnSizes,
  targetSizes,
}: {
  source: ReviewProject;
  target: ReviewProject;
  includeEdits: boolean;
  turnSizes: number[];
  targetSizes: number[];
}) {
  if (source.judgment_kind !== "DIALOGUE")
    throw new AppError("CONFLICT", `${source.slug} is not a live-conversation (DIALOGUE) project: it has no turns to review`);
  const sizes = turnSizes.length > 0 ? turnSizes : [source.samples_per_turn];
  if (sizes.length > 1)
    throw new AppError("CONFLICT", `The turns of ${source.slug} have ${sizes.join(" and ")} samples: one review project cannot take them all`);
  const [size] = sizes;
  const wanted = size === 2 ? "PAIRWISE" : "RANKING";
  if (target.judgment_kind !== wanted) {
    throw new AppError(
      "CONFLICT",
      `${target.slug} is a ${target.judgment_kind} project, but the turns of ${source.slug} have ${size} samples: send them to a ${wanted} project`,
      [{ field: "targetProjectSlug", message: `needs a ${wanted} project` }],
    );
  }
  const others = targetSizes.filter((other) => other !== size);
  if (wanted === "RANKING" && others.length > 0)
    throw new AppError(
      "CONFLICT",
      `${target.slug} ranks ${others.join(" or ")} responses an item, but the turns of ${source.slug} have ${size}: choose a project that ranks ${size}`,
    );
  if (includeEdits && target.judgment_kind !== "PAIRWISE")
    throw new AppError("CONFLICT", "Edits are pairs (the edit and the sample it changed): send them only to a PAIRWISE project, or leave them out");
}

/** The new DRAFT batch and its items, in the order the turns were made, with their candidates as they are. */
async function copyTurns(sql: SqlRunner, options: { source: ReviewProject; target: ReviewProject; includeEdits: boolean; actorId: string }) {
  const { source, target, includeEdits, actorId } = options;
  const [batch] = await sql.query<{ id: string; name: string }>(
    `INSERT INTO batches (project_id, name, status, source_format, created_by_id)
     VALUES ($1::uuid, 'Review of ' || $2 || ', ' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), 'DRAFT', 'review', $3::uuid)
     RETURNING id, name`,
    [target.id, source.slug, actorId],
  );
  // The content hash is the one imports compute, so importing the same comparison later finds it.
  const count = await sql.execute(
    `${PENDING}
     INSERT INTO items (project_id, batch_id, position, context, meta, content_hash)
     SELECT $2::uuid, $4::uuid, row_number() OVER (ORDER BY p.batch_created_at, p.batch_id, p.position), p.context,
            jsonb_build_object('source', 'review', 'sourceItemId', p.id::text),
            items_content_hash(p.context, COALESCE((SELECT jsonb_agg(c.text ORDER BY c.position) FROM candidates c WHERE c.item_id = p.id), '[]'::jsonb))
     FROM pending p`,
    [source.id, target.id, includeEdits, batch.id],
  );
  await sql.execute(
    `INSERT INTO candidates (item_id, position, text, model, meta)
     SELECT r.id, c.position, c.text, c.model, c.meta FROM items r JOIN candidates c ON c.item_id = (r.meta->>'sourceItemId')::uuid
     WHERE r.batch_id = $1::uuid`,
    [batch.id],
  );
  await sql.execute("UPDATE batches SET item_count = $2 WHERE id = $1::uuid", [batch.id, count]);
  // Counted from what was copied: a turn answered since the sizes were read is in the batch too.
  const [copied] = await sql.query<{ edits: number }>(
    `SELECT count(*)::int AS edits FROM items r JOIN conversation_turns t ON t.edit_item_id = (r.meta->>'sourceItemId')::uuid
     WHERE r.batch_id = $1::uuid`,
    [batch.id],
  );
  return { ...batch, turns: count - copied.edits, edits: copied.edits };
}

/** The target's k, as a settings change would set it: complete flags re-marked, and audited. */
async function setTargetK(sql: SqlRunner, actor: Actor, target: ReviewProject, k: number) {
  await sql.execute("UPDATE projects SET judgments_per_item = $2, updated_at = now() WHERE id = $1::uuid", [target.id, k]);
  await sql.execute(`UPDATE items SET is_complete = ${ITEM_COMPLETE_SQL("$2")} WHERE project_id = $1::uuid AND is_complete <> ${ITEM_COMPLETE_SQL("$2")}`, [
    target.id,
    k,
  ]);
  await recordAuditEventSql(sql, {
    actor,
    action: "project.update",
    targetType: "project",
    targetId: target.id,
    before: { judgmentsPerItem: target.k },
    after: { judgmentsPerItem: k },
  });
}
