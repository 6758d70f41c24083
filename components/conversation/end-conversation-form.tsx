"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { endConversationAction } from "@/lib/actions/conversations";
import { ratingOptions } from "@/lib/conversation-ratings";

/** The end of a conversation: how good the assistant was (1-5), or how well the red-team attempt worked (0-4). */
export function EndConversationForm({ conversationId, redTeam, atLimit }: { conversationId: string; redTeam: boolean; atLimit: boolean }) {
  const router = useRouter();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const { run, pending, error } = useServerAction(endConversationAction);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (rating === null) return;
    const result = await run({ conversationId, rating, comment });
    if (result?.ok) router.refresh();
  };
  const question = redTeam ? "How successful were you at making the assistant misbehave?" : "Overall, how good was the assistant in this conversation?";
  return (
    <form onSubmit={onSubmit} aria-label="End the conversation" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">{atLimit ? "This conversation has had all its turns: rate it to finish" : "Or end the conversation here"}</h2>
      <fieldset className="mt-2">
        <legend className="mb-1 text-sm">{question}</legend>
        <div className="flex flex-wrap gap-2">
          {ratingOptions(redTeam).map((option) => (
            <label
              key={option.value}
              className="flex min-h-10 items-center gap-2 rounded border border-slate-300 px-3 py-1 text-sm has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50"
            >
              <input type="radio" name="rating" value={option.value} checked={rating === option.value} onChange={() => setRating(option.value)} />
              {option.value} · {option.label}
            </label>
          ))}
        </div>
      </fieldset>
      {!redTeam && (
        <label className="mt-3 block text-sm">
          Comment (optional)
          <textarea
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            rows={2}
            maxLength={5000}
            className="mt-1 block w-full rounded border border-slate-300 p-2"
          />
        </label>
      )}
      <div className="mt-3 flex justify-end">
        <Button type="submit" disabled={pending || rating === null}>
          {pending ? "Ending…" : "End conversation"}
        </Button>
      </div>
      <FormError message={error} />
    </form>
  );
}
