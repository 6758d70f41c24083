import type { Metadata } from "next";
import Link from "next/link";
import { AgreementFigures } from "@/components/quality/agreement-figures";
import { AgreementOverTimeChart } from "@/components/quality/agreement-over-time-chart";
import { BatchPicker } from "@/components/quality/batch-picker";
import { LeaderboardTable, WinRateMatrix } from "@/components/quality/leaderboard-table";
import { WorkerTable } from "@/components/quality/worker-table";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { findProjectBatches } from "@/lib/data/quality/quality-scope";
import { findProjectQuality } from "@/lib/data/quality/project-quality";
import { orNotFound } from "@/lib/pages/or-not-found";

export const metadata: Metadata = { title: "Quality" };

export default async function QualityPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ batch?: string }> }) {
  const actor = await requirePagePermission("project:view");
  const [{ slug }, { batch }] = await Promise.all([params, searchParams]);
  const canManage = can(actor.role, "user:manage");
  const [quality, batches] = await Promise.all([
    orNotFound(findProjectQuality(slug, { batchId: batch ?? null, showEmails: canManage })),
    findProjectBatches(slug),
  ]);
  const base = `/projects/${slug}/quality`;
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href="/projects" className="text-indigo-700 underline">
            ← Projects
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Quality: {quality.project.name}</h1>
        <p className="text-sm text-slate-600">
          Computed from the judgments stored now ({new Date(quality.computedAt).toUTCString()}). Every figure can be recomputed from the{" "}
          <Link href={`/exports?project=${slug}`} className="text-indigo-700 underline">
            judgments export
          </Link>
          .
        </p>
        <BatchPicker base={base} batches={batches} current={quality.batch?.id ?? null} />
      </header>
      <section aria-labelledby="agreement">
        <h2 id="agreement" className="mb-2 text-lg font-semibold">
          Agreement
        </h2>
        <AgreementFigures quality={quality} />
      </section>
      <section aria-labelledby="over-time">
        <h2 id="over-time" className="mb-2 text-lg font-semibold">
          Agreement over time
        </h2>
        <AgreementOverTimeChart days={quality.overTime} />
      </section>
      <section aria-labelledby="workers">
        <h2 id="workers" className="mb-2 text-lg font-semibold">
          Workers
        </h2>
        <WorkerTable workers={quality.workers} slug={slug} canManage={canManage} />
      </section>
      {!quality.batch && (
        <section aria-labelledby="leaderboard" className="space-y-3">
          <h2 id="leaderboard" className="text-lg font-semibold">
            Model leaderboard ({quality.leaderboard.side}, {quality.leaderboard.totalBattles} battles)
          </h2>
          <LeaderboardTable leaderboard={quality.leaderboard} />
          <WinRateMatrix leaderboard={quality.leaderboard} />
        </section>
      )}
    </div>
  );
}
