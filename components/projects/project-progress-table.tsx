import Link from "next/link";
import { JUDGMENT_KIND_NAMES } from "@/components/projects/project-form-values";
import { DataTable } from "@/components/ui/data-table";
import type { ConversationCounts } from "@/lib/data/conversation-counts";
import { EXPORT_FORMAT_LABELS, type ExportFormat } from "@/lib/exports/export-options";

// One-click streamed downloads of the most asked-for datasets; the Exports page has the rest. A live
// conversation's own dataset is its conversations.
const QUICK_FORMATS: ExportFormat[] = ["hh-rlhf", "trl"];
const QUICK_DIALOGUE_FORMATS: ExportFormat[] = ["conversations", "hh-rlhf"];

type ProjectProgress = {
  slug: string;
  name: string;
  judgmentKind: keyof typeof JUDGMENT_KIND_NAMES;
  judgmentsPerItem: number;
  itemCount: number;
  judgmentCount: number;
  judgmentsWanted: number;
  /** A live-conversation project's progress; null for the others. */
  conversations: ConversationCounts | null;
  batches: { id: string; name: string; status: string }[];
};

export function ProjectProgressTable({ projects }: { projects: ProjectProgress[] }) {
  if (projects.length === 0) return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">No projects yet. An admin creates them.</p>;
  return (
    <DataTable columns={["Project", "Collected", "Progress", "Download dataset"]} className="border-collapse overflow-hidden">
      {projects.map((project) => (
        <tr key={project.slug} className="border-t border-slate-100">
          <td className="p-3">
            <ProjectCell project={project} />
          </td>
          {project.conversations ? <ConversationCells counts={project.conversations} /> : <JudgmentCells project={project} />}
          <td className="space-x-3 p-3">
            {(project.conversations ? QUICK_DIALOGUE_FORMATS : QUICK_FORMATS).map((format) => (
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
      ))}
    </DataTable>
  );
}

function ProjectCell({ project }: { project: ProjectProgress }) {
  return (
    <>
      <div className="font-medium">{project.name}</div>
      <div className="text-slate-500">
        {project.slug} · {JUDGMENT_KIND_NAMES[project.judgmentKind]} ·{" "}
        <Link href={`/projects/${project.slug}/quality`} className="text-indigo-700 underline">
          quality
        </Link>
      </div>
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
    </>
  );
}

function JudgmentCells({ project }: { project: ProjectProgress }) {
  const percent = project.judgmentsWanted ? Math.round((project.judgmentCount / project.judgmentsWanted) * 100) : 0;
  return (
    <>
      <td className="p-3">
        {project.itemCount} items × k={project.judgmentsPerItem}
      </td>
      <td className="p-3">
        <div>
          {project.judgmentCount} of {project.judgmentsWanted} judgments ({percent}%)
        </div>
        <progress
          className="w-32"
          value={project.judgmentCount}
          max={Math.max(project.judgmentsWanted, 1)}
          aria-label={`${project.name}: ${percent}% judged`}
        />
      </td>
    </>
  );
}

// Open-ended: a conversation project has no number of judgments to reach, so no bar.
function ConversationCells({ counts }: { counts: ConversationCounts }) {
  const total = counts.active + counts.completed + counts.abandoned;
  return (
    <>
      <td className="p-3">
        <div>
          {total} {total === 1 ? "conversation" : "conversations"}
        </div>
        <div className="text-slate-500">
          {counts.active} active · {counts.completed} completed · {counts.abandoned} abandoned
        </div>
      </td>
      <td className="p-3">
        {counts.answeredTurns} answered {counts.answeredTurns === 1 ? "turn" : "turns"}
      </td>
    </>
  );
}
