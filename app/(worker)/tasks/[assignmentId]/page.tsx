import type { Metadata } from "next";
import { Conversation } from "@/components/comparison/conversation";
import { MarkdownText } from "@/components/comparison/markdown-text";
import { ResponseDiff } from "@/components/comparison/response-diff";
import { TaskClosed } from "@/components/comparison/task-closed";
import { TaskWorkspace } from "@/components/comparison/task-workspace";
import { requirePagePermission } from "@/lib/auth/session";
import { findTaskForWorker } from "@/lib/data/assignments";
import { orNotFound } from "@/lib/pages/or-not-found";

export const metadata: Metadata = { title: "Task" };

const PREVIEW_CHARS = 140;

export default async function TaskPage({ params }: { params: Promise<{ assignmentId: string }> }) {
  const actor = await requirePagePermission("task:work");
  const { assignmentId } = await params;
  const task = await orNotFound(findTaskForWorker({ actor, assignmentId }));
  if (task.status !== "ACTIVE") return <TaskClosed status={task.status} projectSlug={task.project.slug} />;
  const { instructions, ...project } = task.project;
  // Each response is compared with the next one (the last with the first): for a pair, A with B.
  const otherOf = (index: number) => task.responses[(index + 1) % task.responses.length];
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
      instructions={<MarkdownText text={instructions} className="prose-sm" />}
      conversation={<Conversation messages={task.context} />}
      responses={task.responses.map((response, index) => ({
        label: response.label,
        body: <MarkdownText text={response.text} />,
        diff: <ResponseDiff text={response.text} other={otherOf(index).text} otherLabel={otherOf(index).label} />,
      }))}
    />
  );
}
