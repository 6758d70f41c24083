"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useMessageDraft } from "@/components/conversation/use-message-draft";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { NETWORK_ERROR, useServerAction } from "@/components/ui/use-server-action";
import { sendMessageAction } from "@/lib/actions/conversations";

const DRAFT_WORDS = { saved: "Draft saved", saving: "Saving draft…", unsaved: "Not saved yet" } as const;

/**
 * The worker's next message. Sending is retried after a lost connection with the same idempotency key,
 * so the message starts one generation, however many times it is sent.
 */
export function MessageComposer({ conversationId, draft, first }: { conversationId: string; draft: string; first: boolean }) {
  const router = useRouter();
  const message = useMessageDraft(conversationId, draft);
  const sending = useServerAction(sendMessageAction);
  const [error, setError] = useState<string | null>(null);
  // One key per message: made when it is first sent, reused by every retry of it.
  const pendingKey = useRef<{ text: string; key: string } | null>(null);

  const send = async () => {
    const content = message.text.trim();
    if (!content || sending.pending) return;
    if (pendingKey.current?.text !== content) pendingKey.current = { text: content, key: `web-${crypto.randomUUID()}` };
    setError(null);
    const result = await sending.run({ conversationId, content, idempotencyKey: pendingKey.current.key });
    if (result?.ok) {
      message.clear();
      pendingKey.current = null;
      router.refresh();
    } else if (result) {
      setError(result.code === NETWORK_ERROR ? "Could not reach the server: your message is kept; send it again." : result.error);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form onSubmit={onSubmit} aria-label="Your message" className="rounded-lg border border-slate-200 bg-white p-4">
      <label htmlFor="message" className="mb-1 block font-medium">
        {first ? "Write your first message to the assistant" : "Your next message"}
      </label>
      <textarea
        id="message"
        autoFocus
        value={message.text}
        onChange={(event) => message.change(event.target.value)}
        onKeyDown={onKeyDown}
        rows={4}
        maxLength={10_000}
        className="block w-full rounded border border-slate-300 p-2"
      />
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <span role="status" className="text-xs text-slate-500">
          {message.text ? DRAFT_WORDS[message.status] : ""}
        </span>
        <Button type="submit" disabled={sending.pending || message.text.trim() === ""}>
          {sending.pending ? "Sending…" : "Send"} <kbd className="text-xs opacity-80">Ctrl+Enter</kbd>
        </Button>
      </div>
      <FormError message={error} />
    </form>
  );
}
