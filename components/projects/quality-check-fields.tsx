import { FormField } from "@/components/projects/form-field";
import { FormSection } from "@/components/projects/form-section";
import type { ProjectFormValues } from "@/components/projects/project-form-values";

const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

/**
 * Gold items and attention checks, the qualification and dynamic overlap (docs/quality.md). Shares are
 * fractions, as the API takes them. A live conversation has no items to mix checks into, so the fields
 * give way to a note there, kept in the form but not sent.
 */
export function QualityCheckFields({ values, dialogue, errorOf }: { values: ProjectFormValues; dialogue: boolean; errorOf: (field: string) => string }) {
  return (
    <FormSection title="Quality checks">
      {dialogue && <p className="text-sm text-slate-600">Gold items, qualification and dynamic overlap apply to imported items, not to live conversations.</p>}
      <fieldset disabled={dialogue} hidden={dialogue} className="space-y-3" aria-describedby="quality-checks-help">
        <p id="quality-checks-help" className="text-sm text-slate-600">
          Gold and attention items come from imported batches (items with the role GOLD or ATTENTION and a reference preference). They look exactly like tasks
          to workers; a worker whose gold accuracy falls below the threshold is paused in this project until an admin resumes them on the Quality page.
        </p>
        <FormField label="Gold rate" hint="0 to 0.5: share of claims that get a gold or attention item; 0 for none" error={errorOf("goldRate")}>
          <input name="goldRate" type="number" min={0} max={0.5} step={0.01} required defaultValue={values.goldRate} className={inputClass} />
        </FormField>
        <FormField label="Gold answers before a pause" hint="a worker is never paused on fewer" error={errorOf("goldMinAnswers")}>
          <input name="goldMinAnswers" type="number" min={1} max={1000} required defaultValue={values.goldMinAnswers} className={inputClass} />
        </FormField>
        <FormField label="Gold threshold" hint="0 to 1: pause a worker whose gold accuracy is below this" error={errorOf("goldThreshold")}>
          <input name="goldThreshold" type="number" min={0} max={1} step={0.01} required defaultValue={values.goldThreshold} className={inputClass} />
        </FormField>
        <FormField
          label="Qualification pass mark"
          hint="0 to 1: share of the practice set a worker must get right before real tasks; empty for no qualification"
          error={errorOf("qualificationPassMark")}
        >
          <input
            name="qualificationPassMark"
            type="number"
            min={0}
            max={1}
            step={0.01}
            defaultValue={values.qualificationPassMark ?? ""}
            className={inputClass}
          />
        </FormField>
        <FormField
          label="Overlap max"
          hint="most judgments an item may get when its first ones disagree; greater than k, at most 100; empty for off"
          error={errorOf("overlapMax")}
        >
          <input name="overlapMax" type="number" min={2} max={100} defaultValue={values.overlapMax ?? ""} className={inputClass} />
        </FormField>
        <FormField
          label="Overlap disagreement"
          hint="0 to 1: share of judgments off the most common answer that asks for one more"
          error={errorOf("overlapDisagreement")}
        >
          <input
            name="overlapDisagreement"
            type="number"
            min={0}
            max={1}
            step={0.01}
            required
            defaultValue={values.overlapDisagreement}
            className={inputClass}
          />
        </FormField>
        <FormField
          label="Order of tasks"
          hint="adaptive: for items whose two responses name two models, the pair that narrows the leaderboard most comes first"
          error={errorOf("pairingRule")}
        >
          <select name="pairingRule" defaultValue={values.pairingRule === "ADAPTIVE" ? "ADAPTIVE" : "RANDOM_MODELS"} className={inputClass}>
            <option value="RANDOM_MODELS">File order</option>
            <option value="ADAPTIVE">Adaptive, for model-vs-model items</option>
          </select>
        </FormField>
      </fieldset>
    </FormSection>
  );
}
