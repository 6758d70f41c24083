import type { Metadata } from "next";
import { ProjectProgressTable } from "@/components/projects/project-progress-table";
import { requirePagePermission } from "@/lib/auth/session";
import { findProjectsWithProgress } from "@/lib/data/projects";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  await requirePagePermission("project:view");
  const projects = await findProjectsWithProgress();
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Projects</h1>
      <ProjectProgressTable projects={projects} />
    </div>
  );
}
