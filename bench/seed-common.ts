// What every benchmark seed starts with, in plain SQL: bench workers and one project with an active batch.
import type pg from "pg";

/** Workers worker-1@bench.example ... worker-N@bench.example (no password: benchmarks sign in otherwise). */
export async function insertBenchWorkers(client: pg.Client, count: number): Promise<void> {
  await client.query(
    `INSERT INTO users (email, role, updated_at) SELECT 'worker-' || n || '@bench.example', 'WORKER', now() FROM generate_series(1, $1) AS n`,
    [count],
  );
}

/** A project (slug as its name, k judgments per item) and one active batch that says it holds `items` items. */
export async function insertBenchProject(client: pg.Client, { slug, k, items }: { slug: string; k: number; items: number }) {
  const {
    rows: [project],
  } = await client.query<{ id: string }>("INSERT INTO projects (slug, name, judgments_per_item, updated_at) VALUES ($1, $1, $2, now()) RETURNING id", [
    slug,
    k,
  ]);
  const {
    rows: [batch],
  } = await client.query<{ id: string }>(
    "INSERT INTO batches (project_id, name, status, source_format, item_count) VALUES ($1, 'bench', 'ACTIVE', 'preflab', $2) RETURNING id",
    [project.id, items],
  );
  return { projectId: project.id, batchId: batch.id };
}
