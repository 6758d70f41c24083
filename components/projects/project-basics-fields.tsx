import type { ReactNode } from "react";
import { FormField } from "@/components/projects/form-field";
import { FormSection } from "@/components/projects/form-section";
import { InstructionsEditor } from "@/components/projects/instructions-editor";
import { POLARITY_LABELS, type Framing, type ProjectFormValues } from "@/components/projects/project-form-values";

const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

/**
 * Name, slug (only for a new project), question, polarity and instructions. Question and polarity are
 * held by the form, because the red-team presets fill them in.
 */
export function ProjectBasicsFields({
  values,
  framing,
  onFramingChange,
  isNew,
  errorOf,
  frozenNote,
}: {
  values: ProjectFormValues;
  framing: Framing;
  onFramingChange: (framing: Framing) => void;
  isNew: boolean;
  errorOf: (field: string) => string;
  frozenNote: ReactNode;
}) {
  return (
    <FormSection title="Project">
      <FormField label="Name" error={errorOf("name")}>
        <input name="name" required defaultValue={values.name} className={inputClass} />
      </FormField>
      {isNew && (
        <FormField label="Slug" hint="lowercase, used in URLs; cannot change later" error={errorOf("slug")}>
          <input name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" className={inputClass} />
        </FormField>
      )}
      <FormField label="Question" error={errorOf("question")}>
        <input
          name="question"
          required
          value={framing.question}
          onChange={(event) => onFramingChange({ ...framing, question: event.target.value })}
          className={inputClass}
        />
      </FormField>
      <FormField label="Polarity" hint="which response is `chosen` in exports" error={errorOf("polarity")} note={frozenNote}>
        <select
          name="polarity"
          value={framing.polarity}
          onChange={(event) => onFramingChange({ ...framing, polarity: event.target.value as Framing["polarity"] })}
          className={inputClass}
        >
          {Object.entries(POLARITY_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </FormField>
      <div className="text-sm">
        <span className="font-medium">Instructions</span> <span className="text-slate-500">(markdown, shown to workers before their first task)</span>
        <InstructionsEditor defaultValue={values.instructions} />
        {errorOf("instructions") && <span className="text-red-700">{errorOf("instructions")}</span>}
      </div>
    </FormSection>
  );
}
