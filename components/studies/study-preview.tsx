import type { ReactNode } from "react";

const KIND_WORDS = {
  PAIRWISE: "You will read a conversation with an AI assistant and two of its possible replies, and say which is better and by how much.",
  RANKING: "You will read a conversation with an AI assistant and several of its possible replies, and rank them from best to worst.",
  DIALOGUE: "You will chat with an AI assistant; at each of its turns you will see several possible replies and say which is better.",
} as const;

/** An MTurk HIT preview: what the work is like, before the worker accepts it. */
export function StudyPreview({
  preview,
  instructions,
}: {
  preview: { name: string; requiredJudgments: number; project: { question: string; judgmentKind: keyof typeof KIND_WORDS } };
  instructions: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{preview.name}</h1>
      <p role="status" className="rounded border border-indigo-200 bg-indigo-50 p-3 text-indigo-900">
        This is a preview. Accept the HIT to start: nothing is recorded until you do.
      </p>
      <p>
        {KIND_WORDS[preview.project.judgmentKind]} The HIT asks for {preview.requiredJudgments} judgments.
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">Instructions</h2>
        <p className="mb-2 font-medium">{preview.project.question}</p>
        {instructions}
      </section>
    </div>
  );
}
