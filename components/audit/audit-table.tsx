import { AuditDiff } from "@/components/audit/audit-diff";
import { formatTime } from "@/components/people/format-time";
import { DataTable } from "@/components/ui/data-table";
import type { AuditRow } from "@/lib/data/audit-log";

export function AuditTable({ events }: { events: AuditRow[] }) {
  if (events.length === 0) return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">No events match these filters.</p>;
  return (
    <div className="overflow-x-auto">
      <DataTable columns={["When", "Who", "Action", "Target", "Before → after"]}>
        {events.map((event) => (
          <tr key={event.id} data-testid="audit-row" className="border-t border-slate-100 align-top">
            <td className="whitespace-nowrap p-3 text-slate-500">
              <time dateTime={event.createdAt.toISOString()}>{formatTime(event.createdAt)}</time>
            </td>
            <td className="p-3">{event.actor?.email ?? <span className="text-slate-500">command line or system</span>}</td>
            <td className="p-3 font-mono">{event.action}</td>
            <td className="p-3">
              {event.targetType}
              {event.targetId && <span className="block break-all font-mono text-xs text-slate-500">{event.targetId}</span>}
            </td>
            <td className="p-3">
              <AuditDiff before={event.before} after={event.after} />
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
