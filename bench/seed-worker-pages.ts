// Bulk data for the worker-pages benchmark, written straight with SQL: one project whose single active
// batch grows in steps, and one worker who signs in with a password and claims with an API token.
import type pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { insertBenchProject } from "./seed-common";
import { insertBenchWorker } from "./seed-submit";

export const PAGES_SLUG = "bench-pages";
// Only the first items are ever claimed, so only they get responses: the rest exist to be counted.
export const ITEMS_WITH_RESPONSES = 1_000;
const CHUNK = 100_000;

export type PagesProject = { projectId: string; batchId: string; items: number };

export async function seedPagesProject(client: pg.Client): Promise<PagesProject> {
  const { projectId, batchId } = await insertBenchProject(client, { slug: PAGES_SLUG, k: 1, items: 0 });
  return { projectId, batchId, items: 0 };
}

/** Adds items after the last one until the batch has `items`, in chunks of one statement each. */
export async function growPagesProject(client: pg.Client, project: PagesProject, items: number): Promise<PagesProject> {
  for (let from = project.items + 1; from <= items; from += CHUNK) {
    const to = Math.min(items, from + CHUNK - 1);
    await client.query(
      `INSERT INTO items (project_id, batch_id, position, context)
       SELECT $1, $2, n, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Question ' || n || '?'))
       FROM generate_series($3::int, $4::int) AS n`,
      [project.projectId, project.batchId, from, to],
    );
  }
  await client.query(
    `INSERT INTO candidates (item_id, position, text, model)
     SELECT i.id, p, 'Answer ' || i.position || '.' || p, 'bench-model-' || p
     FROM items i CROSS JOIN generate_series(0, 1) AS p
     WHERE i.batch_id = $1 AND i.position > $2 AND i.position <= $3`,
    [project.batchId, project.items, ITEMS_WITH_RESPONSES],
  );
  await client.query("UPDATE batches SET item_count = $2 WHERE id = $1", [project.batchId, items]);
  await client.query("ANALYZE");
  return { ...project, items };
}

export type PagesWorker = { id: string; email: string; password: string; token: string };

/** A worker with a password (for the pages) and an API token (for claims). */
export async function insertPagesWorker(client: pg.Client): Promise<PagesWorker> {
  const email = "pages-worker@bench.example";
  const password = "bench-password";
  const { id, token } = await insertBenchWorker(client, email);
  await client.query("UPDATE users SET password_hash = $2 WHERE id = $1", [id, await hashPassword(password)]);
  return { id, email, password, token };
}
