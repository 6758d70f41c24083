import type { Metadata } from "next";
import Link from "next/link";
import { ProjectForm } from "@/components/projects/project-form";
import { requirePagePermission } from "@/lib/auth/session";
import { findEndpointChoices } from "@/lib/data/endpoint-choices";
import { findGroupChoices, findProjectSettings } from "@/lib/data/projects";
import { orNotFound } from "@/lib/pages/or-not-found";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePagePermission("project:manage");
  const { slug } = await params;
  const [project, groups] = await Promise.all([orNotFound(findProjectSettings({ slug })), findGroupChoices()]);
  const endpoints = await findEndpointChoices({ including: project.endpointIds });
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link href={`/admin/projects/${slug}`} className="text-indigo-700 underline">
          ← {project.name}
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-semibold">Settings of {project.name}</h1>
      {project.hasJudgments && (
        <p className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          This project has judgments: its judgment kind, pairwise scale and polarity are fixed
          {project.judgmentKind === "DIALOGUE" && ", as is its number of samples per turn"}, because changing them would change what the stored judgments mean.
        </p>
      )}
      <ProjectForm groups={groups} endpoints={endpoints} project={project} />
    </div>
  );
}
