import type { Metadata } from "next";
import { Conversation } from "@/components/comparison/conversation";
import { MarkdownText } from "@/components/comparison/markdown-text";
import { TaskClosed } from "@/components/comparison/task-closed";
import { TaskWorkspace } from "@/components/comparison/task-workspace";
import { requirePagePermission } from "@/lib/auth/session";
import { findTaskForWorker } from "@/lib/data/assignments";
import { orNotFound } from "@/lib/pages/or-not-found";

export const metadata: Metadata = { title: "Task" };

export default async function TaskPage({ params }: { params: Promise<{ assignmentId: string }> }) {
  const actor = await requirePagePermission("task:work");
  const { assignmentId } = await params;
  const task = await orNotFound(findTaskForWorker({ actor, assignmentId }));
  if (task.status !== "ACTIVE") return <TaskClosed status={task.status} projectSlug={task.project.slug} />;
  const instructions = task.project.instructions ? (
    <details className="mb-4 rounded border border-slate-200 bg-white p-3">
      <summary className="cursor-pointer text-sm font-medium">Instructions</summary>
      <MarkdownText text={task.project.instructions} className="prose-sm mt-2" />
    </details>
  ) : null;
  return (
    <TaskWorkspace
      key={task.assignmentId}
      task={{ assignmentId: task.assignmentId, leaseExpiresAt: task.leaseExpiresAt, project: { slug: task.project.slug, name: task.project.name, question: task.project.question } }}
      instructions={instructions}
      conversation={<Conversation messages={task.context} />}
      responses={task.responses.map((response) => ({ label: response.label, body: <MarkdownText text={response.text} /> }))}
    />
  );
}
