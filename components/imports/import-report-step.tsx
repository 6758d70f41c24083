"use client";

import { ImportPreview } from "@/components/imports/import-preview";
import type { CheckReport } from "@/components/imports/import-types";
import type { ImportFlow } from "@/components/imports/use-import-flow";
import { Button } from "@/components/ui/button";

function duplicatesText(report: CheckReport): string | null {
  const parts = [
    report.duplicatesInProject > 0 && `${report.duplicatesInProject} already in the project`,
    report.duplicatesInFile > 0 && `${report.duplicatesInFile} repeated within the file`,
  ].filter(Boolean);
  return parts.length > 0 ? `Duplicates (same conversation and responses): ${parts.join(", ")}.` : null;
}

/** A valid file: its first items as workers will see them, duplicates to skip, the batch name, and Import. */
export function ImportReportStep({ report, flow }: { report: CheckReport; flow: ImportFlow }) {
  const duplicates = report.duplicatesInProject + report.duplicatesInFile;
  const importCount = report.itemCount - (flow.skipDuplicates ? duplicates : 0);
  return (
    <div className="space-y-4">
      <p role="status" className="text-emerald-800">
        The file is valid: {report.itemCount.toLocaleString("en")} items.
      </p>
      <ImportPreview items={report.preview} />
      {duplicates > 0 && (
        <div className="space-y-1">
          <p>{duplicatesText(report)}</p>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={flow.skipDuplicates} onChange={(event) => flow.setSkipDuplicates(event.target.checked)} />
            Skip duplicates ({duplicates})
          </label>
        </div>
      )}
      <label className="block text-sm">
        Batch name
        <input
          value={flow.name}
          onChange={(event) => flow.setName(event.target.value)}
          className="mt-1 block w-80 rounded border border-slate-300 px-2 py-1.5"
        />
      </label>
      <Button type="button" onClick={flow.commit} disabled={flow.busy !== null || importCount === 0}>
        Import {importCount.toLocaleString("en")} items
      </Button>
    </div>
  );
}
