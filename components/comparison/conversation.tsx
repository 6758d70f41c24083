import { MarkdownText } from "@/components/comparison/markdown-text";
import type { ChatMessage } from "@/lib/formats/item";

const SPEAKER = { system: "System", user: "Human", assistant: "Assistant" } as const;

export function Conversation({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol aria-label="Conversation" className="space-y-3">
      {messages.map((message, index) => (
        <li
          key={index}
          className={`rounded-lg border p-3 ${message.role === "user" ? "border-sky-200 bg-sky-50" : message.role === "system" ? "border-slate-200 bg-slate-100" : "border-slate-200 bg-white"}`}
        >
          <p className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">{SPEAKER[message.role]}</p>
          <MarkdownText text={message.content} className="prose-sm" />
        </li>
      ))}
    </ol>
  );
}
