import type { ReactNode } from "react";
import { FlagListEditor } from "@/components/projects/flag-list-editor";
import { FormCheck } from "@/components/projects/form-check";
import { FormField } from "@/components/projects/form-field";
import { FormSection } from "@/components/projects/form-section";
import type { ProjectFormValues } from "@/components/projects/project-form-values";

const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

type Kind = ProjectFormValues["judgmentKind"];

/** How workers answer: the judgment kind and scale, ties, "both bad", the rationale and flags. */
export function JudgmentFields({
  values,
  kind,
  onKindChange,
  errorOf,
  frozenNote,
}: {
  values: ProjectFormValues;
  kind: Kind;
  onKindChange: (kind: Kind) => void;
  errorOf: (field: string) => string;
  frozenNote: ReactNode;
}) {
  const dialogue = kind === "DIALOGUE";
  return (
    <FormSection title="Judgment">
      <FormField label="Judgment kind" error={errorOf("judgmentKind")} note={frozenNote}>
        <select name="judgmentKind" value={kind} onChange={(event) => onKindChange(event.target.value as Kind)} className={inputClass}>
          <option value="PAIRWISE">Pairwise: which of two is better, and by how much</option>
          <option value="RANKING">Ranking of all responses</option>
          <option value="DIALOGUE">Live conversation: workers chat with models and compare their samples at every turn</option>
        </select>
      </FormField>
      <FormField label="Pairwise scale" hint={dialogue ? "for turns of 2 samples" : undefined} error={errorOf("pairwiseScale")} note={frozenNote}>
        <select name="pairwiseScale" defaultValue={values.pairwiseScale} className={inputClass}>
          <option value="EIGHT_POINT">8 points, no tie (A A A A | B B B B)</option>
          <option value="SEVEN_POINT">7 points with “about the same”</option>
          <option value="BINARY">A or B</option>
        </select>
      </FormField>
      <FormCheck name="allowTies" label="Rankings may tie responses" defaultChecked={values.allowTies} />
      {/* A turn needs a pick to go on with, so a conversation has no "both bad" (the server agrees). */}
      <fieldset disabled={dialogue} hidden={dialogue}>
        <FormCheck name="allowBothBad" label="Workers may answer “both bad / none is acceptable”" defaultChecked={values.allowBothBad} />
      </fieldset>
      <FormField label="Rationale" error={errorOf("rationaleMode")}>
        <select name="rationaleMode" defaultValue={values.rationaleMode} className={inputClass}>
          <option value="OFF">Not asked</option>
          <option value="OPTIONAL">Optional</option>
          <option value="REQUIRED">Required</option>
        </select>
      </FormField>
      <FormField label="Minimum rationale length (characters)" error={errorOf("rationaleMinLength")}>
        <input name="rationaleMinLength" type="number" min={0} max={10000} defaultValue={values.rationaleMinLength} className={inputClass} />
      </FormField>
      <FlagListEditor defaultValue={values.flagOptions} />
      {errorOf("flagOptions") && <p className="text-sm text-red-700">{errorOf("flagOptions")}</p>}
    </FormSection>
  );
}
