import type { BatchProgress } from "@/lib/data/batch-progress";
import { formatDuration } from "@/lib/format-duration";
import { StatGrid } from "@/components/ui/stat-grid";

function percent(part: number, whole: number) {
  return whole ? `${Math.round((part / whole) * 100)}%` : "—";
}

/** The batch's numbers, as a description list so they read in order. */
export function BatchProgressSummary({ progress }: { progress: BatchProgress }) {
  const finished = progress.hoursToFinish === 0;
  const eta = finished ? "done" : progress.hoursToFinish === null ? "—" : formatDuration(progress.hoursToFinish * 3_600_000);
  const stats = [
    ["Items complete", `${progress.itemsComplete} of ${progress.itemsTotal} (${percent(progress.itemsComplete, progress.itemsTotal)})`],
    ["Judgments", `${progress.judgmentsStored} of ${progress.judgmentsWanted} (${percent(progress.judgmentsStored, progress.judgmentsWanted)})`],
    ["Open leases", String(progress.openLeases)],
    ["Last hour", `${progress.judgmentsLastHour} ${progress.judgmentsLastHour === 1 ? "judgment" : "judgments"}`],
    ["Time to finish", eta],
  ] as const;
  return (
    <div className="space-y-2">
      <StatGrid stats={stats} columns="sm:grid-cols-5" />
      {progress.checkItems > 0 && (
        <p className="text-sm text-slate-600" data-testid="check-items">
          {progress.checkItems} check {progress.checkItems === 1 ? "item" : "items"} (gold, attention, practice): not counted above, and left out of datasets
          unless an export includes them.
        </p>
      )}
    </div>
  );
}
