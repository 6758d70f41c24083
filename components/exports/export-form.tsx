"use client";

import { useState, type FormEvent } from "react";
import { ExportBatchPicker } from "@/components/exports/export-batch-picker";
import { ExportFilterFields } from "@/components/exports/export-filter-fields";
import { ExportFormatFields } from "@/components/exports/export-format-fields";
import { exportInputFrom } from "@/components/exports/export-input-from";
import { ExportProjectPicker } from "@/components/exports/export-project-picker";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { queueExportAction } from "@/lib/actions/exports";
import type { ExportFormat } from "@/lib/exports/export-options";

type Props = {
  projects: { slug: string; name: string; judgmentCount: number }[];
  batches: { id: string; name: string; project: string; itemCount: number }[];
  initialProject?: string;
};

export function ExportForm({ projects, batches, initialProject }: Props) {
  const [chosen, setChosen] = useState<string[]>(initialProject ? [initialProject] : projects.slice(0, 1).map((p) => p.slug));
  const [format, setFormat] = useState<ExportFormat>("trl");
  const { run, pending, error } = useServerAction(queueExportAction);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(exportInputFrom(new FormData(event.currentTarget), chosen));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <ExportProjectPicker projects={projects} chosen={chosen} onChange={setChosen} />
      <div className="grid gap-3 sm:grid-cols-2">
        <ExportFormatFields format={format} onFormatChange={setFormat} />
        <ExportFilterFields format={format} />
      </div>
      <ExportBatchPicker batches={batches.filter((batch) => chosen.includes(batch.project))} />
      <label className="flex items-center gap-2">
        <input type="checkbox" name="excludeBlocked" defaultChecked /> Leave out blocked annotators
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="includeChecks" /> Include check items (gold, attention checks, practice): left out of datasets by default
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="releaseGate" /> Release gate: warn when a project’s agreement (nominal α) is under 0.667
      </label>
      <FormError message={error} />
      <Button type="submit" disabled={pending || chosen.length === 0}>
        {pending ? "Starting…" : "Start export"}
      </Button>
    </form>
  );
}
