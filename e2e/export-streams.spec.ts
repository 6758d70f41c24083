// Streamed exports over HTTP against clients that read a few bytes and stop. The server runs with
// EXPORT_STALL_TIMEOUT_SECONDS=8 (playwright.config.ts) and the default EXPORT_MAX_STREAMS of 4.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { bearer, createToken } from "./api-tokens";
import { createTestProject, createTestWorker } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

const MAX_STREAMS = 4;
const STALLED = "the export's reader took nothing for 8 seconds, so the export was given up";

let slug: string;
let token: string;

// Rows of about 80 kB, 25 MB in all: more than the socket buffers between a client and the server hold.
test.beforeAll(async () => {
  const project = await createTestProject("slow-streams");
  slug = project.slug;
  const batch = await e2eDb().batch.create({ data: { projectId: project.id, name: "slow", sourceFormat: "preflab", itemCount: 300 }, select: { id: true } });
  const worker = await createTestWorker("slow-streams");
  await e2eDb().$executeRawUnsafe(
    `WITH items AS (
       INSERT INTO items (project_id, batch_id, position, context, judgment_count, is_complete)
       SELECT $1::uuid, $2::uuid, n, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Question ' || n || '?')), 1, true
       FROM generate_series(1, 300) AS n RETURNING id),
     candidates AS (
       INSERT INTO candidates (item_id, position, text, model)
       SELECT items.id, c, repeat(chr(97 + c), 40000), 'model-' || c FROM items, generate_series(0, 1) AS c RETURNING id, item_id, position),
     assignments AS (
       INSERT INTO assignments (project_id, item_id, worker_id, display_order, status, lease_expires_at)
       SELECT $1::uuid, item_id, $3::uuid, array_agg(id ORDER BY position), 'SUBMITTED', now() FROM candidates GROUP BY item_id
       RETURNING id, item_id, display_order)
     INSERT INTO judgments (assignment_id, project_id, item_id, worker_id, ranking, strength, time_spent_ms, idempotency_key)
     SELECT id, $1::uuid, item_id, $3::uuid, jsonb_build_array(jsonb_build_array(display_order[1]), jsonb_build_array(display_order[2])), -2, 1000, 'slow-' || id
     FROM assignments`,
    project.id,
    batch.id,
    worker.id,
  );
  token = await createToken(E2E_USERS.researcher.email, ["export"]);
});

type SlowDownload = { status: number; exportId: string; readRest: () => Promise<{ bytes: number; complete: boolean }> };

/** A download whose client takes the first chunk and then reads nothing, without hanging up. */
function startSlowDownload(baseURL: string): Promise<SlowDownload> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseURL}/api/v1/projects/${slug}/export?format=trl`, { headers: bearer(token) }, (response) => {
      let bytes = 0;
      response.once("data", (chunk: Buffer) => {
        bytes += chunk.length;
        response.pause();
        const readRest = () =>
          new Promise<{ bytes: number; complete: boolean }>((settle) => {
            response.on("data", (more: Buffer) => (bytes += more.length));
            response.on("error", () => undefined);
            response.on("close", () => settle({ bytes, complete: response.complete }));
            response.resume();
          });
        resolve({ status: response.statusCode!, exportId: String(response.headers["x-preflab-export-id"]), readRest });
      });
    });
    request.on("error", reject);
  });
}

async function exportSessions() {
  return e2eDb().$queryRawUnsafe<{ state: string; holds_snapshot: boolean }[]>(
    `SELECT state, backend_xmin IS NOT NULL AS holds_snapshot FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'preflab-exports'`,
  );
}

test("slow readers are capped at EXPORT_MAX_STREAMS, answered 503 BUSY past it, and cut off when they stall", async ({ request, baseURL }) => {
  // The route warmed up first, so the downloads below start well within the stall limit of each other.
  expect((await request.get(`/api/v1/projects/${slug}/export?format=trl&from=2000-01-01&to=2000-01-01`, { headers: bearer(token) })).status()).toBe(200);
  const slow = await Promise.all(Array.from({ length: MAX_STREAMS }, () => startSlowDownload(baseURL!)));
  expect(slow.map((download) => download.status)).toEqual(Array(MAX_STREAMS).fill(200));

  const refused = await request.get(`/api/v1/projects/${slug}/export?format=trl`, { headers: bearer(token) });
  expect(refused.status()).toBe(503);
  expect(refused.headers()["retry-after"]).toBe("30");
  expect((await refused.json()).error).toMatchObject({ code: "BUSY", message: expect.stringContaining("already sending 4 streamed exports") });
  // While they stall, signed-in work goes on: the health check reads the database on the app's pool.
  expect((await request.get("/api/health")).status()).toBe(200);

  await expect
    .poll(
      async () => await e2eDb().export.findMany({ where: { id: { in: slow.map((download) => download.exportId) } }, select: { status: true, error: true } }),
      {
        timeout: 30_000,
      },
    )
    .toEqual(Array(MAX_STREAMS).fill({ status: "FAILED", error: STALLED }));
  await expect.poll(async () => (await exportSessions()).filter((session) => session.state !== "idle" || session.holds_snapshot)).toEqual([]);

  // Each stalled download was cut off: it ends without the end of its body.
  const ends = await Promise.all(slow.map((download) => download.readRest()));
  for (const end of ends) expect(end.complete).toBe(false);

  // Their slots are free again, and a download read steadily arrives whole.
  const whole = await request.get(`/api/v1/projects/${slug}/export?format=trl`, { headers: bearer(token) });
  expect(whole.status()).toBe(200);
  const record = await e2eDb().export.findUniqueOrThrow({ where: { id: whole.headers()["x-preflab-export-id"] } });
  expect(record.status).toBe("COMPLETE");
  expect((await whole.body()).length).toBe(Number(record.byteSize));
  expect(Math.max(...ends.map((end) => end.bytes))).toBeLessThan(Number(record.byteSize));
});
