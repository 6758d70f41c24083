import type { ResponseDiff as Diff } from "@/lib/data/response-diffs";

/** A response as plain text with the words the other response does not have marked. Text stays text. */
export function ResponseDiff({ diff }: { diff: Diff }) {
  if (!diff.parts) return <p className="text-sm text-slate-600 italic">These responses are too long to compare word by word.</p>;
  return (
    <div className="inert-text font-sans text-[15px] leading-7 whitespace-pre-wrap">
      <p className="mb-2 text-xs text-slate-600">Highlighted: words not in response {diff.otherLabel}.</p>
      {diff.parts.map((part, index) =>
        part.added ? (
          <mark key={index} className="rounded bg-amber-200 px-0.5">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </div>
  );
}
