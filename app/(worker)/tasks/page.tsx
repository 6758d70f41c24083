import type { Metadata } from "next";
import { ProjectTaskList } from "@/components/comparison/project-task-list";
import { requirePagePermission } from "@/lib/auth/session";
import { findProjectsForWorker } from "@/lib/data/projects";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage({ searchParams }: { searchParams: Promise<{ empty?: string }> }) {
  const actor = await requirePagePermission("task:work");
  const [projects, { empty }] = await Promise.all([findProjectsForWorker({ actor }), searchParams]);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-semibold">Your tasks</h1>
      {empty && (
        <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          No task is open to you in that project right now. Thank you for your work!
        </p>
      )}
      <ProjectTaskList projects={projects} />
    </div>
  );
}
