"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { formatErrorDetail } from "@/lib/errors";
import { IMPORT_FORMAT_LABELS, IMPORT_FORMATS } from "@/lib/formats/import-formats";

type ImportOutcome =
  | { kind: "done"; itemCount: number; batchName: string }
  | { kind: "refused"; message: string; details: { line?: number; field?: string; message: string }[] }
  | { kind: "failed"; message: string };

// XMLHttpRequest rather than fetch: it reports upload progress. The file goes as the raw body and
// the server reads it as a stream.
function upload(url: string, file: File, onProgress: (fraction: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("content-type", "application/x-ndjson");
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      try {
        resolve({ status: request.status, body: JSON.parse(request.responseText) });
      } catch {
        resolve({ status: request.status, body: null });
      }
    };
    request.onerror = () => reject(new Error("network"));
    request.send(file);
  });
}

export function ImportForm({ projectSlug }: { projectSlug: string }) {
  const router = useRouter();
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setOutcome({ kind: "failed", message: "Choose a JSONL file first." });
      return;
    }
    const query = new URLSearchParams({ format: String(form.get("format")), name: String(form.get("name") || file.name) });
    setOutcome(null);
    setProgress(0);
    try {
      const { status, body } = await upload(`/api/v1/projects/${projectSlug}/imports?${query}`, file, setProgress);
      const payload = body as { batch?: { itemCount: number; batchName: string }; error?: { message: string; details: [] } } | null;
      if (status === 201 && payload?.batch) {
        setOutcome({ kind: "done", itemCount: payload.batch.itemCount, batchName: payload.batch.batchName });
        router.refresh();
      } else if (payload?.error) {
        setOutcome({ kind: "refused", message: payload.error.message, details: payload.error.details });
      } else {
        setOutcome({ kind: "failed", message: `The server answered ${status}.` });
      }
    } catch {
      setOutcome({ kind: "failed", message: "The upload did not reach the server. Check the connection and try again." });
    } finally {
      setProgress(null);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-end gap-4">
        <label className="text-sm">
          JSONL file
          <input name="file" type="file" accept=".jsonl,.json,.ndjson,application/x-ndjson" required className="mt-1 block" />
        </label>
        <label className="text-sm">
          Format
          <select name="format" defaultValue="auto" className="mt-1 block rounded border border-slate-300 px-2 py-1.5">
            <option value="auto">Detect from the file</option>
            {IMPORT_FORMATS.map((format) => (
              <option key={format} value={format}>
                {IMPORT_FORMAT_LABELS[format]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Batch name <span className="text-slate-500">(optional)</span>
          <input name="name" className="mt-1 block rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <Button type="submit" disabled={progress !== null}>
          {progress === null ? "Import" : "Importing…"}
        </Button>
      </div>
      {progress !== null && <progress className="w-full" value={progress} max={1} aria-label="Upload progress" />}
      <div aria-live="polite">
        {outcome?.kind === "done" && (
          <p role="status" className="text-emerald-800">
            Imported {outcome.itemCount} items as batch “{outcome.batchName}”.
          </p>
        )}
        {outcome?.kind === "refused" && (
          <div role="alert" className="text-red-800">
            <p className="font-medium">{outcome.message}</p>
            <ul aria-label="Errors by line" className="mt-2 max-h-64 list-disc overflow-auto pl-6 text-sm">
              {outcome.details.map((detail, index) => (
                <li key={index}>{formatErrorDetail(detail)}</li>
              ))}
            </ul>
          </div>
        )}
        {outcome?.kind === "failed" && (
          <p role="alert" className="text-red-800">
            {outcome.message}
          </p>
        )}
      </div>
    </form>
  );
}
