import "server-only";
import { pool } from "@/lib/db/prisma";
import { dailyPatterns, mergePatterns, rankedItems } from "@/lib/data/quality/agreement-data";
import { modelBattles, SIDE_POLARITIES, type LeaderboardSide } from "@/lib/data/quality/leaderboard-data";
import { findQualityScope, type QualityProject } from "@/lib/data/quality/quality-scope";
import { findWorkerSignals } from "@/lib/data/quality/worker-signals";
import { bootstrapOverUnits } from "@/lib/quality/agreement";
import { summariseAgreement, percentAgreementOfPatterns, type AgreementSummary, type Figure } from "@/lib/quality/agreement-summary";
import { alphaOfPatterns } from "@/lib/quality/krippendorff";
import { kendallW, midRanks } from "@/lib/quality/kendall-w";
import { buildLeaderboard, type Leaderboard } from "@/lib/quality/leaderboard";
import type { WorkerSignals } from "@/lib/quality/worker-signals";

export type DailyAgreement = { day: string; items: number; percentAgreement: number | null; alphaNominal: number | null; alphaInterval: number | null };

export type ProjectQuality = {
  project: Omit<QualityProject, "id">;
  batch: { id: string; name: string } | null;
  agreement: AgreementSummary;
  /** Kendall's W (mean over items of three or more responses ranked twice or more). */
  rankings: (Figure & { items: number }) | null;
  overTime: DailyAgreement[];
  workers: WorkerSignals[];
  leaderboard: Leaderboard & { side: LeaderboardSide };
  computedAt: string;
};

/** showEmails: name workers by email (for those who manage people); otherwise by part of their id. */
export type QualityOptions = { batchId?: string | null; rounds?: number; showEmails?: boolean };

export function sideOf(polarity: string): LeaderboardSide {
  return SIDE_POLARITIES.harmlessness.includes(polarity) ? "harmlessness" : "helpfulness";
}

/** Every quality figure of a project (or one of its batches), computed from what is stored now. */
export async function findProjectQuality(slug: string, { batchId = null, rounds = 1000, showEmails = false }: QualityOptions = {}): Promise<ProjectQuality> {
  const { project, batch } = await findQualityScope(slug, batchId);
  const side = sideOf(project.polarity);
  // The leaderboard is fitted as soon as its battles are read, while PostgreSQL still reads the rest.
  const fitLeaderboard = async () => buildLeaderboard(batch ? [] : await modelBattles(pool(), project.id, side), { rounds });
  const [days, ranked, workers, leaderboard] = await Promise.all([
    dailyPatterns(pool(), project.id, batch?.id ?? null),
    rankedItems(pool(), project.id, batch?.id ?? null),
    findWorkerSignals(project.id, batch?.id ?? null, showEmails),
    fitLeaderboard(),
  ]);
  const { id: _id, ...projectFields } = project;
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
    workers,
    leaderboard: { ...leaderboard, side },
    computedAt: new Date().toISOString(),
  };
}

function rankingAgreement(items: { rankings: string[][][]; responses: string[] }[], rounds: number): ProjectQuality["rankings"] {
  const perItem = items.map((item) => kendallW(item.rankings.map((ranking) => midRanks(ranking, item.responses)))).filter((w): w is number => w !== null);
  if (perItem.length === 0) return null;
  const mean = (values: number[]) => (values.length ? values.reduce((sum, x) => sum + x, 0) / values.length : null);
  return { items: perItem.length, value: mean(perItem), interval: bootstrapOverUnits(perItem, mean, { rounds }) };
}
