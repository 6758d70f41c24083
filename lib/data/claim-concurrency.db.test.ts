import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUsers } from "@/lib/testing/factories";
import { runClaimWorkers } from "@/lib/testing/run-claim-workers";

const ITEMS = 200;
const K = 3;
const WORKERS_PER_PROCESS = 30;

describe("claiming and submitting from two processes at once", () => {
  it("fills every item with exactly k judgments by k different workers, and loses no lease", async () => {
    const project = await createTestProject({ judgmentsPerItem: K });
    await createItemsRecord(db(), { projectId: project.id, count: ITEMS });
    const workers = await createTestUsers(2 * WORKERS_PER_PROCESS);

    const runs = await Promise.all([
      runClaimWorkers({ projectSlug: project.slug, workers: workers.slice(0, WORKERS_PER_PROCESS) }),
      runClaimWorkers({ projectSlug: project.slug, workers: workers.slice(WORKERS_PER_PROCESS) }),
    ]);
    for (const run of runs) {
      expect(
        run.report?.workers.flatMap((w) => w.errors),
        run.stderr,
      ).toEqual([]);
      expect(run.exitCode, run.stderr).toBe(0);
    }
    expect(runs.reduce((total, run) => total + run.report!.judged, 0)).toBe(ITEMS * K);

    const items = await db().$queryRaw<{ judgment_count: number; judgments: number }[]>`
        SELECT i.judgment_count, (SELECT count(*) FROM judgments j WHERE j.item_id = i.id)::int AS judgments
        FROM items i WHERE i.project_id = ${project.id}::uuid`;
    expect(items).toHaveLength(ITEMS);
    expect(items.filter((i) => i.judgments !== K || i.judgment_count !== K)).toEqual([]);
    expect(await db().judgment.count({ where: { projectId: project.id } })).toBe(ITEMS * K);

    const [checks] = await db().$queryRaw<{ repeated_pairs: number; live_leases: number; submitted: number; unanswered: number; orphaned: number }[]>`
        SELECT
          (SELECT count(*) FROM (SELECT 1 FROM judgments WHERE project_id = ${project.id}::uuid
             GROUP BY item_id, worker_id HAVING count(*) > 1) AS repeated)::int AS repeated_pairs,
          (SELECT count(*) FROM assignments WHERE project_id = ${project.id}::uuid
             AND status = 'ACTIVE' AND lease_expires_at > now())::int AS live_leases,
          (SELECT count(*) FROM assignments WHERE project_id = ${project.id}::uuid AND status = 'SUBMITTED')::int AS submitted,
          (SELECT count(*) FROM assignments a WHERE a.project_id = ${project.id}::uuid AND a.status = 'SUBMITTED'
             AND (SELECT count(*) FROM judgments j WHERE j.assignment_id = a.id) <> 1)::int AS unanswered,
          (SELECT count(*) FROM judgments j JOIN assignments a ON a.id = j.assignment_id WHERE j.project_id = ${project.id}::uuid
             AND (a.status <> 'SUBMITTED' OR a.worker_id <> j.worker_id OR a.item_id <> j.item_id))::int AS orphaned`;
    expect(checks).toEqual({ repeated_pairs: 0, live_leases: 0, submitted: ITEMS * K, unanswered: 0, orphaned: 0 });
  }, 180_000);
});
