import type { Metadata } from "next";
import Link from "next/link";
import { BatchTable } from "@/components/imports/batch-table";
import { ImportForm } from "@/components/imports/import-form";
import { requirePagePermission } from "@/lib/auth/session";
import { findBatchesForProject } from "@/lib/data/batches";
import { findProjectBySlug } from "@/lib/data/projects";
import { orNotFound } from "@/lib/pages/or-not-found";

export const metadata: Metadata = { title: "Project" };

export default async function AdminProjectPage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePagePermission("project:manage");
  const { slug } = await params;
  const project = await orNotFound(findProjectBySlug({ slug }));
  const batches = await findBatchesForProject({ projectId: project.id });
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold">{project.name}</h1>
        <p className="text-slate-600">
          {project.slug} · {project.judgmentKind.toLowerCase()} · k = {project.judgmentsPerItem} · lease {Math.round(project.leaseSeconds / 60)} min · “
          {project.question}” ·{" "}
          <Link href={`/admin/projects/${project.slug}/settings`} className="text-indigo-700 underline">
            Settings
          </Link>
        </p>
      </header>
      <section>
        <h2 className="mb-3 text-lg font-semibold">Import a batch</h2>
        <ImportForm projectSlug={project.slug} />
      </section>
      <section>
        <h2 className="mb-3 text-lg font-semibold">Batches</h2>
        <BatchTable projectSlug={project.slug} batches={batches} />
      </section>
    </div>
  );
}
