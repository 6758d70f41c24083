import type { Metadata } from "next";
import { ProjectForm } from "@/components/projects/project-form";
import { requirePagePermission } from "@/lib/auth/session";
import { findGroupChoices } from "@/lib/data/projects";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  await requirePagePermission("project:manage");
  const groups = await findGroupChoices();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-semibold">New project</h1>
      <ProjectForm groups={groups} />
    </div>
  );
}
