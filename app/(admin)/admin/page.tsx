import type { Metadata } from "next";
import Link from "next/link";
import { CreateProjectForm } from "@/components/projects/create-project-form";
import { requirePagePermission } from "@/lib/auth/session";
import { findProjectsWithProgress } from "@/lib/data/projects";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requirePagePermission("project:manage");
  const projects = await findProjectsWithProgress();
  return (
    <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
      <section>
        <h1 className="mb-4 text-2xl font-semibold">Projects</h1>
        {projects.length === 0 ? (
          <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">No projects yet: create the first one.</p>
        ) : (
          <ul className="space-y-2">
            {projects.map((project) => (
              <li key={project.slug} className="rounded-lg border border-slate-200 bg-white p-4">
                <Link href={`/admin/projects/${project.slug}`} className="font-medium text-indigo-700 underline">
                  {project.name}
                </Link>
                <p className="text-sm text-slate-500">
                  {project.slug} · {project.batchCount} batches ·{" "}
                  {project.conversations
                    ? `live conversations · ${project.conversations.active} active · ${project.conversations.answeredTurns} answered turns`
                    : `${project.itemCount} items · ${project.judgmentCount} of ${project.judgmentsWanted} judgments`}{" "}
                  ·{" "}
                  <Link href={`/admin/projects/${project.slug}/settings`} className="text-indigo-700 underline">
                    settings<span className="sr-only"> of {project.name}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="mb-4 text-lg font-semibold">New project</h2>
        <CreateProjectForm />
        <p className="mt-2 text-sm">
          <Link href="/admin/projects/new" className="text-indigo-700 underline">
            Create with every setting…
          </Link>
        </p>
      </section>
    </div>
  );
}
