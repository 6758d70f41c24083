import type { ConversationCounts } from "@/lib/data/conversation-counts";

/** A live-conversation project's numbers, as a description list so they read in order. */
export function ConversationCountSummary({ counts }: { counts: ConversationCounts }) {
  const stats = [
    ["Active conversations", counts.active],
    ["Completed", counts.completed],
    ["Abandoned", counts.abandoned],
    ["Answered turns", counts.answeredTurns],
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {stats.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
          <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
          <dd className="text-lg font-semibold" data-stat={label}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
