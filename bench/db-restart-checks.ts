// What `npm run bench:db-restart` checks once the load has stopped, read from the database itself.
import type pg from "pg";
import type { HealthSample } from "./health-watch";
import type { LoadResult } from "./restart-load";

export type Check = { name: string; ok: boolean; detail: string };

export type Stored = { keys: Set<string>; duplicates: number; counterMismatches: number };

type Timeline = { downAt: number; restartingAt: number; upAt: number; firstOkAt: number | null };

/**
 * The project's judgments by idempotency key; a judgment beyond the first for one task, or beyond k for
 * one item, is a duplicate; an item whose judgment_count differs from its judgments is a mismatch.
 */
async function readDatabase(client: pg.Client, slug: string): Promise<Stored> {
  const { rows: judgments } = await client.query<{ idempotency_key: string }>(
    "SELECT j.idempotency_key FROM judgments j JOIN projects p ON p.id = j.project_id WHERE p.slug = $1",
    [slug],
  );
  const {
    rows: [counts],
  } = await client.query<{ per_task: number; per_item: number; mismatches: number }>(
    `WITH project AS (SELECT id, judgments_per_item AS k FROM projects WHERE slug = $1),
          per_task AS (SELECT count(*) AS n FROM judgments WHERE project_id = (SELECT id FROM project) GROUP BY assignment_id),
          per_item AS (SELECT i.judgment_count, count(j.id) AS n FROM items i LEFT JOIN judgments j ON j.item_id = i.id
                       WHERE i.project_id = (SELECT id FROM project) GROUP BY i.id)
     SELECT (SELECT coalesce(sum(n - 1), 0) FROM per_task WHERE n > 1)::int AS per_task,
            (SELECT coalesce(sum(n - (SELECT k FROM project)), 0) FROM per_item WHERE n > (SELECT k FROM project))::int AS per_item,
            (SELECT count(*) FROM per_item WHERE judgment_count <> n)::int AS mismatches`,
    [slug],
  );
  return { keys: new Set(judgments.map((row) => row.idempotency_key)), duplicates: counts.per_task + counts.per_item, counterMismatches: counts.mismatches };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function check(name: string, ok: boolean, detail: string): Check {
  return { name, ok, detail };
}

function all({
  result,
  stored,
  timeline,
  samples,
  appAlive,
}: {
  result: LoadResult;
  stored: Stored;
  timeline: Timeline;
  samples: HealthSample[];
  appAlive: boolean;
}): Check[] {
  const missing = result.acknowledged.filter((ack) => !stored.keys.has(ack.idempotencyKey));
  // Probes sent after PostgreSQL had stopped and answered before it was started again.
  const whileDown = samples.filter((sample) => sample.sentAt >= timeline.downAt && sample.at <= timeline.restartingAt);
  const notUnavailable = whileDown.filter((sample) => sample.status !== 503);
  const afterRestart = result.acknowledged.filter((ack) => ack.at > timeline.upAt).length;
  return [
    check(
      "every acknowledged judgment is stored",
      missing.length === 0,
      `${missing.length} of ${result.acknowledged.length} missing, e.g. ${missing[0]?.idempotencyKey}`,
    ),
    check("no judgment is stored twice", stored.duplicates === 0, `${stored.duplicates} duplicates`),
    check("every item's judgment_count matches its judgments", stored.counterMismatches === 0, `${stored.counterMismatches} items differ`),
    check(
      "/api/health answered 503 while PostgreSQL was down",
      whileDown.length > 0 && notUnavailable.length === 0,
      whileDown.length === 0 ? "no probe was answered while it was down" : `answers: ${notUnavailable.map((sample) => sample.status).join(", ")}`,
    ),
    check("/api/health answered 200 once PostgreSQL was back", timeline.firstOkAt !== null, "never answered 200 after the restart"),
    check(
      "the same app process went on acknowledging judgments after the restart",
      appAlive && afterRestart > 0,
      appAlive ? "no judgment was acknowledged after the restart" : "the app process is gone",
    ),
    check(
      "every answer was 200, 201, 503 or a lease ended (410): no 500",
      result.unexpected.length === 0,
      `${result.unexpected.length} unexpected, e.g. ${result.unexpected[0]}`,
    ),
  ];
}

export const checkRestart = { readDatabase, isAlive, all };
