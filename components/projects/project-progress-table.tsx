import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { EXPORT_FORMAT_LABELS } from "@/lib/exports/export-options";

// One-click streamed downloads of the two most asked-for datasets; the Exports page has the rest.
const QUICK_FORMATS = ["hh-rlhf", "trl"] as const;

type ProjectProgress = {
  slug: string;
  name: string;
  judgmentsPerItem: number;
  itemCount: number;
  judgmentCount: number;
  judgmentsWanted: number;
  batches: { id: string; name: string; status: string }[];
};

export function ProjectProgressTable({ projects }: { projects: ProjectProgress[] }) {
  if (projects.length === 0) return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">No projects yet. An admin creates them.</p>;
  return (
    <DataTable columns={["Project", "Items", "Judgments", "Download dataset"]} className="border-collapse overflow-hidden">
      {projects.map((project) => {
        const percent = project.judgmentsWanted ? Math.round((project.judgmentCount / project.judgmentsWanted) * 100) : 0;
        return (
          <tr key={project.slug} className="border-t border-slate-100">
            <td className="p-3">
              <div className="font-medium">{project.name}</div>
              <div className="text-slate-500">{project.slug}</div>
              {project.batches.length > 0 && (
                <ul className="mt-1 space-y-0.5">
                  {project.batches.map((batch) => (
                    <li key={batch.id}>
                      <Link href={`/admin/projects/${project.slug}/batches/${batch.id}`} className="text-indigo-700 underline">
                        {batch.name}
                      </Link>{" "}
                      <span className="text-slate-500">({batch.status.toLowerCase()})</span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className="p-3">
              {project.itemCount} × k={project.judgmentsPerItem}
            </td>
            <td className="p-3">
              <div>
                {project.judgmentCount} of {project.judgmentsWanted} ({percent}%)
              </div>
              <progress
                className="w-32"
                value={project.judgmentCount}
                max={Math.max(project.judgmentsWanted, 1)}
                aria-label={`${project.name}: ${percent}% judged`}
              />
            </td>
            <td className="space-x-3 p-3">
              {QUICK_FORMATS.map((format) => (
                <a
                  key={format}
                  href={`/api/v1/projects/${project.slug}/export?format=${format}`}
                  download
                  title={EXPORT_FORMAT_LABELS[format]}
                  className="text-indigo-700 underline"
                >
                  {format} JSONL
                </a>
              ))}
              <Link href={`/exports?project=${project.slug}`} className="text-indigo-700 underline">
                more…
              </Link>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
