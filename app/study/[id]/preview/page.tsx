import type { Metadata } from "next";
import { MarkdownText } from "@/components/comparison/markdown-text";
import { StudyPreview } from "@/components/studies/study-preview";
import { findStudyPreview } from "@/lib/data/studies-entry";
import { isAppError } from "@/lib/errors";
import { orNotFound } from "@/lib/pages/or-not-found";

export const metadata: Metadata = { title: "HIT preview" };

// Public on purpose: MTurk shows it to workers who have not accepted the HIT, so it has no session.
export default async function StudyPreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Only the lookup is guarded: a closed study is an answer here, and JSX is not rendered inside a try.
  const preview = await orNotFound(findStudyPreview({ studyId: id })).catch((error: unknown) => {
    if (isAppError(error) && error.code === "STUDY_CLOSED") return null;
    throw error;
  });
  if (!preview) {
    return (
      <p role="alert" className="mx-auto mt-12 max-w-md text-center">
        This study is closed and takes no more participants.
      </p>
    );
  }
  return <StudyPreview preview={preview} instructions={<MarkdownText text={preview.project.instructions} className="prose-sm" />} />;
}
