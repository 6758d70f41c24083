"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { createStudyAction } from "@/lib/actions/studies";
import { DEFAULT_MAX_PARTICIPANTS } from "@/lib/validations/study";

const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

/** `suggestedCode` is made on the server per render, so each new study gets its own by default. */
export function CreateStudyForm({ projects, suggestedCode }: { projects: { id: string; name: string }[]; suggestedCode: string }) {
  const { formAction, pending, result, error, details } = useServerAction(createStudyAction);
  const [platform, setPlatform] = useState<"PROLIFIC" | "MTURK">("PROLIFIC");
  const fieldError = (field: string) => details.find((d) => d.field === field)?.message;
  if (projects.length === 0) return <p className="rounded border border-slate-200 bg-white p-4 text-slate-600">Create a project first.</p>;
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <label className="block text-sm">
        Project
        <select name="projectId" required className={inputClass}>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        Platform
        <select name="platform" value={platform} onChange={(event) => setPlatform(event.target.value as "PROLIFIC" | "MTURK")} className={inputClass}>
          <option value="PROLIFIC">Prolific</option>
          <option value="MTURK">MTurk</option>
        </select>
      </label>
      <label className="block text-sm">
        Name
        <input name="name" required maxLength={200} className={inputClass} />
        {fieldError("name") && <span className="text-red-700">{fieldError("name")}</span>}
      </label>
      <label className="block text-sm">
        Judgments required to complete
        <input name="requiredJudgments" type="number" min={1} max={10000} defaultValue={10} required className={inputClass} />
        {fieldError("requiredJudgments") && <span className="text-red-700">{fieldError("requiredJudgments")}</span>}
      </label>
      <label className="block text-sm">
        Places <span className="text-slate-500">(the most participants who may enter: Prolific&apos;s places, or the workers you expect on MTurk)</span>
        <input name="maxParticipants" type="number" min={1} max={100000} defaultValue={DEFAULT_MAX_PARTICIPANTS} required className={inputClass} />
        {fieldError("maxParticipants") && <span className="text-red-700">{fieldError("maxParticipants")}</span>}
      </label>
      {platform === "PROLIFIC" && (
        <label className="block text-sm">
          Completion code <span className="text-slate-500">(the same as in Prolific&apos;s study settings)</span>
          <input name="completionCode" defaultValue={suggestedCode} required pattern="[A-Za-z0-9_\-]{4,64}" className={`${inputClass} font-mono`} />
          {fieldError("completionCode") && <span className="text-red-700">{fieldError("completionCode")}</span>}
        </label>
      )}
      <FormError message={error} />
      {result?.ok && (
        <p role="status" className="text-sm text-emerald-700">
          Study created: its link is in the list.
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create study"}
      </Button>
    </form>
  );
}
