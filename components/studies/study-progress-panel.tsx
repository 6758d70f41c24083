import type { ReactNode } from "react";
import { NextTaskButton } from "@/components/comparison/next-task-button";
import { StudyCompletionPanel } from "@/components/studies/study-completion";
import type { StudyProgress } from "@/lib/data/studies-progress";

const RETURN_WORDS = { PROLIFIC: "return the study on Prolific", MTURK: "return the HIT on MTurk" } as const;

/** A worker's study page: instructions, their progress, and the next task or the completion. */
export function StudyProgressPanel({ progress, instructions }: { progress: StudyProgress; instructions: ReactNode }) {
  const { study, project, stored, required, completion } = progress;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{study.name}</h1>
      <p role="status" className="text-lg">
        {`${Math.min(stored, required)} of ${required} judgments stored`}
      </p>
      {completion ? (
        <StudyCompletionPanel completion={completion} />
      ) : study.closed ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          This study is closed. Please {RETURN_WORDS[study.platform]}.
        </p>
      ) : progress.hasWork ? (
        <div className="flex items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <p>{stored === 0 ? "Read the instructions below, then start." : "Carry on where you left off."}</p>
          <NextTaskButton projectSlug={project.slug} studyId={study.id} disabled={false} autoFocus />
        </div>
      ) : (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          No more tasks are open to you in this study, so it cannot be completed. Please {RETURN_WORDS[study.platform]}; your stored answers are kept.
        </p>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">Instructions</h2>
        <p className="mb-2 font-medium">{project.question}</p>
        {instructions}
      </section>
    </div>
  );
}
