"use client";

import type { FormEvent } from "react";
import { EndpointConnectionFields } from "@/components/models/endpoint-connection-fields";
import { EndpointSamplingFields } from "@/components/models/endpoint-sampling-fields";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { createEndpointAction, updateEndpointAction } from "@/lib/actions/model-endpoints";
import type { EndpointView } from "@/lib/data/model-endpoints";

type Props = {
  /** Editing this endpoint; absent: adding one. */
  endpoint?: EndpointView;
  /** Called after a saved edit with the fields that changed. */
  onSaved?: (changed: string[]) => void;
};

/** One form for adding and editing a model endpoint; the server checks every field again. */
export function EndpointForm({ endpoint, onSaved }: Props) {
  const save = useServerAction((form: FormData) => (endpoint ? updateEndpointAction(endpoint.id, form) : createEndpointAction(form)));
  const errorOf = (field: string) =>
    save.details
      .filter((detail) => detail.field === field)
      .map((detail) => detail.message)
      .join("; ");
  // Sent by hand rather than as a <form action>: React resets a form after its action, which would
  // throw away what the admin typed when the server refuses one field.
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const result = await save.run(new FormData(form));
    if (!result?.ok) return;
    if (endpoint) onSaved?.("changed" in result.data ? result.data.changed : []);
    else form.reset();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label={endpoint ? `Edit ${endpoint.name}` : "New model endpoint"}>
      <EndpointConnectionFields endpoint={endpoint} errorOf={errorOf} />
      <EndpointSamplingFields endpoint={endpoint} errorOf={errorOf} />
      <FormError message={save.error} />
      {!endpoint && save.result?.ok && "name" in save.result.data && (
        <p role="status" className="text-sm text-green-800">
          Added {save.result.data.name}. Press Test in its row to check that it answers.
        </p>
      )}
      <Button type="submit" disabled={save.pending}>
        {save.pending ? "Saving…" : endpoint ? "Save changes" : "Add endpoint"}
      </Button>
    </form>
  );
}
