// ADAPTIVE pairing for imported model-vs-model items: of the next open items in the claim's order,
// the one whose two models' next comparison narrows the project's rating intervals most. Looking a
// bounded way ahead keeps a claim's cost independent of the project's size; items whose responses do
// not name two different models are left to the usual order.
import type { SqlRunner } from "@/lib/db/sql-runner";
import { pairKey } from "@/lib/models/pairing";
import { modelPairGains } from "@/lib/data/quality/adaptive-state";

const LOOK_AHEAD = 128;

// The same open items PICK_OPEN_ITEM would offer this worker, with the models of their two responses.
const OPEN_PAIRS = `
  SELECT o.id, min(c.model) AS model_a, max(c.model) AS model_b
  FROM (SELECT i.id, i.position FROM items i
        WHERE i.batch_id = $1::uuid AND i.is_complete = false
          AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = $3::uuid)
          AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.item_id = i.id AND s.worker_id = $3::uuid AND s.status IN ('RELEASED', 'ACTIVE'))
          AND i.judgment_count + (SELECT count(*) FROM assignments a
            WHERE a.item_id = i.id AND a.status = 'ACTIVE' AND a.lease_expires_at > now()) < $2 + i.extra_judgments
        ORDER BY i.position LIMIT ${LOOK_AHEAD}) o
  JOIN candidates c ON c.item_id = o.id
  GROUP BY o.id, o.position
  HAVING count(*) = 2 AND count(DISTINCT c.model) = 2
  ORDER BY o.position`;

type AdaptivePick = { projectId: string; batchIds: string[]; k: number; workerId: string };

/** Locks and returns the most informative open model-vs-model item, or null to fall back to file order. */
export async function lockMostInformativeItem(sql: SqlRunner, { projectId, batchIds, k, workerId }: AdaptivePick): Promise<string | null> {
  for (const batchId of batchIds) {
    const open = await sql.query<{ id: string; model_a: string; model_b: string }>(OPEN_PAIRS, [batchId, k, workerId]);
    if (open.length === 0) continue;
    const gains = await modelPairGains(
      sql,
      projectId,
      open.map((item) => [item.model_a, item.model_b]),
    );
    const gainOf = (item: (typeof open)[number]) => gains.get(pairKey(item.model_a, item.model_b)) ?? 0;
    // Best first; the sort is stable, so equal gains keep file order.
    const ranked = [...open].sort((x, y) => gainOf(y) - gainOf(x));
    for (const item of ranked.slice(0, 5)) {
      const [locked] = await sql.query<{ id: string }>("SELECT id FROM items WHERE id = $1::uuid FOR UPDATE SKIP LOCKED", [item.id]);
      if (locked) return locked.id;
    }
    return null;
  }
  return null;
}
