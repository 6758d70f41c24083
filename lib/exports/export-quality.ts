import "server-only";
// Quality figures an export carries, read in the export's own snapshot so they describe exactly the data it
// holds: the release gate (each project's nominal alpha against Krippendorff's 0.667) and, in the judgments
// format, each annotator's signals in the project. Both cover whole projects, whatever the export filters.
import type pg from "pg";
import { mergePatterns, PATTERNS_SQL, patternsOfRows, type PatternRow } from "@/lib/data/quality/agreement-data";
import { signalsOfRows, type StrengthRow } from "@/lib/data/quality/worker-signals";
import { STRENGTH_TALLIES_SQL, WORKER_SIGNALS_SQL, type WorkerSignalRow } from "@/lib/data/quality/worker-signals-sql";
import type { ExportOptions } from "@/lib/exports/export-options";
import { alphaOfPatterns } from "@/lib/quality/krippendorff";
import type { WorkerSignals } from "@/lib/quality/worker-signals";

export const RELEASE_GATE_ALPHA = 0.667;

export type ReleaseGate = {
  threshold: number;
  passed: boolean;
  /** Nominal alpha on the choice per project; null where no item has two judgments yet (which fails the gate). */
  projects: { project: string; items: number; alphaNominal: number | null }[];
};

/** A worker's figures as the judgments export gives them, beside each of their judgments. */
export type AnnotatorQuality = {
  judgments: number;
  median_seconds: number;
  too_fast_share: number;
  shown_first_share: number | null;
  shown_first_p: number | null;
  common_strength_share: number | null;
  copied_rationale_share: number | null;
  reference_accuracy: number | null;
  gold_accuracy: number | null;
  consensus_agreement: number | null;
  signals: string[];
};

export type ExportQuality = { releaseGate?: ReleaseGate; annotators?: Map<string, Map<string, AnnotatorQuality>> };

const round = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

function annotatorQuality(signals: WorkerSignals): AnnotatorQuality {
  return {
    judgments: signals.judgments,
    median_seconds: round(signals.medianSeconds)!,
    too_fast_share: round(signals.tooFastShare)!,
    shown_first_share: round(signals.shownFirstShare),
    shown_first_p: round(signals.shownFirstPValue),
    common_strength_share: round(signals.commonStrengthShare),
    copied_rationale_share: round(signals.copiedRationaleShare),
    reference_accuracy: round(signals.referenceAccuracy?.value ?? null),
    gold_accuracy: round(signals.goldAccuracy?.value ?? null),
    consensus_agreement: round(signals.consensusAgreement),
    signals: signals.signals,
  };
}

async function gateOf(client: pg.PoolClient, projects: { id: string; slug: string }[]): Promise<ReleaseGate> {
  const figures = [];
  for (const project of projects) {
    const days = patternsOfRows((await client.query<PatternRow>(PATTERNS_SQL, [project.id, null])).rows);
    const choices = mergePatterns(days.map((day) => day.choices));
    figures.push({
      project: project.slug,
      items: choices.reduce((sum, pattern) => sum + pattern.count, 0),
      alphaNominal: round(alphaOfPatterns(choices, "nominal")),
    });
  }
  return {
    threshold: RELEASE_GATE_ALPHA,
    passed: figures.every((figure) => figure.alphaNominal !== null && figure.alphaNominal >= RELEASE_GATE_ALPHA),
    projects: figures,
  };
}

async function annotatorsOf(client: pg.PoolClient, projects: { id: string; slug: string }[]) {
  const bySlug = new Map<string, Map<string, AnnotatorQuality>>();
  for (const project of projects) {
    const rows = (await client.query<WorkerSignalRow>(WORKER_SIGNALS_SQL, [project.id, null])).rows;
    const strengths = (await client.query<StrengthRow>(STRENGTH_TALLIES_SQL, [project.id, null])).rows;
    bySlug.set(project.slug, new Map(signalsOfRows(rows, strengths, false).map((signals) => [signals.workerId, annotatorQuality(signals)])));
  }
  return bySlug;
}

/** What the export's options ask for, read on the snapshot's connection (inside its transaction). */
export async function readExportQuality(client: pg.PoolClient, options: ExportOptions): Promise<ExportQuality> {
  if (!options.releaseGate && options.format !== "judgments") return {};
  const projects = (await client.query<{ id: string; slug: string }>("SELECT id, slug FROM projects WHERE slug = ANY($1) ORDER BY slug", [options.projects]))
    .rows;
  // These aggregations group every judgment of a project: with the default work memory they spill to disk.
  await client.query("SET LOCAL work_mem = '64MB'");
  return {
    ...(options.releaseGate ? { releaseGate: await gateOf(client, projects) } : {}),
    ...(options.format === "judgments" ? { annotators: await annotatorsOf(client, projects) } : {}),
  };
}
