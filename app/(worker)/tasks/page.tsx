import type { Metadata } from "next";
import Link from "next/link";
import { ProjectTaskList } from "@/components/comparison/project-task-list";
import { requirePagePermission } from "@/lib/auth/session";
import { findProjectsForWorker } from "@/lib/data/worker-projects";
import { findOwnStandings } from "@/lib/data/worker-standings";
import { formatDuration } from "@/lib/format-duration";
import { taskNote } from "@/lib/task-notes";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage({ searchParams }: { searchParams: Promise<{ empty?: string; note?: string }> }) {
  const actor = await requirePagePermission("task:work");
  const [projects, standings, { empty, note }] = await Promise.all([findProjectsForWorker({ actor }), findOwnStandings({ actor }), searchParams]);
  const today = projects.reduce((sum, project) => sum + project.doneToday, 0);
  const total = projects.reduce((sum, project) => sum + project.doneTotal, 0);
  const time = projects.reduce((sum, project) => sum + project.timeSpentMs, 0);
  return (
    <div className="mx-auto max-w-3xl">
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Your tasks</h1>
        <p className="text-sm text-slate-600">
          {today} today · {total} in total · {formatDuration(time)} ·{" "}
          <Link href="/tasks/history" className="text-indigo-700 underline">
            your past answers
          </Link>
        </p>
      </div>
      {taskNote(note) && (
        <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {taskNote(note)}
        </p>
      )}
      {empty && (
        <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          No task is open to you in that project right now. Thank you for your work!
        </p>
      )}
      <ProjectTaskList projects={projects} standings={standings} />
    </div>
  );
}
