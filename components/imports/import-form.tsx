"use client";

import { DropZone } from "@/components/imports/drop-zone";
import { ErrorReport } from "@/components/imports/error-report";
import { ImportCommitted } from "@/components/imports/import-committed";
import { ImportReportStep } from "@/components/imports/import-report-step";
import { ProgressLine } from "@/components/imports/progress-line";
import { UploadedFileStep } from "@/components/imports/uploaded-file-step";
import { useImportFlow } from "@/components/imports/use-import-flow";

/** Upload -> format and columns -> check -> report or preview -> import, on the admin project page. */
export function ImportForm({ projectSlug }: { projectSlug: string }) {
  const flow = useImportFlow(projectSlug);
  const { upload, report, busy, error, committed } = flow;

  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      {!upload && <DropZone onFile={flow.chooseFile} disabled={busy !== null} />}
      {upload && <UploadedFileStep upload={upload} flow={flow} />}
      {busy && <ProgressLine label={busy.label} fraction={busy.fraction} detail={busy.detail} />}
      <div aria-live="polite" className="space-y-4">
        {error && (
          <>
            <ErrorReport message={error.message} details={error.details} />
            {error.code === "INVALID_FILE" && <p className="font-medium text-red-900">Nothing was stored. Fix the file and upload it again.</p>}
          </>
        )}
        {report && upload && <ImportReportStep report={report} flow={flow} />}
        {committed && <ImportCommitted committed={committed} projectSlug={projectSlug} />}
      </div>
    </div>
  );
}
