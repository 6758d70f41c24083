import { MarkdownText } from "@/components/comparison/markdown-text";
import { ConversationEnded } from "@/components/conversation/conversation-ended";
import { EndConversationForm } from "@/components/conversation/end-conversation-form";
import { LiveSamples } from "@/components/conversation/live-samples";
import { MessageComposer } from "@/components/conversation/message-composer";
import { TaskDescriptionForm } from "@/components/conversation/task-description-form";
import { TurnAnswer } from "@/components/conversation/turn-answer";
import type { ConversationView, CurrentTurn } from "@/lib/data/conversation-view";

const PREVIEW_CHARS = 140;

/** What the worker does now: write the plan, write a message, watch the responses, answer them, or rate the end. */
export function ConversationNextStep({ view }: { view: ConversationView }) {
  const { project } = view;
  if (view.status !== "ACTIVE") return <ConversationEnded view={view} />;
  if (view.current) return <CurrentTurnStep view={view} current={view.current} />;
  if (project.redTeam && !view.taskDescription) return <TaskDescriptionForm conversationId={view.id} />;
  const answered = view.turns.length;
  const atLimit = answered >= project.maxTurns;
  return (
    <div className="space-y-4">
      {!atLimit && <MessageComposer key={answered} conversationId={view.id} draft={view.draft} first={answered === 0} />}
      {answered >= project.minTurns && <EndConversationForm conversationId={view.id} redTeam={project.redTeam} atLimit={atLimit} />}
    </div>
  );
}

function CurrentTurnStep({ view, current }: { view: ConversationView; current: CurrentTurn }) {
  if (!current.answer) {
    return (
      <LiveSamples
        key={`${current.turnId}:${current.position}`}
        conversationId={view.id}
        turnId={current.turnId}
        initial={current.samples}
        position={current.position}
      />
    );
  }
  const { rules, slug, name, question } = view.project;
  const labels = current.samples.map((sample) => sample.label);
  return (
    <TurnAnswer
      key={current.turnId}
      conversationId={view.id}
      turnId={current.turnId}
      task={{
        assignmentId: current.answer.assignmentId,
        // A live turn's lease outlasts the conversation: no countdown is shown.
        leaseExpiresAt: "",
        leaseExtensionsLeft: 0,
        firstInProject: false,
        project: { ...rules, slug, name, question, hasInstructions: false },
        labels,
        previews: Object.fromEntries(current.samples.map((sample) => [sample.label, sample.text.slice(0, PREVIEW_CHARS)])),
        draft: current.answer.draft,
      }}
      responses={current.samples.map((sample) => ({ label: sample.label, text: sample.text, body: <MarkdownText text={sample.text} /> }))}
    />
  );
}
