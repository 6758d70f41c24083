import { AccessPicker } from "@/components/projects/access-picker";
import { FormField } from "@/components/projects/form-field";
import { FormSection } from "@/components/projects/form-section";
import type { ProjectFormValues } from "@/components/projects/project-form-values";

const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

/**
 * How items are handed out: k, the lease, limits per worker, and who may work on the project. A live
 * conversation hands nothing out (its turns are the conversing worker's), so k and leases give way to a
 * note, kept in the form but not sent, and its daily cap counts conversations.
 */
export function CollectionFields({
  values,
  groups,
  dialogue,
  errorOf,
}: {
  values: ProjectFormValues;
  groups: { id: string; name: string }[];
  dialogue: boolean;
  errorOf: (field: string) => string;
}) {
  return (
    <FormSection title="Collection">
      {dialogue && (
        <p className="text-sm text-slate-600">
          One judgment per turn, by the conversing worker; send turns for review (from the project&apos;s page) to get more.
        </p>
      )}
      <fieldset disabled={dialogue} hidden={dialogue} className="space-y-3">
        <FormField label="Judgments per item (k)" error={errorOf("judgmentsPerItem")}>
          <input name="judgmentsPerItem" type="number" min={1} max={100} required defaultValue={values.judgmentsPerItem} className={inputClass} />
        </FormField>
        <FormField label="Lease length (minutes)" error={errorOf("leaseSeconds")}>
          <input name="leaseMinutes" type="number" min={0.5} max={1440} step={0.5} required defaultValue={values.leaseSeconds / 60} className={inputClass} />
        </FormField>
        <FormField label="Open leases per worker" hint="tasks one worker may hold at once" error={errorOf("maxOpenLeases")}>
          <input name="maxOpenLeases" type="number" min={1} max={50} required defaultValue={values.maxOpenLeases} className={inputClass} />
        </FormField>
      </fieldset>
      <FormField label="Daily cap per worker" hint={`${dialogue ? "conversations" : "tasks"} a day (UTC); empty for no cap`} error={errorOf("dailyCap")}>
        <input name="dailyCap" type="number" min={1} defaultValue={values.dailyCap ?? ""} className={inputClass} />
      </FormField>
      <AccessPicker groups={groups} defaultValue={values.groupIds} />
    </FormSection>
  );
}
