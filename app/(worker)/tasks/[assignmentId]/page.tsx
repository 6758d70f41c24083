import type { Metadata } from "next";
import { Conversation } from "@/components/comparison/conversation";
import { MarkdownText } from "@/components/comparison/markdown-text";
import { TaskClosed } from "@/components/comparison/task-closed";
import { TaskWorkspace } from "@/components/comparison/task-workspace";
import { requirePagePermission } from "@/lib/auth/session";
import { findTaskForWorker } from "@/lib/data/assignments";
import { orNotFound } from "@/lib/pages/or-not-found";
import { taskNote } from "@/lib/task-notes";
import { isId } from "@/lib/validations/ids";

export const metadata: Metadata = { title: "Task" };

const PREVIEW_CHARS = 140;

export default async function TaskPage({
  params,
  searchParams,
}: {
  params: Promise<{ assignmentId: string }>;
  searchParams: Promise<{ note?: string; study?: string }>;
}) {
  const actor = await requirePagePermission("task:work");
  const [{ assignmentId }, { note, study }] = await Promise.all([params, searchParams]);
  // Opened from a crowd-platform study: only a well-formed id goes into links; the study's own
  // actions check that the worker entered it.
  const studyId = study && isId(study) ? study : undefined;
  const task = await orNotFound(findTaskForWorker({ actor, assignmentId }));
  if (task.status !== "ACTIVE") return <TaskClosed status={task.status} projectSlug={task.project.slug} studyId={studyId} />;
  const { instructions, ...project } = task.project;
  return (
    <TaskWorkspace
      key={task.assignmentId}
      task={{
        assignmentId: task.assignmentId,
        leaseExpiresAt: task.leaseExpiresAt,
        leaseExtensionsLeft: task.leaseExtensionsLeft,
        firstInProject: task.firstInProject,
        project: { ...project, hasInstructions: instructions.trim() !== "" },
        labels: task.responses.map((response) => response.label),
        previews: Object.fromEntries(task.responses.map((response) => [response.label, response.text.slice(0, PREVIEW_CHARS)])),
        draft: task.draft,
      }}
      notice={taskNote(note)}
      studyId={studyId}
      instructions={<MarkdownText text={instructions} className="prose-sm" />}
      conversation={<Conversation messages={task.context} />}
      responses={task.responses.map((response) => ({ label: response.label, body: <MarkdownText text={response.text} /> }))}
    />
  );
}
