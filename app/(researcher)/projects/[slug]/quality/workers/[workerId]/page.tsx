import type { Metadata } from "next";
import Link from "next/link";
import { formatAccuracy, formatNumber, formatShare } from "@/components/quality/format";
import { StandingActions } from "@/components/quality/standing-actions";
import { WorkerJudgmentList } from "@/components/quality/worker-judgment-list";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { findWorkerQuality } from "@/lib/data/quality/worker-judgments";
import { orNotFound } from "@/lib/pages/or-not-found";
import type { WorkerSignals } from "@/lib/quality/worker-signals";

export const metadata: Metadata = { title: "Worker quality" };

function facts(signals: WorkerSignals): [string, string][] {
  return [
    ["Status", signals.status?.label ?? "—"],
    ["Judgments", `${signals.judgments} (${signals.firstAt.slice(0, 10)} to ${signals.lastAt.slice(0, 10)})`],
    ["Median time", `${signals.medianSeconds.toFixed(1)} s`],
    ["Too fast to have read", `${signals.tooFast} (${formatShare(signals.tooFastShare)})`],
    ["Chose the response shown first", `${signals.choseShownFirst} of ${signals.decidedPairs} decided pairs (p = ${formatNumber(signals.shownFirstPValue)})`],
    [
      "Most common strength",
      signals.commonStrength === null ? "—" : `${signals.commonStrength}, ${formatShare(signals.commonStrengthShare)} of strengths given`,
    ],
    ["Rationales seen elsewhere", `${signals.copiedRationales} of ${signals.rationales}`],
    ["Gold accuracy", formatAccuracy(signals.goldAccuracy, signals.goldTrials)],
    ["Reference accuracy", formatAccuracy(signals.referenceAccuracy, signals.referenceTrials)],
    [
      "Agreement with the others",
      signals.consensusAgreement === null ? "—" : `${formatShare(signals.consensusAgreement)} over ${signals.consensusItems} items`,
    ],
    ["Signals", signals.signals.join(", ") || "none"],
  ];
}

export default async function WorkerQualityPage({ params }: { params: Promise<{ slug: string; workerId: string }> }) {
  const actor = await requirePagePermission("project:view");
  const { slug, workerId } = await params;
  const canManage = can(actor.role, "user:manage");
  const { signals, judgments } = await orNotFound(findWorkerQuality(slug, workerId, { showEmails: canManage }));
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link href={`/projects/${slug}/quality`} className="text-indigo-700 underline">
            ← Quality
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{signals.worker}</h1>
        {signals.blocked && <p className="text-sm text-slate-600">Blocked.</p>}
        {canManage && <StandingActions slug={slug} workerId={workerId} worker={signals.worker} status={signals.status} />}
      </header>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg bg-white p-4 text-sm shadow-sm sm:grid-cols-[max-content_1fr]">
        {facts(signals).map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-600">{term}</dt>
            <dd data-testid={`fact-${term}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Latest judgments ({judgments.length})</h2>
        <WorkerJudgmentList judgments={judgments} />
      </section>
    </div>
  );
}
