// Bulk data for the submit benchmark, written straight with SQL: two projects with the same items,
// one driven through the API and one through raw SQL, and a worker (with an API token) per client.
import type pg from "pg";
import { insertBenchProject } from "./seed-common";
import { generateTokenSecret, hashTokenSecret } from "@/lib/auth/token-secret";

export type BenchWorker = { id: string; token: string };

export async function seedSubmitBench(client: pg.Client, { slug, items, workers }: { slug: string; items: number; workers: number }): Promise<BenchWorker[]> {
  const { projectId, batchId } = await insertBenchProject(client, { slug, k: 1, items });
  await client.query(
    `INSERT INTO items (project_id, batch_id, position, context)
     SELECT $1, $2, n, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Question ' || n || '?'))
     FROM generate_series(1, $3) AS n`,
    [projectId, batchId, items],
  );
  await client.query(
    `INSERT INTO candidates (item_id, position, text, model)
     SELECT i.id, p, 'Answer ' || i.position || '.' || p || ' ' || repeat('lorem ipsum ', 40), 'bench-model-' || p
     FROM items i CROSS JOIN generate_series(0, 1) AS p WHERE i.batch_id = $1`,
    [batchId],
  );
  const seeded: BenchWorker[] = [];
  for (let n = 0; n < workers; n++) seeded.push(await insertBenchWorker(client, `${slug}-worker-${n}@bench.example`));
  await client.query("ANALYZE");
  return seeded;
}

/** A worker with an API token of the `tasks` scope, as a script working through the API has. */
export async function insertBenchWorker(client: pg.Client, email: string): Promise<BenchWorker> {
  const {
    rows: [user],
  } = await client.query<{ id: string }>("INSERT INTO users (email, role, updated_at) VALUES ($1, 'WORKER', now()) RETURNING id", [email]);
  const token = generateTokenSecret();
  await client.query("INSERT INTO api_tokens (user_id, name, token_hash, prefix, scopes) VALUES ($1, 'bench', $2, $3, '{tasks}')", [
    user.id,
    hashTokenSecret(token),
    token.slice(0, 10),
  ]);
  return { id: user.id, token };
}
