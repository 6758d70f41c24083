import type { HistoryEntry } from "@/lib/data/worker-history";

export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">You have not answered any task yet.</p>;
  return (
    <ol className="space-y-2">
      {entries.map((entry) => (
        <li key={entry.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <div className="flex flex-wrap justify-between gap-2 text-slate-500">
            <span className="min-w-0 wrap-anywhere">{entry.projectName}</span>
            <time dateTime={entry.createdAt.toISOString()}>
              {entry.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC · {Math.round(entry.timeSpentMs / 1000)} s
            </time>
          </div>
          <p className="inert-text mt-1 truncate text-slate-700">{entry.prompt}</p>
          <p className="mt-1 font-medium">{entry.answer}</p>
          {entry.flags.length > 0 && <p className="text-slate-600">Flags: {entry.flags.join(", ")}</p>}
          {entry.rationale && <p className="inert-text mt-1 text-slate-600">“{entry.rationale}”</p>}
        </li>
      ))}
    </ol>
  );
}
