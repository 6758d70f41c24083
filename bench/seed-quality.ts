// A judged project for the quality benchmark, made in SQL: pairs of responses from 50 models with known
// strengths (25 Elo points apart, in order), each item judged by k of 1,000 workers, the winner drawn from
// the Bradley-Terry model, 5% "both bad", strengths 1-4 as the worker saw them.
import type pg from "pg";
import { insertBenchProject, insertBenchWorkers } from "./seed-common";

export const BENCH_MODELS = 50;
export const MODEL_STEP_ELO = 25;

export async function seedQualityBench(client: pg.Client, { items, k }: { items: number; k: number }): Promise<{ projectId: string }> {
  const workers = 1000;
  await client.query("SELECT setseed(0.42)");
  await insertBenchWorkers(client, workers);
  const { projectId, batchId } = await insertBenchProject(client, { slug: "bench-quality", k, items });
  await client.query(
    `INSERT INTO items (project_id, batch_id, position, context, judgment_count, is_complete)
     SELECT $1, $2, n, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Question ' || n || '?')), $3, true FROM generate_series(1, $4) AS n`,
    [projectId, batchId, k, items],
  );
  // Two different models an item: the second a random step away from the first.
  await client.query(
    `WITH picks AS (SELECT id, floor(random() * $2::int)::int AS first, 1 + floor(random() * ($2::int - 1))::int AS step FROM items WHERE batch_id = $1)
     INSERT INTO candidates (item_id, position, text, model)
     SELECT id, p, 'Answer ' || p || ' of ' || id || '. ' || repeat('Some words of an answer. ', 8),
            'model-' || lpad((CASE p WHEN 0 THEN first ELSE (first + step) % $2::int END)::text, 2, '0')
       FROM picks CROSS JOIN generate_series(0, 1) AS p`,
    [batchId, BENCH_MODELS],
  );
  await client.query(
    `INSERT INTO assignments (project_id, item_id, worker_id, display_order, status, lease_expires_at, submitted_at)
     SELECT $1, i.id, u.id, CASE WHEN random() < 0.5 THEN ARRAY[c1.id, c2.id] ELSE ARRAY[c2.id, c1.id] END, 'SUBMITTED', now(), now()
       FROM items i
       CROSS JOIN generate_series(0, $3 - 1) AS g
       JOIN users u ON u.email = 'worker-' || ((i.position + g * 337) % $4 + 1) || '@bench.example'
       JOIN candidates c1 ON c1.item_id = i.id AND c1.position = 0
       JOIN candidates c2 ON c2.item_id = i.id AND c2.position = 1
      WHERE i.batch_id = $2`,
    [projectId, batchId, k, workers],
  );
  await client.query(
    `INSERT INTO judgments (assignment_id, project_id, item_id, worker_id, ranking, strength, both_bad, time_spent_ms, idempotency_key)
     SELECT id, project_id, item_id, worker_id,
            CASE WHEN u < 0.05 THEN '[]'::jsonb WHEN first_wins THEN jsonb_build_array(jsonb_build_array(c1), jsonb_build_array(c2))
                 ELSE jsonb_build_array(jsonb_build_array(c2), jsonb_build_array(c1)) END,
            CASE WHEN u < 0.05 THEN NULL WHEN first_wins = (c1 = display_order[1]) THEN -magnitude ELSE magnitude END,
            u < 0.05, 3000 + floor(random() * 30000)::int, 'bench-' || id
       FROM (SELECT a.*, random() AS u, 1 + floor(random() * 4)::int AS magnitude,
                    random() < 1 / (1 + power(10, ((substr(m2.model, 7)::int - substr(m1.model, 7)::int) * ${MODEL_STEP_ELO})::float8 / 400)) AS first_wins,
                    m1.id AS c1, m2.id AS c2
               FROM assignments a
               JOIN candidates m1 ON m1.item_id = a.item_id AND m1.position = 0
               JOIN candidates m2 ON m2.item_id = a.item_id AND m2.position = 1
              WHERE a.project_id = $1) drawn`,
    [projectId],
  );
  await client.query("ANALYZE");
  return { projectId };
}
