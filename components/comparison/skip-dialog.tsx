"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";

const REASONS = [
  "I cannot judge this (topic or language I don't know)",
  "The conversation or a response is broken or unreadable",
  "I do not want to review this content",
];

export function SkipDialog({ open, onClose, onSkip, busy }: { open: boolean; onClose: () => void; onSkip: (reason: string) => void; busy: boolean }) {
  const [choice, setChoice] = useState(REASONS[0]);
  const [other, setOther] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSkip(choice === "other" ? other.trim() : choice);
  };
  return (
    <Modal open={open} title="Skip this task" onClose={onClose}>
      <form onSubmit={submit} className="space-y-3">
        <p className="text-sm text-slate-600">The task goes back to the pool for someone else, and you will not see it again.</p>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Why?</legend>
          {[...REASONS, "other"].map((reason) => (
            <label key={reason} className="flex items-start gap-2 text-sm">
              <input type="radio" name="reason" value={reason} checked={choice === reason} onChange={() => setChoice(reason)} className="mt-1" />
              {reason === "other" ? "Something else:" : reason}
            </label>
          ))}
          {choice === "other" && (
            <input
              aria-label="Your reason"
              value={other}
              onChange={(event) => setOther(event.target.value)}
              required
              maxLength={500}
              autoFocus
              className="w-full rounded border border-slate-300 px-2 py-1"
            />
          )}
        </fieldset>
        <Button type="submit" disabled={busy || (choice === "other" && !other.trim())}>
          Skip and take the next task
        </Button>
      </form>
    </Modal>
  );
}
