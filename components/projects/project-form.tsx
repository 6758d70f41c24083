"use client";

import { useState, type FormEvent } from "react";
import { CollectionFields } from "@/components/projects/collection-fields";
import { ConversationFields } from "@/components/projects/conversation-fields";
import { JudgmentFields } from "@/components/projects/judgment-fields";
import { ProjectBasicsFields } from "@/components/projects/project-basics-fields";
import { QualityCheckFields } from "@/components/projects/quality-check-fields";
import { PROJECT_DEFAULTS, type ProjectFormValues } from "@/components/projects/project-form-values";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { createProjectAction, updateProjectAction } from "@/lib/actions/projects";
import type { EndpointChoice } from "@/lib/data/endpoint-choices";

type Props = {
  groups: { id: string; name: string }[];
  /** The model endpoints a live-conversation project may draw from. */
  endpoints: EndpointChoice[];
  /** Editing an existing project (its slug never changes); absent: creating one. */
  project?: ProjectFormValues & { slug: string; hasJudgments: boolean };
};

/** One form for creating and editing a project; the server checks every field again. */
export function ProjectForm({ groups, endpoints, project }: Props) {
  const save = useServerAction((form: FormData) => (project ? updateProjectAction(project.slug, form) : createProjectAction(form)));
  const values = project ?? PROJECT_DEFAULTS;
  const [kind, setKind] = useState(values.judgmentKind);
  const [framing, setFraming] = useState({ question: values.question, polarity: values.polarity });
  const dialogue = kind === "DIALOGUE";
  const errorOf = (field: string) =>
    save.details
      .filter((d) => d.field === field)
      .map((d) => d.message)
      .join("; ");
  // Sent by hand rather than as a <form action>: React resets a form after its action, which would
  // throw away the admin's edits when the server refuses one of them.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void save.run(new FormData(event.currentTarget));
  };
  const frozenNote = project?.hasJudgments ? <span className="text-slate-500"> (fixed: judgments exist)</span> : null;

  return (
    <form onSubmit={onSubmit} className="space-y-6 rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="settings" value="1" />
      <ProjectBasicsFields values={values} framing={framing} onFramingChange={setFraming} isNew={!project} errorOf={errorOf} frozenNote={frozenNote} />
      <JudgmentFields values={values} kind={kind} onKindChange={setKind} errorOf={errorOf} frozenNote={frozenNote} />
      {/* Kept while another kind is chosen, so switching back finds the edits; disabled, so it is not sent. */}
      <fieldset disabled={!dialogue} hidden={!dialogue}>
        <ConversationFields values={values} endpoints={endpoints} errorOf={errorOf} frozenNote={frozenNote} onPreset={setFraming} />
      </fieldset>
      <CollectionFields values={values} groups={groups} dialogue={dialogue} errorOf={errorOf} />
      <QualityCheckFields values={values} dialogue={dialogue} errorOf={errorOf} />
      <FormError message={save.error} />
      {save.result?.ok && (
        <p role="status" className="text-sm text-green-800">
          {save.result.data.changed.length ? `Saved: ${save.result.data.changed.join(", ")}.` : "Nothing changed."}
        </p>
      )}
      <Button type="submit" disabled={save.pending}>
        {save.pending ? "Saving…" : project ? "Save settings" : "Create project"}
      </Button>
    </form>
  );
}
