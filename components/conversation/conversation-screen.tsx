import { MarkdownText } from "@/components/comparison/markdown-text";
import { ConversationNextStep } from "@/components/conversation/conversation-next-step";
import { ConversationTranscript } from "@/components/conversation/conversation-transcript";
import { LeaveConversationButton } from "@/components/conversation/leave-conversation-button";
import type { ConversationView } from "@/lib/data/conversation-view";

/** A worker's live conversation: what it is about, the turns so far, and what to do next. */
export function ConversationScreen({ view }: { view: ConversationView }) {
  const { project } = view;
  const active = view.status === "ACTIVE";
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm text-slate-600">{project.name}</p>
          <h1 className="text-xl font-semibold">{project.question}</h1>
          <p className="text-sm text-slate-600">
            Turn {Math.min(view.turns.length + 1, project.maxTurns)} of at most {project.maxTurns}
            {project.minTurns > 1 && ` · at least ${project.minTurns} before ending`}
          </p>
        </div>
        {active && <LeaveConversationButton conversationId={view.id} label={project.redTeam ? "Leave for a helpful task" : "Leave this conversation"} />}
      </header>
      {project.redTeam && (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <strong>Content warning:</strong> red-team conversations can lead to offensive or upsetting text. You may stop at any time; what you answered is kept.
        </p>
      )}
      {project.instructions.trim() !== "" && (
        <details className="rounded border border-slate-200 bg-white p-3" open={view.turns.length === 0 && !view.current}>
          <summary className="cursor-pointer font-medium">Instructions</summary>
          <MarkdownText text={project.instructions} className="prose-sm mt-2" />
        </details>
      )}
      {view.taskDescription && (
        <p className="rounded border border-slate-200 bg-white p-3 text-sm">
          <span className="font-medium">Your task: </span>
          <span className="inert-text whitespace-pre-wrap">{view.taskDescription}</span>
        </p>
      )}
      <ConversationTranscript turns={view.turns} pendingMessage={view.current?.message} />
      <ConversationNextStep view={view} />
    </div>
  );
}
