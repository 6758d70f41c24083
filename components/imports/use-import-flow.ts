"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { csvMappingError } from "@/components/imports/csv-mapping-error";
import { postWithProgress, uploadFile, type ApiError, type Progress } from "@/components/imports/import-requests";
import type { CheckReport, Committed, StagedUpload } from "@/components/imports/import-types";
import { useImportChoices } from "@/components/imports/use-import-choices";

type Busy = { label: string; fraction: number | null; detail?: string };

/**
 * The steps of an import in the browser: upload once, then choose the format (and CSV columns),
 * check, read the report or preview, and commit. Each step's input stays when a later one fails.
 */
export function useImportFlow(projectSlug: string) {
  const router = useRouter();
  const choices = useImportChoices({ onStale: () => forget() });
  const [upload, setUpload] = useState<StagedUpload | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<CheckReport | null>(null);
  const [committed, setCommitted] = useState<Committed | null>(null);
  const forget = () => (setReport(null), setError(null));
  const progressOf = (label: string) => (progress: Progress) =>
    setBusy({ label, fraction: progress.totalBytes ? progress.bytesRead / progress.totalBytes : null, detail: `${progress.items.toLocaleString("en")} items` });

  async function chooseFile(file: File) {
    forget();
    setCommitted(null);
    setUpload(null);
    const uploading = (fraction: number) => setBusy({ label: "Uploading", fraction, detail: file.name });
    uploading(0);
    const outcome = await uploadFile(`/api/v1/projects/${projectSlug}/uploads?${new URLSearchParams({ filename: file.name })}`, file, uploading);
    setBusy(null);
    if ("error" in outcome) return setError(outcome.error);
    const staged = outcome.result as StagedUpload;
    setUpload(staged);
    choices.startWith(staged);
  }

  async function check() {
    if (!upload) return;
    forget();
    const unfinished = choices.format === "csv" ? csvMappingError(choices.mapping) : null;
    if (unfinished) return setError(unfinished);
    setBusy({ label: "Checking", fraction: 0 });
    const outcome = await postWithProgress<CheckReport>(`/api/v1/uploads/${upload.uploadId}/check`, choices.request(), progressOf("Checking"));
    setBusy(null);
    if ("error" in outcome) return setError(outcome.error);
    setReport(outcome.result);
    choices.setSkipDuplicates(false);
  }

  async function commit() {
    if (!upload) return;
    setError(null);
    setBusy({ label: "Importing", fraction: 0 });
    const body = { ...choices.request(), name: choices.name.trim() || upload.filename };
    const outcome = await postWithProgress<Committed>(`/api/v1/uploads/${upload.uploadId}/commit`, body, progressOf("Importing"));
    setBusy(null);
    if ("error" in outcome) return setError(outcome.error);
    setCommitted(outcome.result);
    setUpload(null);
    setReport(null);
    router.refresh();
  }

  return { ...choices, upload, busy, error, report, committed, chooseFile, check, commit, startOver: () => (forget(), setUpload(null), setCommitted(null)) };
}

export type ImportFlow = ReturnType<typeof useImportFlow>;
