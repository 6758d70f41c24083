import type { Metadata } from "next";
import { BatchTable } from "@/components/imports/batch-table";
import { ImportForm } from "@/components/imports/import-form";
import { ConversationCountSummary } from "@/components/projects/conversation-count-summary";
import { ProjectSummaryLine } from "@/components/projects/project-summary-line";
import { ReviewBatchForm } from "@/components/projects/review-batch-form";
import { requirePagePermission } from "@/lib/auth/session";
import { findBatchesForProject } from "@/lib/data/batches";
import { findProjectConversationCounts } from "@/lib/data/conversation-counts";
import { findProjectBySlug } from "@/lib/data/projects";
import { findReviewChoices } from "@/lib/data/review-batches";
import { orNotFound } from "@/lib/pages/or-not-found";

export const metadata: Metadata = { title: "Project" };

export default async function AdminProjectPage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePagePermission("project:manage");
  const { slug } = await params;
  const project = await orNotFound(findProjectBySlug({ slug }));
  const dialogue = project.judgmentKind === "DIALOGUE";
  const [batches, review, conversations] = await Promise.all([
    findBatchesForProject({ projectId: project.id }),
    dialogue ? findReviewChoices({ sourceProjectSlug: project.slug }) : null,
    dialogue ? findProjectConversationCounts({ projectId: project.id }) : null,
  ]);
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold">{project.name}</h1>
        <ProjectSummaryLine project={project} />
      </header>
      {conversations ? (
        <section>
          <h2 className="mb-3 text-lg font-semibold">Conversations</h2>
          <ConversationCountSummary counts={conversations} />
        </section>
      ) : (
        // A live-conversation project's items come from its conversations, never from a file.
        <section>
          <h2 className="mb-3 text-lg font-semibold">Import a batch</h2>
          <ImportForm projectSlug={project.slug} />
        </section>
      )}
      {review && (
        <section>
          <h2 className="mb-1 text-lg font-semibold">Second opinions</h2>
          <p className="mb-3 text-sm text-slate-600">
            Copy the answered turns not sent there before into a draft batch of another project, where other workers judge them.
          </p>
          <ReviewBatchForm projectSlug={project.slug} samplesPerTurn={review.samplesPerTurn} targets={review.targets} />
        </section>
      )}
      <section>
        <h2 className="mb-3 text-lg font-semibold">Batches</h2>
        <BatchTable projectSlug={project.slug} batches={batches} />
      </section>
    </div>
  );
}
