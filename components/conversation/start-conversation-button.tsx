"use client";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { startConversationAction } from "@/lib/actions/conversations";

/** Starts a live conversation in the project, or goes back to the one in progress. */
export function StartConversationButton({ projectSlug, resume, autoFocus }: { projectSlug: string; resume: boolean; autoFocus?: boolean }) {
  const { run, pending, error } = useServerAction(startConversationAction);
  return (
    <div className="text-right">
      <Button type="button" autoFocus={autoFocus} disabled={pending} onClick={() => void run(projectSlug)}>
        {pending ? "Opening…" : resume ? "Continue your conversation" : "Start a conversation"}
      </Button>
      <FormError message={error} className="mt-1" />
    </div>
  );
}
