import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validations/ids";
import { dailyPatterns, mergePatterns, rankedItems } from "@/lib/data/quality/agreement-data";
import { modelBattles, SIDE_POLARITIES, type LeaderboardSide } from "@/lib/data/quality/leaderboard-data";
import { STRENGTH_TALLIES_SQL, WORKER_SIGNALS_SQL, type WorkerSignalRow } from "@/lib/data/quality/worker-signals-sql";
import { bootstrapOverUnits } from "@/lib/quality/agreement";
import { summariseAgreement, percentAgreementOfPatterns, type AgreementSummary, type Figure } from "@/lib/quality/agreement-summary";
import { alphaOfPatterns } from "@/lib/quality/krippendorff";
import { kendallW, midRanks } from "@/lib/quality/kendall-w";
import { buildLeaderboard, type Leaderboard } from "@/lib/quality/leaderboard";
import { workerSignals, type WorkerSignals } from "@/lib/quality/worker-signals";

export type DailyAgreement = { day: string; items: number; percentAgreement: number | null; alphaNominal: number | null; alphaInterval: number | null };

export type ProjectQuality = {
  project: { slug: string; name: string; polarity: string; judgmentKind: string; judgmentsPerItem: number };
  batch: { id: string; name: string } | null;
  agreement: AgreementSummary;
  /** Kendall's W (mean over items of three or more responses ranked twice or more). */
  rankings: (Figure & { items: number }) | null;
  overTime: DailyAgreement[];
  workers: WorkerSignals[];
  leaderboard: Leaderboard & { side: LeaderboardSide };
  computedAt: string;
};

export type QualityOptions = { batchId?: string | null; rounds?: number };

async function findScope(slug: string, batchId: string | null) {
  const [project] = await queryPool<ProjectQuality["project"] & { id: string }>(
    pool(),
    `SELECT id, slug, name, polarity::text AS polarity, judgment_kind::text AS "judgmentKind", judgments_per_item AS "judgmentsPerItem"
       FROM projects WHERE slug = $1`,
    [slug],
  );
  if (!project) throw new AppError("NOT_FOUND", `No project "${slug}"`);
  if (batchId === null) return { project, batch: null };
  const [batch] = isId(batchId)
    ? await queryPool<{ id: string; name: string }>(pool(), "SELECT id, name FROM batches WHERE id = $1 AND project_id = $2", [batchId, project.id])
    : [];
  if (!batch) throw new AppError("NOT_FOUND", `No batch ${batchId} in project "${slug}"`);
  return { project, batch };
}

export function sideOf(polarity: string): LeaderboardSide {
  return SIDE_POLARITIES.harmlessness.includes(polarity) ? "harmlessness" : "helpfulness";
}

/** Every quality figure of a project (or one of its batches), computed from what is stored now. */
export async function findProjectQuality(slug: string, { batchId = null, rounds = 1000 }: QualityOptions = {}): Promise<ProjectQuality> {
  const { project, batch } = await findScope(slug, batchId);
  const scope = [project.id, batch?.id ?? null];
  const side = sideOf(project.polarity);
  const [days, ranked, workerRows, strengthRows, battles] = await Promise.all([
    dailyPatterns(pool(), project.id, batch?.id ?? null),
    rankedItems(pool(), project.id, batch?.id ?? null),
    queryPool<WorkerSignalRow>(pool(), WORKER_SIGNALS_SQL, scope),
    queryPool<StrengthRow>(pool(), STRENGTH_TALLIES_SQL, scope),
    batch ? Promise.resolve([]) : modelBattles(pool(), project.id, side),
  ]);
  const { id: _id, ...projectFields } = project;
  const strengths = strengthsByWorker(strengthRows);
  return {
    project: projectFields,
    batch,
    agreement: summariseAgreement(mergePatterns(days.map((day) => day.choices)), mergePatterns(days.map((day) => day.strengths)), { rounds }),
    rankings: rankingAgreement(ranked, rounds),
    overTime: days.map((day) => ({
      day: day.day,
      items: day.choices.reduce((sum, pattern) => sum + pattern.count, 0),
      percentAgreement: percentAgreementOfPatterns(day.choices),
      alphaNominal: alphaOfPatterns(day.choices, "nominal"),
      alphaInterval: alphaOfPatterns(day.strengths, "interval"),
    })),
    workers: workerRows.map((row) => workerSignals(talliesOf(row, strengths))),
    leaderboard: { ...buildLeaderboard(battles, { rounds }), side },
    computedAt: new Date().toISOString(),
  };
}

function rankingAgreement(items: { rankings: string[][][]; responses: string[] }[], rounds: number): ProjectQuality["rankings"] {
  const perItem = items.map((item) => kendallW(item.rankings.map((ranking) => midRanks(ranking, item.responses)))).filter((w): w is number => w !== null);
  if (perItem.length === 0) return null;
  const mean = (values: number[]) => (values.length ? values.reduce((sum, x) => sum + x, 0) / values.length : null);
  return { items: perItem.length, value: mean(perItem), interval: bootstrapOverUnits(perItem, mean, { rounds }) };
}

type StrengthRow = { worker_id: string; strength: number; count: number };

function strengthsByWorker(rows: StrengthRow[]): Map<string, Map<number, number>> {
  const byWorker = new Map<string, Map<number, number>>();
  for (const row of rows) byWorker.set(row.worker_id, (byWorker.get(row.worker_id) ?? new Map()).set(row.strength, row.count));
  return byWorker;
}

function talliesOf(row: WorkerSignalRow, strengths: Map<string, Map<number, number>>) {
  return {
    workerId: row.worker_id,
    email: row.email,
    name: row.name,
    blocked: row.blocked,
    judgments: row.judgments,
    medianSeconds: Number(row.median_seconds),
    tooFast: row.too_fast,
    decidedPairs: row.decided_pairs,
    choseShownFirst: row.chose_shown_first,
    rationales: row.rationales,
    copiedRationales: row.copied_rationales,
    referenceTrials: row.reference_trials,
    referenceCorrect: row.reference_correct,
    consensusItems: row.consensus_items,
    consensusAgreeing: Number(row.consensus_agreeing),
    strengths: strengths.get(row.worker_id) ?? new Map<number, number>(),
    firstAt: row.first_at.toISOString(),
    lastAt: row.last_at.toISOString(),
  };
}
