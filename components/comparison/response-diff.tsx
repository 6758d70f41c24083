import { diffWordsWithSpace } from "diff";

// Word diffs grow with the product of the lengths: beyond this the view says so instead.
const MAX_DIFF_CHARS = 20_000;

/**
 * The response as plain text with the words the other response does not have marked. Server only:
 * the diff library never reaches the worker's browser. Text stays text (React escapes it).
 */
export function ResponseDiff({ text, other, otherLabel }: { text: string; other: string; otherLabel: string }) {
  if (text.length + other.length > MAX_DIFF_CHARS) {
    return <p className="text-sm text-slate-600 italic">These responses are too long to compare word by word.</p>;
  }
  const parts = diffWordsWithSpace(other, text);
  return (
    <div className="inert-text font-sans text-[15px] leading-7 whitespace-pre-wrap">
      <p className="mb-2 text-xs text-slate-500 not-italic">Highlighted: words not in response {otherLabel}.</p>
      {parts.map((part, index) =>
        part.removed ? null : part.added ? (
          <mark key={index} className="rounded bg-amber-200 px-0.5">
            {part.value}
          </mark>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </div>
  );
}
