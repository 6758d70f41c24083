import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { MarkdownText } from "@/components/comparison/markdown-text";
import { StudyProgressPanel } from "@/components/studies/study-progress-panel";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { isStudyClosed } from "@/lib/data/studies-entry";
import { findStudyProgress } from "@/lib/data/studies-progress";
import { orNotFound } from "@/lib/pages/or-not-found";

export const metadata: Metadata = { title: "Study" };

export default async function StudyPage({ params }: { params: Promise<{ id: string }> }) {
  const [user, { id }] = await Promise.all([getCurrentUser(), params]);
  // Platform workers have no password: the sign-in page cannot help them, their study link can. A
  // closed study signs its participants out, and says so.
  if (!user) {
    const closed = await isStudyClosed({ studyId: id });
    return (
      <p role="alert" className="mx-auto mt-12 max-w-md text-center">
        {closed
          ? "This study is closed: it takes no more answers. Your stored answers are kept."
          : "Your session has ended. Open the study again from Prolific or MTurk; your stored answers are kept."}
      </p>
    );
  }
  if (!can(user.role, "task:work")) forbidden();
  const progress = await orNotFound(findStudyProgress({ actor: user, studyId: id }));
  return <StudyProgressPanel progress={progress} instructions={<MarkdownText text={progress.project.instructions} className="prose-sm" />} />;
}
