import { exportFieldClass } from "@/components/exports/export-field-class";

/** The batches of the chosen projects; choosing none exports them all. */
export function ExportBatchPicker({ batches }: { batches: { id: string; name: string; project: string; itemCount: number }[] }) {
  if (batches.length === 0) return null;
  return (
    <label className="block">
      Batches <span className="text-slate-500">(none chosen: all)</span>
      <select name="batches" multiple size={Math.min(6, batches.length)} className={exportFieldClass}>
        {batches.map((batch) => (
          <option key={batch.id} value={batch.id}>
            {batch.project} · {batch.name} ({batch.itemCount} items)
          </option>
        ))}
      </select>
    </label>
  );
}
