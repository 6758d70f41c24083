"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { guessMapping, mappingFromDraft, type MappingDraft } from "@/components/imports/column-mapping-form";
import { postWithProgress, uploadFile, type ApiError } from "@/components/imports/import-requests";
import type { ImportFormat } from "@/lib/formats/import-formats";
import type { ItemInput } from "@/lib/formats/item";
import { csvMappingSchema } from "@/lib/validations/import";

export type StagedUpload = { uploadId: string; filename: string; byteSize: number; format: ImportFormat | null; gzip: boolean; columns: string[] | null };
export type CheckReport = { itemCount: number; duplicatesInProject: number; duplicatesInFile: number; preview: { line: number; item: ItemInput }[] };
export type Committed = { batchId: string; batchName: string; itemCount: number; duplicatesSkipped: number; status: string };

type Busy = { label: string; fraction: number | null; detail?: string };

/**
 * The steps of an import in the browser: upload once, then choose the format (and CSV columns),
 * check, read the report or preview, and commit. Each step's input stays when a later one fails.
 */
export function useImportFlow(projectSlug: string) {
  const router = useRouter();
  const [upload, setUpload] = useState<StagedUpload | null>(null);
  const [format, setFormat] = useState<ImportFormat | "auto">("auto");
  const [mapping, setMapping] = useState<MappingDraft>(guessMapping([]));
  const [name, setName] = useState("");
  const [skipDuplicates, setSkipDuplicates] = useState(false);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<CheckReport | null>(null);
  const [committed, setCommitted] = useState<Committed | null>(null);

  const request = () => ({ format, mapping: format === "csv" ? mappingFromDraft(mapping) : undefined, skipDuplicates });
  const forget = () => {
    setReport(null);
    setError(null);
  };

  async function chooseFile(file: File) {
    forget();
    setCommitted(null);
    setUpload(null);
    setBusy({ label: "Uploading", fraction: 0, detail: file.name });
    const url = `/api/v1/projects/${projectSlug}/uploads?${new URLSearchParams({ filename: file.name })}`;
    const outcome = await uploadFile(url, file, (fraction) => setBusy({ label: "Uploading", fraction, detail: file.name }));
    setBusy(null);
    if ("error" in outcome) return setError(outcome.error);
    const staged = outcome.result as StagedUpload;
    setUpload(staged);
    setFormat(staged.format ?? "auto");
    setMapping(guessMapping(staged.columns ?? []));
    setName(staged.filename.replace(/\.(jsonl|ndjson|json|csv)(\.gz)?$/i, ""));
  }

  function progressOf(label: string) {
    return ({ bytesRead, totalBytes, items }: { bytesRead: number; totalBytes: number | null; items: number }) =>
      setBusy({ label, fraction: totalBytes ? bytesRead / totalBytes : null, detail: `${items.toLocaleString("en")} items` });
  }

  async function check() {
    if (!upload) return;
    forget();
    if (format === "csv") {
      const parsed = csvMappingSchema.safeParse(mappingFromDraft(mapping));
      if (!parsed.success) {
        return setError({
          code: "INVALID_INPUT",
          message: "Finish the column mapping first.",
          details: parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
        });
      }
    }
    setBusy({ label: "Checking", fraction: 0 });
    const outcome = await postWithProgress<CheckReport>(`/api/v1/uploads/${upload.uploadId}/check`, request(), progressOf("Checking"));
    setBusy(null);
    if ("error" in outcome) return setError(outcome.error);
    setReport(outcome.result);
    setSkipDuplicates(false);
  }

  async function commit() {
    if (!upload) return;
    setError(null);
    setBusy({ label: "Importing", fraction: 0 });
    const outcome = await postWithProgress<Committed>(
      `/api/v1/uploads/${upload.uploadId}/commit`,
      { ...request(), name: name.trim() || upload.filename },
      progressOf("Importing"),
    );
    setBusy(null);
    if ("error" in outcome) return setError(outcome.error);
    setCommitted(outcome.result);
    setUpload(null);
    setReport(null);
    router.refresh();
  }

  return {
    upload,
    format,
    setFormat: (next: ImportFormat | "auto") => (forget(), setFormat(next)),
    mapping,
    setMapping: (next: MappingDraft) => (forget(), setMapping(next)),
    name,
    setName,
    skipDuplicates,
    setSkipDuplicates,
    busy,
    error,
    report,
    committed,
    chooseFile,
    check,
    commit,
    startOver: () => (forget(), setUpload(null), setCommitted(null)),
  };
}
