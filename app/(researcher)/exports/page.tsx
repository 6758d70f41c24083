import type { Metadata } from "next";
import { ExportForm } from "@/components/exports/export-form";
import { ExportList } from "@/components/exports/export-list";
import { requirePagePermission } from "@/lib/auth/session";
import { findBatchChoices } from "@/lib/data/batches";
import { findRecentExports } from "@/lib/data/exports";
import { findProjectsWithProgress } from "@/lib/data/projects";

export const metadata: Metadata = { title: "Exports" };

export default async function ExportsPage({ searchParams }: { searchParams: Promise<{ project?: string }> }) {
  await requirePagePermission("export:download");
  const [projects, batches, exports, { project }] = await Promise.all([findProjectsWithProgress(), findBatchChoices(), findRecentExports(), searchParams]);
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <section>
        <h1 className="mb-4 text-2xl font-semibold">New export</h1>
        <ExportForm projects={projects.map(({ slug, name, judgmentCount }) => ({ slug, name, judgmentCount }))} batches={batches} initialProject={project} />
      </section>
      <section>
        <h2 className="mb-4 text-xl font-semibold">Exports</h2>
        <ExportList exports={exports} />
      </section>
    </div>
  );
}
