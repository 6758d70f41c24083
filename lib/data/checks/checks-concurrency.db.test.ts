import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUsers } from "@/lib/testing/factories";
import { runClaimWorkers } from "@/lib/testing/run-claim-workers";
import { compareWorkerViews } from "@/lib/testing/worker-counter-checks";

const ITEMS = 60;
const GOLD = 40;
const K = 2;
const OVERLAP_MAX = 5;
const DISAGREEMENT = 0.3;
const WORKERS_PER_PROCESS = 12;

type ItemRow = { role: string; judgment_count: number; judgments: number; extra_judgments: number; is_complete: boolean; disagreement: number };

describe("gold and dynamic overlap under claims from two processes at once", () => {
  it("keeps every task within k plus what overlap added, never past the maximum, and each check to one answer a worker", async () => {
    const project = await createTestProject({
      judgmentsPerItem: K,
      overlapMax: OVERLAP_MAX,
      overlapDisagreement: DISAGREEMENT,
      goldRate: 0.3,
      goldMinAnswers: 1000,
    });
    await createItemsRecord(db(), { projectId: project.id, count: ITEMS });
    await createItemsRecord(db(), { projectId: project.id, count: GOLD, role: "GOLD" });
    const workers = await createTestUsers(2 * WORKERS_PER_PROCESS);
    // The workers answer -2 and 3 in turn whatever they are shown, so judgments disagree at random.
    const runs = await Promise.all([
      runClaimWorkers({ projectSlug: project.slug, workers: workers.slice(0, WORKERS_PER_PROCESS) }),
      runClaimWorkers({ projectSlug: project.slug, workers: workers.slice(WORKERS_PER_PROCESS) }),
    ]);
    for (const run of runs)
      expect(
        run.report?.workers.flatMap((w) => w.errors),
        run.stderr,
      ).toEqual([]);

    const items = await db().$queryRaw<ItemRow[]>`
      SELECT i.role::text AS role, i.judgment_count, i.extra_judgments, i.is_complete,
             (SELECT count(*) FROM judgments j WHERE j.item_id = i.id)::int AS judgments,
             (SELECT 1 - max(n)::float8 / sum(n) FROM (SELECT count(*) AS n FROM judgments j WHERE j.item_id = i.id
                GROUP BY (SELECT string_agg(best, ',' ORDER BY best) FROM jsonb_array_elements_text(j.ranking -> 0) AS best)) t) AS disagreement
      FROM items i WHERE i.project_id = ${project.id}::uuid`;
    const tasks = items.filter((item) => item.role === "TASK");
    expect(tasks.filter((t) => t.judgments !== t.judgment_count || t.judgments !== K + t.extra_judgments || !t.is_complete)).toEqual([]);
    expect(tasks.filter((t) => t.judgments > OVERLAP_MAX)).toEqual([]);
    // An item below the maximum stopped because its judgments agreed well enough.
    expect(tasks.filter((t) => t.judgments < OVERLAP_MAX && t.disagreement > DISAGREEMENT)).toEqual([]);
    // Random answers disagree often: overlap must have reopened some items and taken some to the maximum.
    expect(tasks.some((t) => t.extra_judgments > 0)).toBe(true);
    const gold = items.filter((item) => item.role === "GOLD");
    expect(gold.filter((g) => g.judgments !== g.judgment_count || g.judgments > workers.length || !g.is_complete)).toEqual([]);
    expect(gold.reduce((sum, g) => sum + g.judgments, 0)).toBeGreaterThan(0);

    const [repeated] = await db().$queryRaw<{ pairs: number }[]>`
      SELECT count(*)::int AS pairs FROM (SELECT 1 FROM judgments WHERE project_id = ${project.id}::uuid
        GROUP BY item_id, worker_id HAVING count(*) > 1) t`;
    expect(repeated.pairs).toBe(0);
    const standings = await db().workerStanding.findMany({ where: { projectId: project.id } });
    const goldJudged = await db().judgment.groupBy({ by: ["workerId"], where: { projectId: project.id, item: { role: "GOLD" } }, _count: true });
    expect(new Map(standings.map((s) => [s.workerId, s.goldAnswers]))).toEqual(new Map(goldJudged.map((g) => [g.workerId, g._count])));
    const views = await compareWorkerViews({ projectIds: [project.id], workerIds: workers.map((worker) => worker.id) });
    expect(views.kept).toEqual(views.counted);
  }, 180_000);
});
