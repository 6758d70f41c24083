"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { ColumnMappingForm } from "@/components/imports/column-mapping-form";
import { DropZone } from "@/components/imports/drop-zone";
import { ErrorReport } from "@/components/imports/error-report";
import { ImportPreview } from "@/components/imports/import-preview";
import { ProgressLine } from "@/components/imports/progress-line";
import { useImportFlow, type CheckReport } from "@/components/imports/use-import-flow";
import { IMPORT_FORMAT_LABELS, IMPORT_FORMATS, type ImportFormat } from "@/lib/formats/import-formats";

function megabytes(bytes: number) {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function duplicatesText(report: CheckReport): string | null {
  const parts = [
    report.duplicatesInProject > 0 && `${report.duplicatesInProject} already in the project`,
    report.duplicatesInFile > 0 && `${report.duplicatesInFile} repeated within the file`,
  ].filter(Boolean);
  return parts.length > 0 ? `Duplicates (same conversation and responses): ${parts.join(", ")}.` : null;
}

/** Upload -> format and columns -> check -> report or preview -> import, on the admin project page. */
export function ImportForm({ projectSlug }: { projectSlug: string }) {
  const flow = useImportFlow(projectSlug);
  const { upload, report, busy, error, committed } = flow;
  const duplicates = report ? report.duplicatesInProject + report.duplicatesInFile : 0;
  const importCount = report ? report.itemCount - (flow.skipDuplicates ? duplicates : 0) : 0;

  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      {!upload && <DropZone onFile={flow.chooseFile} disabled={busy !== null} />}

      {upload && (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">
            Uploaded <strong>{upload.filename}</strong> ({megabytes(upload.byteSize)}
            {upload.gzip ? ", gzip" : ""}).{" "}
            <button type="button" className="text-indigo-700 underline" onClick={flow.startOver} disabled={busy !== null}>
              Choose another file
            </button>
          </p>
          <label className="block text-sm">
            Format
            <select
              value={flow.format}
              onChange={(event) => flow.setFormat(event.target.value as ImportFormat | "auto")}
              className="mt-1 block rounded border border-slate-300 px-2 py-1.5"
            >
              <option value="auto">Detect from the file</option>
              {IMPORT_FORMATS.map((format) => (
                <option key={format} value={format}>
                  {IMPORT_FORMAT_LABELS[format]}
                  {format === upload.format ? " (detected)" : ""}
                </option>
              ))}
            </select>
          </label>
          {flow.format === "csv" &&
            (upload.columns && upload.columns.length > 0 ? (
              <ColumnMappingForm columns={upload.columns} draft={flow.mapping} onChange={flow.setMapping} />
            ) : (
              <p role="alert" className="text-red-800">
                No CSV header was found in this file: its first line must name the columns.
              </p>
            ))}
          {!report && (
            <Button type="button" onClick={flow.check} disabled={busy !== null}>
              Check
            </Button>
          )}
        </div>
      )}

      {busy && <ProgressLine label={busy.label} fraction={busy.fraction} detail={busy.detail} />}

      <div aria-live="polite" className="space-y-4">
        {error && (
          <>
            <ErrorReport message={error.message} details={error.details} />
            {error.code === "INVALID_FILE" && <p className="font-medium text-red-900">Nothing was stored. Fix the file and upload it again.</p>}
          </>
        )}

        {report && upload && (
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
            <Button type="button" onClick={flow.commit} disabled={busy !== null || importCount === 0}>
              Import {importCount.toLocaleString("en")} items
            </Button>
          </div>
        )}

        {committed && (
          <div role="status" className="space-y-2 text-emerald-800">
            <p>
              Imported {committed.itemCount.toLocaleString("en")} items as {committed.status.toLowerCase()} batch “{committed.batchName}”
              {committed.duplicatesSkipped > 0 ? `, skipping ${committed.duplicatesSkipped} duplicates` : ""}.
            </p>
            <p>
              <Link className="text-indigo-700 underline" href={`/admin/projects/${projectSlug}/batches/${committed.batchId}`}>
                Open the batch
              </Link>{" "}
              to activate it, or import another file above.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
