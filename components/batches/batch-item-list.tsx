import Link from "next/link";
import { ItemRoleForm } from "@/components/batches/item-role-form";
import type { BatchItemRow, StaffJudgment } from "@/lib/data/batch-items";
import { formatDuration } from "@/lib/format-duration";

/** A page of items, each with its judgments behind a disclosure (keyboard: Tab, Enter). */
export function BatchItemList({
  items,
  page,
  pageCount,
  basePath,
  canManage = false,
}: {
  items: BatchItemRow[];
  page: number;
  pageCount: number;
  basePath: string;
  /** Whether the viewer may change an item's role and reference (admins). */
  canManage?: boolean;
}) {
  if (items.length === 0) return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">No items on this page.</p>;
  return (
    <div className="space-y-3">
      <ol className="space-y-2">
        {items.map((item) => (
          <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-3">
            <details>
              <summary className="cursor-pointer">
                <span className="font-mono text-sm text-slate-500">#{item.position}</span>{" "}
                <span className="inert-text">{item.summary || "(no user message)"}</span>{" "}
                {item.role !== "task" && (
                  <span className="rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900 uppercase" data-testid="item-role">
                    {item.role}
                  </span>
                )}{" "}
                <span className="text-sm text-slate-600">
                  · {item.judgmentsWanted === null ? item.judgmentCount : `${item.judgmentCount} / ${item.judgmentsWanted}`} judgments · {item.candidateCount}{" "}
                  responses
                </span>
              </summary>
              {canManage && <ItemRoleForm item={item} />}
              {item.judgments.length === 0 ? (
                <p className="mt-2 text-sm text-slate-500">No judgments yet.</p>
              ) : (
                <ul className="mt-2 space-y-2">
                  {item.judgments.map((judgment) => (
                    <JudgmentRow key={judgment.id} judgment={judgment} />
                  ))}
                </ul>
              )}
            </details>
          </li>
        ))}
      </ol>
      <nav aria-label="Item pages" className="flex items-center gap-4 text-sm">
        {page > 1 && (
          <Link href={`${basePath}?page=${page - 1}`} className="text-indigo-700 underline">
            ← Previous
          </Link>
        )}
        <span>
          Page {page} of {pageCount}
        </span>
        {page < pageCount && (
          <Link href={`${basePath}?page=${page + 1}`} className="text-indigo-700 underline">
            Next →
          </Link>
        )}
      </nav>
    </div>
  );
}

function JudgmentRow({ judgment }: { judgment: StaffJudgment }) {
  const ranking = judgment.bothBad ? "both bad" : judgment.ranking.map((group) => group.map((n) => `#${n}`).join(" = ")).join(" > ");
  return (
    <li className="rounded border border-slate-100 bg-slate-50 p-2 text-sm">
      <div>
        <span className="font-medium">{judgment.worker}</span> · {ranking}
        {judgment.strength !== null && ` · strength ${Math.abs(judgment.strength)}`} · {formatDuration(judgment.timeSpentMs)} ·{" "}
        <time dateTime={judgment.createdAt}>{judgment.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
      </div>
      {judgment.flags.length > 0 && <div>Flags: {judgment.flags.map((entry) => `#${entry.candidate}: ${entry.flags.join(", ")}`).join("; ")}</div>}
      {judgment.rationale && <p className="inert-text mt-1 whitespace-pre-wrap text-slate-700">“{judgment.rationale}”</p>}
    </li>
  );
}
