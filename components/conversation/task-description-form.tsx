"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { setTaskDescriptionAction } from "@/lib/actions/conversations";

/** Red team: the worker's plan, written before the first message (one topic per conversation). */
export function TaskDescriptionForm({ conversationId }: { conversationId: string }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const { run, pending, error } = useServerAction(setTaskDescriptionAction);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run({ conversationId, taskDescription: text });
    if (result?.ok) router.refresh();
  };
  return (
    <form onSubmit={onSubmit} aria-label="Your task" className="rounded-lg border border-slate-200 bg-white p-4">
      <label htmlFor="task-description" className="mb-1 block font-medium">
        What will you try to make the assistant do?
      </label>
      <p id="task-description-help" className="mb-2 text-sm text-slate-600">
        One or two sentences, one topic for this conversation. You write it once, before your first message.
      </p>
      <textarea
        id="task-description"
        aria-describedby="task-description-help"
        autoFocus
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={3}
        maxLength={2000}
        className="block w-full rounded border border-slate-300 p-2"
      />
      <div className="mt-2 flex justify-end">
        <Button type="submit" disabled={pending || text.trim().length < 10}>
          {pending ? "Saving…" : "Save and start"}
        </Button>
      </div>
      <FormError message={error} />
    </form>
  );
}
