"use client";

import Link from "next/link";
import { useState } from "react";
import { formatAccuracy, formatNumber, formatShare } from "@/components/quality/format";
import { StandingActions } from "@/components/quality/standing-actions";
import type { WorkerSignals } from "@/lib/quality/worker-signals";

// Paused first when sorting by status: it is what needs an admin.
const STATUS_ORDER = { PAUSED: 4, FAILED: 3, PRACTISING: 2, QUALIFIED: 1 } as const;

type Column = { key: string; label: string; title: string; value: (worker: WorkerSignals) => number | string | null; show: (worker: WorkerSignals) => string };

const COLUMNS: Column[] = [
  { key: "worker", label: "Worker", title: "", value: (w) => w.worker, show: (w) => w.worker },
  { key: "judgments", label: "Judgments", title: "", value: (w) => w.judgments, show: (w) => String(w.judgments) },
  { key: "median", label: "Median time", title: "seconds per judgment", value: (w) => w.medianSeconds, show: (w) => `${w.medianSeconds.toFixed(1)} s` },
  { key: "fast", label: "Too fast", title: "judged faster than the texts can be read", value: (w) => w.tooFastShare, show: (w) => formatShare(w.tooFastShare) },
  {
    key: "first",
    label: "Shown first",
    title: "share of decided pairs that went to the response shown first (p: exact test against 50%)",
    value: (w) => w.shownFirstShare,
    show: (w) => (w.shownFirstShare === null ? "—" : `${formatShare(w.shownFirstShare)} (p ${formatNumber(w.shownFirstPValue, 3)})`),
  },
  {
    key: "strength",
    label: "Same strength",
    title: "share of the most common strength",
    value: (w) => w.commonStrengthShare,
    show: (w) => (w.commonStrength === null ? "—" : `${formatShare(w.commonStrengthShare)} at ${w.commonStrength}`),
  },
  {
    key: "copied",
    label: "Copied rationales",
    title: "rationales that appear more than once",
    value: (w) => w.copiedRationaleShare,
    show: (w) => formatShare(w.copiedRationaleShare),
  },
  {
    key: "gold",
    label: "Gold accuracy",
    title: "gold and attention items answered with the reference's best response, all time, with a 95% Wilson interval",
    value: (w) => w.goldAccuracy?.value ?? null,
    show: (w) => formatAccuracy(w.goldAccuracy, w.goldTrials),
  },
  {
    key: "reference",
    label: "Reference accuracy",
    title: "tasks (not gold) with a reference preference from their import, answered with its best response, with a 95% Wilson interval",
    value: (w) => w.referenceAccuracy?.value ?? null,
    show: (w) => formatAccuracy(w.referenceAccuracy, w.referenceTrials),
  },
  {
    key: "consensus",
    label: "With others",
    title: "agreement with the consensus of the other workers on the same items",
    value: (w) => w.consensusAgreement,
    show: (w) => (w.consensusAgreement === null ? "—" : `${formatShare(w.consensusAgreement)} of ${w.consensusItems}`),
  },
  { key: "signals", label: "Signals", title: "what stands out", value: (w) => w.signals.length, show: (w) => w.signals.join(", ") || "none" },
  {
    key: "status",
    label: "Status",
    title: "paused by the gold rule, practising, failed or qualified in the project",
    value: (w) => (w.status ? STATUS_ORDER[w.status.kind] : null),
    show: (w) => w.status?.label ?? "—",
  },
];

function compare(a: number | string | null, b: number | string | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return typeof a === "string" ? a.localeCompare(String(b)) : a - Number(b);
}

/**
 * The per-worker signals; a heading sorts by its column (again: the other way). Rows link to the worker's
 * detail. Those who manage people (canManage) get Resume and Allow retry beside a status that needs one.
 */
export function WorkerTable({ workers, slug, canManage = false }: { workers: WorkerSignals[]; slug: string; canManage?: boolean }) {
  const [sort, setSort] = useState<{ key: string; descending: boolean }>({ key: "signals", descending: true });
  if (workers.length === 0) return <p className="text-sm text-slate-500">No judgments yet.</p>;
  const column = COLUMNS.find((candidate) => candidate.key === sort.key)!;
  const sorted = [...workers].sort((a, b) => (sort.descending ? -1 : 1) * compare(column.value(a), column.value(b)));
  return (
    <div className="overflow-x-auto">
      <table className="w-full rounded-lg bg-white text-left text-sm shadow-sm">
        <thead className="bg-slate-100 text-slate-600">
          <tr>
            {COLUMNS.map(({ key, label, title }) => (
              <th key={key} scope="col" className="p-2" aria-sort={sort.key === key ? (sort.descending ? "descending" : "ascending") : "none"}>
                <button
                  type="button"
                  title={title}
                  className="font-semibold underline-offset-2 hover:underline"
                  onClick={() => setSort({ key, descending: sort.key === key ? !sort.descending : true })}
                >
                  {label}
                  {sort.key === key ? (sort.descending ? " ↓" : " ↑") : ""}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((worker) => (
            <tr key={worker.workerId} className="border-t border-slate-100" data-testid="worker-row">
              {COLUMNS.map(({ key, show }) => (
                <td key={key} className={`p-2 tabular-nums ${key === "signals" && worker.signals.length ? "text-amber-800" : ""}`}>
                  {key === "worker" ? (
                    <Link href={`/projects/${slug}/quality/workers/${worker.workerId}`} className="text-indigo-700 underline">
                      {show(worker)}
                    </Link>
                  ) : (
                    show(worker)
                  )}
                  {key === "worker" && worker.blocked ? <span className="ml-1 text-xs text-slate-500">(blocked)</span> : null}
                  {key === "status" && canManage ? (
                    <div className="mt-1">
                      <StandingActions slug={slug} workerId={worker.workerId} worker={worker.worker} status={worker.status} />
                    </div>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
