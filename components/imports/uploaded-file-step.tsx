"use client";

import { ColumnMappingForm } from "@/components/imports/column-mapping-form";
import type { StagedUpload } from "@/components/imports/import-types";
import type { ImportFlow } from "@/components/imports/use-import-flow";
import { Button } from "@/components/ui/button";
import { IMPORT_FORMAT_LABELS, IMPORT_FORMATS, type ImportFormat } from "@/lib/formats/import-formats";
import { ITEM_ROLE_LABELS } from "@/components/imports/item-role-labels";
import { ITEM_ROLES, type ItemRoleName } from "@/lib/formats/reference-preference";

function megabytes(bytes: number) {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The staged file: its size, the way back to choosing another, its format (and CSV columns), and Check. */
export function UploadedFileStep({ upload, flow }: { upload: StagedUpload; flow: ImportFlow }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Uploaded <strong>{upload.filename}</strong> ({megabytes(upload.byteSize)}
        {upload.gzip ? ", gzip" : ""}).{" "}
        <button type="button" className="text-indigo-700 underline" onClick={flow.startOver} disabled={flow.busy !== null}>
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
      <label className="block text-sm">
        The items are
        <select
          value={flow.role}
          onChange={(event) => flow.setRole(event.target.value as ItemRoleName)}
          className="mt-1 block rounded border border-slate-300 px-2 py-1.5"
        >
          {ITEM_ROLES.map((role) => (
            <option key={role} value={role}>
              {ITEM_ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </label>
      {flow.role !== "task" && (
        <p className="text-sm text-slate-600">
          Check items need a reference preference (a rank on every response, exactly one best). Their judgments are left out of datasets unless an export asks
          for them.
        </p>
      )}
      {flow.format === "csv" &&
        (upload.columns && upload.columns.length > 0 ? (
          <ColumnMappingForm columns={upload.columns} draft={flow.mapping} onChange={flow.setMapping} />
        ) : (
          <p role="alert" className="text-red-800">
            No CSV header was found in this file: its first line must name the columns.
          </p>
        ))}
      {!flow.report && (
        <Button type="button" onClick={flow.check} disabled={flow.busy !== null}>
          Check
        </Button>
      )}
    </div>
  );
}
