"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { queueExportAction } from "@/lib/actions/exports";
import {
  AGGREGATIONS,
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  FILE_TYPE_LABELS,
  FILE_TYPES,
  formatTakes,
  STRENGTH_POLICIES,
  type ExportFormat,
} from "@/lib/exports/export-options";

type Props = {
  projects: { slug: string; name: string; judgmentCount: number }[];
  batches: { id: string; name: string; project: string; itemCount: number }[];
  initialProject?: string;
};

const AGGREGATION_LABELS: Record<(typeof AGGREGATIONS)[number], string> = {
  "per-judgment": "One row per judgment",
  majority: "Majority of the k judgments",
  "mean-strength": "Mean strength of the k judgments",
};

const STRENGTH_LABELS: Record<(typeof STRENGTH_POLICIES)[number], string> = {
  keep: "Keep every strength",
  "drop-weakest": "Drop the weakest level (as HH did)",
  margin: "Add a margin from the strength",
};

const field = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5";

function numberOrUndefined(value: FormDataEntryValue | null): number | undefined {
  return value === null || value === "" ? undefined : Number(value);
}

export function ExportForm({ projects, batches, initialProject }: Props) {
  const [chosen, setChosen] = useState<string[]>(initialProject ? [initialProject] : projects.slice(0, 1).map((p) => p.slug));
  const [format, setFormat] = useState<ExportFormat>("trl");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    // runAction answers every error of the server itself; a rejected call is one that never got through.
    const result = await queueExportAction({
      format: form.get("format"),
      fileType: form.get("fileType"),
      projects: chosen,
      batches: form.getAll("batches"),
      from: form.get("from") || undefined,
      to: form.get("to") || undefined,
      // A disabled field (an option the format does not take) is not in the form data: its default applies.
      aggregation: form.get("aggregation") ?? undefined,
      strengthPolicy: form.get("strengthPolicy") ?? undefined,
      excludeBlockedAnnotators: form.get("excludeBlocked") === "on",
      minAgreement: numberOrUndefined(form.get("minAgreement")),
      testFraction: numberOrUndefined(form.get("testFraction")) ?? 0,
    }).catch(() => ({ ok: false as const, error: "Could not reach the server. Try again.", code: "NETWORK", details: [] }));
    setPending(false);
    if (!result.ok) setError(result.error);
  }

  const visibleBatches = batches.filter((batch) => chosen.includes(batch.project));
  const days = format === "conversations" ? "Conversations started" : "Judged";
  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <fieldset>
        <legend className="font-medium">Projects</legend>
        {projects.length === 0 && <p className="text-slate-600">There are no projects yet.</p>}
        {projects.map((project) => (
          <label key={project.slug} className="mt-1 flex items-center gap-2">
            <input
              type="checkbox"
              checked={chosen.includes(project.slug)}
              onChange={(event) =>
                setChosen((current) => (event.target.checked ? [...current, project.slug] : current.filter((slug) => slug !== project.slug)))
              }
            />
            {project.name} <span className="text-slate-500">({project.judgmentCount} judgments)</span>
          </label>
        ))}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <label>
          Format
          <select name="format" value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)} className={field}>
            {EXPORT_FORMATS.map((option) => (
              <option key={option} value={option}>
                {EXPORT_FORMAT_LABELS[option]}
              </option>
            ))}
          </select>
        </label>
        <label>
          File
          <select name="fileType" defaultValue="jsonl" className={field}>
            {FILE_TYPES.map((type) => (
              <option key={type} value={type}>
                {FILE_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Aggregation
          <select name="aggregation" defaultValue="per-judgment" disabled={!formatTakes(format, "aggregation")} className={field}>
            {AGGREGATIONS.map((aggregation) => (
              <option key={aggregation} value={aggregation}>
                {AGGREGATION_LABELS[aggregation]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Strength
          <select name="strengthPolicy" defaultValue="keep" disabled={!formatTakes(format, "strengthPolicy")} className={field}>
            {STRENGTH_POLICIES.map((policy) => (
              <option key={policy} value={policy}>
                {STRENGTH_LABELS[policy]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {days} from (UTC day)
          <input type="date" name="from" className={field} />
        </label>
        <label>
          {days} up to (UTC day)
          <input type="date" name="to" className={field} />
        </label>
        <label>
          Minimum agreement (k &gt; 1)
          <input
            type="number"
            name="minAgreement"
            min={0}
            max={1}
            step={0.05}
            placeholder="none"
            disabled={!formatTakes(format, "minAgreement")}
            className={field}
          />
        </label>
        <label>
          Test split share
          <input type="number" name="testFraction" min={0} max={0.5} step={0.05} defaultValue={0} className={field} />
        </label>
      </div>
      {visibleBatches.length > 0 && (
        <label className="block">
          Batches <span className="text-slate-500">(none chosen: all)</span>
          <select name="batches" multiple size={Math.min(6, visibleBatches.length)} className={field}>
            {visibleBatches.map((batch) => (
              <option key={batch.id} value={batch.id}>
                {batch.project} · {batch.name} ({batch.itemCount} items)
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="flex items-center gap-2">
        <input type="checkbox" name="excludeBlocked" defaultChecked /> Leave out blocked annotators{format === "conversations" && " (and their conversations)"}
      </label>
      <FormError message={error} />
      <Button type="submit" disabled={pending || chosen.length === 0}>
        {pending ? "Starting…" : "Start export"}
      </Button>
    </form>
  );
}
