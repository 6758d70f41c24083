"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { ExportView } from "@/lib/data/exports";
import type { ExportManifest } from "@/lib/exports/manifest";

const POLL_MS = 1500;

function size(bytes: number | null) {
  if (bytes === null) return "";
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function ReleaseGateLine({ gate }: { gate: NonNullable<ExportManifest["releaseGate"]> }) {
  const alphas = gate.projects.map((project) => `${project.project} α = ${project.alphaNominal ?? "none (no item judged twice)"}`).join(", ");
  if (gate.passed) return <p className="mt-1 text-emerald-800">Release gate passed: {alphas}.</p>;
  return (
    <p role="alert" className="mt-1 rounded border border-red-300 bg-red-50 p-2 font-semibold text-red-800">
      Below the release gate (α under {gate.threshold}): {alphas}. Agreement this low is usually not relied on.
    </p>
  );
}

/** Recent exports; while one is queued or running the list refreshes itself. */
export function ExportList({ exports }: { exports: ExportView[] }) {
  const router = useRouter();
  const working = exports.some((view) => view.status === "QUEUED" || view.status === "RUNNING");
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [working, router]);

  if (exports.length === 0) return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">No exports yet.</p>;
  return (
    <ul className="space-y-3">
      {exports.map((view) => (
        <li key={view.id} aria-label={`Export ${view.filename}`} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-medium break-all">{view.filename}</span>
            <span className="text-slate-500">
              {view.status.toLowerCase()} · {view.createdAt.slice(0, 16).replace("T", " ")} UTC{view.requestedBy ? ` · ${view.requestedBy}` : ""}
            </span>
          </div>
          {(view.status === "QUEUED" || view.status === "RUNNING") && (
            <div className="mt-2">
              <progress className="w-full" value={view.progress} max={1} aria-label={`Progress of ${view.filename}`} />
              <p className="text-slate-600">
                {view.judgmentsRead} of {view.judgmentsTotal ?? "?"} judgments read · {view.rowCount ?? 0} rows
              </p>
            </div>
          )}
          {view.status === "COMPLETE" && (
            <p className="mt-1 text-slate-700">
              {view.rowCount} rows · {size(view.byteSize)} · sha256 <code className="break-all">{view.sha256?.slice(0, 16)}…</code>
              {view.delivery === "file" && (
                <>
                  {" · "}
                  <a href={`/api/v1/exports/${view.id}/file`} download className="text-indigo-700 underline">
                    Download
                  </a>
                  {view.expiresAt && <span className="text-slate-500"> (kept until {view.expiresAt.slice(0, 10)})</span>}
                </>
              )}
            </p>
          )}
          {view.status === "FAILED" && (
            <p role="alert" className="mt-1 text-red-700">
              Failed: {view.error}
            </p>
          )}
          {view.status === "EXPIRED" && <p className="mt-1 text-slate-600">The file was deleted after its retention period.</p>}
          {view.manifest?.releaseGate && <ReleaseGateLine gate={view.manifest.releaseGate} />}
          {view.manifest && (
            <details className="mt-2">
              <summary className="cursor-pointer text-indigo-700">Manifest: what was included and left out</summary>
              <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(view.manifest, null, 2)}</pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
