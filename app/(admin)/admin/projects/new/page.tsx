import type { Metadata } from "next";
import { ProjectForm } from "@/components/projects/project-form";
import { requirePagePermission } from "@/lib/auth/session";
import { findEndpointChoices } from "@/lib/data/endpoint-choices";
import { findGroupChoices } from "@/lib/data/projects";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  await requirePagePermission("project:manage");
  const [groups, endpoints] = await Promise.all([findGroupChoices(), findEndpointChoices()]);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-semibold">New project</h1>
      <ProjectForm groups={groups} endpoints={endpoints} />
    </div>
  );
}
