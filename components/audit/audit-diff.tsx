import { diffFields } from "@/components/audit/diff-fields";

/** Before and after, field by field; the values are plain text (React escapes them). */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const rows = diffFields(before, after);
  if (rows.length === 0) return <span className="text-slate-400">no details</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
      {rows.map((row) => (
        <div key={row.field} className="contents">
          <dt className="font-medium text-slate-600">{row.field}</dt>
          <dd className="break-all font-mono">
            {row.changed ? (
              <>
                <del className="text-red-700">{row.before ?? "—"}</del> <span aria-hidden>→</span>
                <span className="sr-only">became</span> <ins className="text-emerald-800 no-underline">{row.after ?? "—"}</ins>
              </>
            ) : (
              <span className="text-slate-500">{row.after}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
