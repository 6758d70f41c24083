"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Modal } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";
import { leaveConversationAction } from "@/lib/actions/conversations";

/** The way out: leave the conversation (what was answered is kept) and go back to the task list. */
export function LeaveConversationButton({ conversationId, label }: { conversationId: string; label: string }) {
  const [open, setOpen] = useState(false);
  const { run, pending, error } = useServerAction(leaveConversationAction);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="text-sm text-slate-700 underline">
        {label}
      </button>
      <Modal open={open} title="Leave this conversation?" onClose={() => setOpen(false)}>
        <p className="text-sm">The turns you answered are kept. The conversation ends here; you can start another one later.</p>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => setOpen(false)} className="text-sm underline">
            Stay
          </button>
          <Button type="button" disabled={pending} onClick={() => void run(conversationId)}>
            {pending ? "Leaving…" : "Leave"}
          </Button>
        </div>
        <FormError message={error} />
      </Modal>
    </>
  );
}
