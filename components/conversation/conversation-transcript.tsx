import { MarkdownText } from "@/components/comparison/markdown-text";
import type { ConversationView } from "@/lib/data/conversation-view";

/** The conversation so far: each message of the worker and the reply it went on with, formatted inert. */
export function ConversationTranscript({ turns, pendingMessage }: { turns: ConversationView["turns"]; pendingMessage?: string }) {
  if (turns.length === 0 && pendingMessage === undefined) return null;
  return (
    <ol aria-label="Conversation" className="space-y-3">
      {turns.map((turn) => (
        <li key={turn.index} className="space-y-3">
          <Message speaker="You" text={turn.message} tone="user" />
          <Message speaker={turn.edited ? "Assistant (your edit)" : "Assistant"} text={turn.reply} tone="assistant" />
        </li>
      ))}
      {pendingMessage !== undefined && (
        <li>
          <Message speaker="You" text={pendingMessage} tone="user" />
        </li>
      )}
    </ol>
  );
}

function Message({ speaker, text, tone }: { speaker: string; text: string; tone: "user" | "assistant" }) {
  return (
    <div className={`rounded-lg border p-3 ${tone === "user" ? "border-sky-200 bg-sky-50" : "border-slate-200 bg-white"}`}>
      <p className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">{speaker}</p>
      <MarkdownText text={text} className="prose-sm" />
    </div>
  );
}
