import { NextTaskButton } from "@/components/comparison/next-task-button";
import { OwnStandingNote } from "@/components/comparison/own-standing-note";
import { StartConversationButton } from "@/components/conversation/start-conversation-button";
import type { WorkerProject } from "@/lib/data/worker-projects";
import type { OwnStanding } from "@/lib/data/worker-standings";
import { formatDuration } from "@/lib/format-duration";

/** Whether the worker can take a task: practice items are not counted as open, so practising is enough. */
function canWork(project: WorkerProject, standing: OwnStanding | undefined): boolean {
  if (project.capReached || standing?.state === "PAUSED" || standing?.state === "FAILED") return false;
  return project.available > 0 || standing?.state === "PRACTISING";
}

/** The projects with work; standings (by slug) say where the worker is paused, failed or practising. */
export function ProjectTaskList({ projects, standings = new Map() }: { projects: WorkerProject[]; standings?: Map<string, OwnStanding> }) {
  if (projects.length === 0) {
    return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">There is no work open right now. Check back later.</p>;
  }
  // Focus lands on the first project with work, so Enter starts working straight away.
  const firstTasks = projects.findIndex((project) => !project.live && canWork(project, standings.get(project.slug)));
  const firstOpen = firstTasks >= 0 ? firstTasks : projects.findIndex((project) => project.live !== null);
  return (
    <ul className="space-y-3">
      {projects.map((project, index) => (
        <li key={project.slug} className="flex flex-wrap items-center justify-between gap-4 rounded-lg border border-slate-200 bg-white p-4">
          {/* A flex item is as wide as its longest word unless told otherwise: a long one in a name or question would widen the page. */}
          <div className="min-w-0 wrap-anywhere">
            <h2 className="font-medium">{project.name}</h2>
            <p className="text-sm text-slate-600">{project.question}</p>
            <p className="mt-1 text-sm text-slate-500">
              {project.live ? "Live conversation" : `${project.available} open to you`} · {project.doneToday} done today
              {project.dailyCap !== null && ` (limit ${project.dailyCap}${project.live ? " conversations" : ""})`} · {project.doneTotal} in total ·{" "}
              {formatDuration(project.timeSpentMs)} spent
            </p>
            {project.capReached && (
              <p className="mt-1 text-sm text-amber-800">
                You have reached today&apos;s limit of {project.dailyCap} tasks in this project. Thank you: come back tomorrow.
              </p>
            )}
            {!project.live && standings.has(project.slug) && <OwnStandingNote standing={standings.get(project.slug)!} />}
          </div>
          {project.live ? (
            <StartConversationButton projectSlug={project.slug} resume={project.live.conversationId !== null} autoFocus={index === firstOpen} />
          ) : (
            <NextTaskButton projectSlug={project.slug} disabled={!canWork(project, standings.get(project.slug))} autoFocus={index === firstOpen} />
          )}
        </li>
      ))}
    </ul>
  );
}
