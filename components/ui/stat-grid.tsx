/** Figures as a description list of tiles, so they read in order: [label, value] pairs. */
export function StatGrid({ stats, columns }: { stats: readonly (readonly [string, string | number])[]; columns: string }) {
  return (
    <dl className={`grid grid-cols-2 gap-3 ${columns}`}>
      {stats.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
          <dt className="text-xs tracking-wide text-slate-500 uppercase">{label}</dt>
          <dd className="text-lg font-semibold" data-stat={label}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
