// Every raw judgment, for analysis: who (a pseudonym), what was shown, what was answered, how long.
// Candidates are referred to by their 0-based index in the item's import order.
import type { ExportFormatDefinition } from "@/lib/exports/formats/format";
import { LEFT_OUT } from "@/lib/exports/left-out";

export const judgmentsFormat: ExportFormatDefinition = {
  reads: "judgments",
  columns: (options) => [
    { name: "judgment_id", type: "string" },
    { name: "item_id", type: "string" },
    { name: "external_id", type: "string", nullable: true },
    { name: "project", type: "string" },
    { name: "polarity", type: "string" },
    { name: "annotator", type: "string" },
    { name: "models", type: "json" },
    { name: "display_order", type: "json" },
    { name: "ranking", type: "json" },
    { name: "scale", type: "string" },
    { name: "strength", type: "int", nullable: true },
    { name: "both_bad", type: "bool" },
    { name: "flags", type: "json" },
    { name: "rationale", type: "string", nullable: true },
    { name: "time_spent_ms", type: "int" },
    { name: "assigned_at", type: "timestamp" },
    { name: "submitted_at", type: "timestamp" },
    // The worker's figures in the whole project, as the Quality page gives them (docs/quality.md).
    { name: "annotator_quality", type: "json", nullable: true },
    // With check items included, which rows are checks (task, gold, attention, practice); absent otherwise.
    ...(options.includeChecks ? [{ name: "item_role", type: "string" } as const] : []),
  ],
  rowsOfItem: (item, { options, leftOut, annotator, annotatorQuality }) => {
    const index = new Map(item.candidates.map((candidate, position) => [candidate.id, position]));
    const judgments = options.excludeBlockedAnnotators ? item.judgments.filter((judgment) => !judgment.workerBlocked) : item.judgments;
    leftOut.judgment(LEFT_OUT.blocked, item.judgments.length - judgments.length);
    return judgments.map((judgment) => [
      judgment.id,
      item.itemId,
      item.externalId,
      item.project,
      item.polarity,
      annotator(judgment.workerId),
      item.candidates.map((candidate) => candidate.model),
      judgment.displayOrder.map((id) => index.get(id)),
      judgment.ranking.map((group) => group.map((id) => index.get(id))),
      item.scale,
      judgment.strength,
      judgment.bothBad,
      Object.fromEntries(Object.entries(judgment.flags).map(([id, flags]) => [String(index.get(id)), flags])),
      judgment.rationale,
      judgment.timeSpentMs,
      judgment.assignedAt,
      judgment.createdAt,
      annotatorQuality?.(item.project, judgment.workerId) ?? null,
      ...(options.includeChecks ? [item.role.toLowerCase()] : []),
    ]);
  },
};
