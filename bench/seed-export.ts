// A large judged project for the export benchmark, made in SQL: items with three-turn contexts
// and two responses of a few hundred characters, each judged by k workers.
import type pg from "pg";
import { insertBenchProject, insertBenchWorkers } from "./seed-common";

export async function seedExportBench(client: pg.Client, { items, k }: { items: number; k: number }): Promise<{ projectId: string; slug: string }> {
  const slug = "bench-export";
  const workers = Math.max(8, k * 2);
  await insertBenchWorkers(client, workers);
  const { projectId, batchId } = await insertBenchProject(client, { slug, k, items });
  await client.query(
    `INSERT INTO items (project_id, batch_id, position, context, judgment_count, is_complete)
     SELECT $1, $2, n, jsonb_build_array(
         jsonb_build_object('role', 'user', 'content', 'Question ' || n || ': ' || repeat('how would you explain this? ', 3)),
         jsonb_build_object('role', 'assistant', 'content', 'Here is a first answer to question ' || n || '. ' || repeat('It has some detail. ', 4)),
         jsonb_build_object('role', 'user', 'content', 'Can you say more about point ' || (n % 7) || '?')),
       $3, true
     FROM generate_series(1, $4) AS n`,
    [projectId, batchId, k, items],
  );
  await client.query(
    `INSERT INTO candidates (item_id, position, text, model)
     SELECT i.id, p, 'Answer ' || p || ' to item ' || i.position || '. ' || repeat('More words that make the answer realistic in length. ', 7), 'bench-model-' || p
     FROM items i CROSS JOIN generate_series(0, 1) AS p WHERE i.batch_id = $1`,
    [batchId],
  );
  await client.query(
    `INSERT INTO assignments (project_id, item_id, worker_id, display_order, status, lease_expires_at, submitted_at)
     SELECT $1, i.id, w.id, ARRAY[c0.id, c1.id], 'SUBMITTED', now(), now()
     FROM items i
     CROSS JOIN generate_series(0, $3 - 1) AS g
     JOIN LATERAL (SELECT id FROM users WHERE email = 'worker-' || ((i.position + g) % $4 + 1) || '@bench.example') AS w ON true
     JOIN candidates c0 ON c0.item_id = i.id AND c0.position = 0
     JOIN candidates c1 ON c1.item_id = i.id AND c1.position = 1
     WHERE i.batch_id = $2`,
    [projectId, batchId, k, workers],
  );
  await client.query(
    `INSERT INTO judgments (assignment_id, project_id, item_id, worker_id, ranking, strength, time_spent_ms, idempotency_key)
     SELECT a.id, a.project_id, a.item_id, a.worker_id,
            CASE WHEN hashtext(a.id::text) % 3 = 0 THEN jsonb_build_array(jsonb_build_array(a.display_order[2]), jsonb_build_array(a.display_order[1]))
                 ELSE jsonb_build_array(jsonb_build_array(a.display_order[1]), jsonb_build_array(a.display_order[2])) END,
            CASE WHEN hashtext(a.id::text) % 3 = 0 THEN 2 ELSE -3 END,
            20000, 'bench-' || a.id
     FROM assignments a WHERE a.project_id = $1`,
    [projectId],
  );
  await client.query("ANALYZE");
  return { projectId, slug };
}
