import { useId } from "react";
import { PAIRING_RULES } from "@/components/projects/conversation-options";
import type { ProjectFormValues } from "@/components/projects/project-form-values";

/** Which endpoints answer each turn: one option per rule, each with what it gives. */
export function PairingRulePicker({ defaultValue, error }: { defaultValue: ProjectFormValues["pairingRule"]; error: string }) {
  const id = useId();
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium">Pairing of models</legend>
      {PAIRING_RULES.map((rule) => (
        <div key={rule.value} className="flex items-start gap-2 text-sm">
          <input
            id={`${id}-${rule.value}`}
            type="radio"
            name="pairingRule"
            value={rule.value}
            defaultChecked={rule.value === defaultValue}
            aria-describedby={`${id}-${rule.value}-why`}
            className="mt-1"
          />
          <div>
            <label htmlFor={`${id}-${rule.value}`}>{rule.label}</label>
            <p id={`${id}-${rule.value}-why`} className="text-slate-500">
              {rule.explanation}
            </p>
          </div>
        </div>
      ))}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
