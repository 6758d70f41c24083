import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BatchItemList } from "@/components/batches/batch-item-list";
import { BatchProgressSummary } from "@/components/batches/batch-progress-summary";
import { BatchStatusControls } from "@/components/batches/batch-status-controls";
import { ThroughputChart } from "@/components/batches/throughput-chart";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { findBatchPage } from "@/lib/data/batch-page";
import { orNotFound } from "@/lib/pages/or-not-found";

export const metadata: Metadata = { title: "Batch" };

export default async function BatchPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; batchId: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const actor = await requirePagePermission("project:view");
  const [{ slug, batchId }, { page }] = await Promise.all([params, searchParams]);
  const { progress, items } = await orNotFound(findBatchPage({ actor, batchId, page }));
  if (progress.project.slug !== slug) notFound();
  const basePath = `/admin/projects/${slug}/batches/${batchId}`;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link href={can(actor.role, "project:manage") ? `/admin/projects/${slug}` : "/projects"} className="text-indigo-700 underline">
            ← {progress.project.name}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{progress.name}</h1>
        <p className="text-slate-600">
          Status: <strong data-testid="batch-status">{progress.status.toLowerCase()}</strong> · priority {progress.priority} · {progress.sourceFormat} · k ={" "}
          {progress.project.k}
        </p>
      </header>
      {can(actor.role, "project:manage") && (
        <BatchStatusControls batchId={progress.id} status={progress.status} priority={progress.priority} openLeases={progress.openLeases} />
      )}
      <BatchProgressSummary progress={progress} />
      <section>
        <h2 className="mb-2 text-lg font-semibold">Judgments per hour (UTC)</h2>
        <ThroughputChart perHour={progress.perHour} />
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Items ({items.total})</h2>
        <BatchItemList items={items.items} page={items.page} pageCount={items.pageCount} basePath={basePath} canManage={can(actor.role, "project:manage")} />
      </section>
    </div>
  );
}
