import Link from "next/link";

type Filters = { actor?: string; action?: string; targetType?: string; from?: string; to?: string };

/** A GET form, so a filtered view of the log has its own link. */
export function AuditFilters({ filters, actions, targetTypes }: { filters: Filters; actions: string[]; targetTypes: string[] }) {
  const input = "mt-1 block rounded border border-slate-300 px-3 py-2";
  const filtered = Object.values(filters).some(Boolean);
  return (
    <form method="get" role="search" className="flex flex-wrap items-end gap-3 text-sm">
      <label className="block">
        Who (email)
        <input name="actor" type="search" defaultValue={filters.actor} className={`${input} w-56`} />
      </label>
      <label className="block">
        Action
        <select name="action" defaultValue={filters.action ?? ""} className={input}>
          <option value="">any</option>
          {actions.map((action) => (
            <option key={action}>{action}</option>
          ))}
        </select>
      </label>
      <label className="block">
        Target
        <select name="targetType" defaultValue={filters.targetType ?? ""} className={input}>
          <option value="">any</option>
          {targetTypes.map((type) => (
            <option key={type}>{type}</option>
          ))}
        </select>
      </label>
      <label className="block">
        From (UTC day)
        <input name="from" type="date" defaultValue={filters.from} className={input} />
      </label>
      <label className="block">
        To (UTC day)
        <input name="to" type="date" defaultValue={filters.to} className={input} />
      </label>
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-2 hover:bg-slate-100">
        Filter
      </button>
      {filtered && (
        <Link href="/admin/audit" className="py-2 text-indigo-700 underline">
          Clear
        </Link>
      )}
    </form>
  );
}
