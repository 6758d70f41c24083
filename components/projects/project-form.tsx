"use client";

import type { FormEvent, ReactNode } from "react";
import { createProjectAction, updateProjectAction } from "@/lib/actions/projects";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { AccessPicker } from "@/components/projects/access-picker";
import { FlagListEditor } from "@/components/projects/flag-list-editor";
import { InstructionsEditor } from "@/components/projects/instructions-editor";
import { POLARITY_LABELS, PROJECT_DEFAULTS, type ProjectFormValues } from "@/components/projects/project-form-values";

const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

type Props = {
  groups: { id: string; name: string }[];
  /** Editing an existing project (its slug never changes); absent: creating one. */
  project?: ProjectFormValues & { slug: string; hasJudgments: boolean };
};

/** One form for creating and editing a project; the server checks every field again. */
export function ProjectForm({ groups, project }: Props) {
  const { run, pending, result, error, details } = useServerAction((form: FormData) =>
    project ? updateProjectAction(project.slug, form) : createProjectAction(form),
  );
  const values = project ?? PROJECT_DEFAULTS;
  const errorOf = (field: string) =>
    details
      .filter((d) => d.field === field)
      .map((d) => d.message)
      .join("; ");
  // Sent by hand rather than as a <form action>: React resets a form after its action, which would
  // throw away the admin's edits when the server refuses one of them.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(form);
  };
  const frozenNote = project?.hasJudgments ? <span className="text-slate-500"> (fixed: judgments exist)</span> : null;

  return (
    <form onSubmit={onSubmit} className="space-y-6 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="settings" value="1" />
      <Section title="Project">
        <Field label="Name" error={errorOf("name")}>
          <input name="name" required defaultValue={values.name} className={inputClass} />
        </Field>
        {!project && (
          <Field label="Slug" hint="lowercase, used in URLs; cannot change later" error={errorOf("slug")}>
            <input name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" className={inputClass} />
          </Field>
        )}
        <Field label="Question" error={errorOf("question")}>
          <input name="question" required defaultValue={values.question} className={inputClass} />
        </Field>
        <Field label="Polarity" hint="which response is `chosen` in exports" error={errorOf("polarity")} note={frozenNote}>
          <select name="polarity" defaultValue={values.polarity} className={inputClass}>
            {Object.entries(POLARITY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <div className="text-sm">
          <span className="font-medium">Instructions</span> <span className="text-slate-500">(markdown, shown to workers before their first task)</span>
          <InstructionsEditor defaultValue={values.instructions} />
          {errorOf("instructions") && <span className="text-red-700">{errorOf("instructions")}</span>}
        </div>
      </Section>

      <Section title="Judgment">
        <Field label="Judgment kind" error={errorOf("judgmentKind")} note={frozenNote}>
          <select name="judgmentKind" defaultValue={values.judgmentKind} className={inputClass}>
            <option value="PAIRWISE">Pairwise: which of two is better, and by how much</option>
            <option value="RANKING">Ranking of all responses</option>
          </select>
        </Field>
        <Field label="Pairwise scale" error={errorOf("pairwiseScale")} note={frozenNote}>
          <select name="pairwiseScale" defaultValue={values.pairwiseScale} className={inputClass}>
            <option value="EIGHT_POINT">8 points, no tie (A A A A | B B B B)</option>
            <option value="SEVEN_POINT">7 points with “about the same”</option>
            <option value="BINARY">A or B</option>
          </select>
        </Field>
        <Check name="allowTies" label="Rankings may tie responses" defaultChecked={values.allowTies} />
        <Check name="allowBothBad" label="Workers may answer “both bad / none is acceptable”" defaultChecked={values.allowBothBad} />
        <Field label="Rationale" error={errorOf("rationaleMode")}>
          <select name="rationaleMode" defaultValue={values.rationaleMode} className={inputClass}>
            <option value="OFF">Not asked</option>
            <option value="OPTIONAL">Optional</option>
            <option value="REQUIRED">Required</option>
          </select>
        </Field>
        <Field label="Minimum rationale length (characters)" error={errorOf("rationaleMinLength")}>
          <input name="rationaleMinLength" type="number" min={0} max={10000} defaultValue={values.rationaleMinLength} className={inputClass} />
        </Field>
        <FlagListEditor defaultValue={values.flagOptions} />
        {errorOf("flagOptions") && <p className="text-sm text-red-700">{errorOf("flagOptions")}</p>}
      </Section>

      <Section title="Collection">
        <Field label="Judgments per item (k)" error={errorOf("judgmentsPerItem")}>
          <input name="judgmentsPerItem" type="number" min={1} max={100} required defaultValue={values.judgmentsPerItem} className={inputClass} />
        </Field>
        <Field label="Lease length (minutes)" error={errorOf("leaseSeconds")}>
          <input name="leaseMinutes" type="number" min={0.5} max={1440} step={0.5} required defaultValue={values.leaseSeconds / 60} className={inputClass} />
        </Field>
        <Field label="Open leases per worker" hint="tasks one worker may hold at once" error={errorOf("maxOpenLeases")}>
          <input name="maxOpenLeases" type="number" min={1} max={50} required defaultValue={values.maxOpenLeases} className={inputClass} />
        </Field>
        <Field label="Daily cap per worker" hint="tasks a day (UTC); empty for no cap" error={errorOf("dailyCap")}>
          <input name="dailyCap" type="number" min={1} defaultValue={values.dailyCap ?? ""} className={inputClass} />
        </Field>
        <AccessPicker groups={groups} defaultValue={values.groupIds} />
      </Section>

      <FormError message={error} />
      {result?.ok && (
        <p role="status" className="text-sm text-green-800">
          {result.data.changed.length ? `Saved: ${result.data.changed.join(", ")}.` : "Nothing changed."}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : project ? "Save settings" : "Create project"}
      </Button>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Field({ label, hint, error, note, children }: { label: string; hint?: string; error?: string; note?: ReactNode; children: ReactNode }) {
  return (
    <label className="block text-sm">
      {label}
      {hint && <span className="text-slate-500"> ({hint})</span>}
      {note}
      {children}
      {error && <span className="text-red-700">{error}</span>}
    </label>
  );
}

function Check({ name, label, defaultChecked }: { name: string; label: string; defaultChecked: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} />
      {label}
    </label>
  );
}
