import type { ReactNode } from "react";
import { EndpointPicker } from "@/components/projects/endpoint-picker";
import { FormField } from "@/components/projects/form-field";
import { FormSection } from "@/components/projects/form-section";
import { PairingRulePicker } from "@/components/projects/pairing-rule-picker";
import type { Framing, ProjectFormValues } from "@/components/projects/project-form-values";
import { RedTeamFields } from "@/components/projects/red-team-fields";
import type { EndpointChoice } from "@/lib/data/endpoint-choices";

const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

/** A live-conversation project's settings: the models, the samples and turns, the pairing rule and red-team mode. */
export function ConversationFields({
  values,
  endpoints,
  errorOf,
  frozenNote,
  onPreset,
}: {
  values: ProjectFormValues;
  endpoints: EndpointChoice[];
  errorOf: (field: string) => string;
  frozenNote: ReactNode;
  onPreset: (framing: Framing) => void;
}) {
  return (
    <FormSection title="Conversation">
      {/* Tells the server these fields were sent (an unticked last endpoint sends nothing of its own). */}
      <input type="hidden" name="dialogue" value="1" />
      <EndpointPicker endpoints={endpoints} defaultValue={values.endpointIds} error={errorOf("endpointIds")} />
      <FormField
        label="Samples per turn"
        hint="2 to 4: two are compared on the pairwise scale; three or four become a ranking"
        error={errorOf("samplesPerTurn")}
        note={frozenNote}
      >
        <input name="samplesPerTurn" type="number" min={2} max={4} required defaultValue={values.samplesPerTurn} className={inputClass} />
      </FormField>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label="Minimum turns" hint="before a worker may end it" error={errorOf("minTurns")}>
          <input name="minTurns" type="number" min={1} max={20} required defaultValue={values.minTurns} className={inputClass} />
        </FormField>
        <FormField label="Maximum turns" hint="then it must end" error={errorOf("maxTurns")}>
          <input name="maxTurns" type="number" min={1} max={50} required defaultValue={values.maxTurns} className={inputClass} />
        </FormField>
      </div>
      <PairingRulePicker defaultValue={values.pairingRule} error={errorOf("pairingRule")} />
      <RedTeamFields defaultChecked={values.redTeam} onPreset={onPreset} />
    </FormSection>
  );
}
