import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";

type BatchRow = {
  id: string;
  name: string;
  status: string;
  priority: number;
  sourceFormat: string;
  itemCount: number;
  /** Task items, and those with all their judgments; check items (gold, attention, practice) apart. */
  taskCount: number;
  completeCount: number;
  checkCount: number;
  createdAt: Date;
  createdBy: { email: string } | null;
};

export function BatchTable({ projectSlug, batches }: { projectSlug: string; batches: BatchRow[] }) {
  if (batches.length === 0) return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">No batches yet: import a file above.</p>;
  return (
    <DataTable columns={["Batch", "Status", "Priority", "Items complete", "Format", "Imported"]}>
      {batches.map((batch) => (
        <tr key={batch.id} className="border-t border-slate-100">
          <td className="p-3 font-medium">
            <Link href={`/admin/projects/${projectSlug}/batches/${batch.id}`} className="text-indigo-700 underline">
              {batch.name}
            </Link>
          </td>
          <td className="p-3">{batch.status.toLowerCase()}</td>
          <td className="p-3">{batch.priority}</td>
          <td className="p-3">
            {batch.completeCount} of {batch.taskCount}
            <progress
              className="ml-2 w-20 align-middle"
              value={batch.completeCount}
              max={Math.max(batch.taskCount, 1)}
              aria-label={`${batch.name}: ${batch.completeCount} of ${batch.taskCount} items complete`}
            />
            {batch.checkCount > 0 && (
              <span className="ml-2 text-sm text-slate-600">
                + {batch.checkCount} check {batch.checkCount === 1 ? "item" : "items"}
              </span>
            )}
          </td>
          <td className="p-3">{batch.sourceFormat}</td>
          <td className="p-3 text-slate-500">
            {batch.createdAt.toISOString().slice(0, 16).replace("T", " ")} {batch.createdBy ? `by ${batch.createdBy.email}` : ""}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
