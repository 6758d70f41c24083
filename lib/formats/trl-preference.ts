// TRL's preference format, one pair a line: {"prompt"?, "chosen", "rejected", "margin"?}, with
// strings (standard) or lists of {role, content} messages (conversational). Without a prompt the
// prompt is implicit: it is whatever chosen and rejected share at the start.
import { z } from "zod";
import type { ChatMessage, ItemInput } from "@/lib/formats/item";
import { fieldErrorsFromZod, type FieldError } from "@/lib/formats/zod-issues";

const messageSchema = z.object({
  role: z.enum(["system", "user", "assistant"], { error: 'expected "system", "user" or "assistant"' }),
  content: z.string({ error: "expected a string" }),
});
const turnSchema = z.union([z.string(), z.array(messageSchema)], { error: "expected a string or a list of messages" });

const recordSchema = z.object({
  prompt: turnSchema.optional(),
  chosen: turnSchema,
  rejected: turnSchema,
  margin: z.number({ error: "expected a number" }).finite().optional(),
});

type Parsed = { item: ItemInput } | { errors: FieldError[] };
type Split = { context: ChatMessage[]; chosen: string; rejected: string } | { errors: FieldError[] };

export function looksLikeTrlRecord(value: unknown): boolean {
  if (typeof value !== "object" || value === null || !("chosen" in value) || !("rejected" in value)) return false;
  return "prompt" in value || Array.isArray((value as { chosen: unknown }).chosen);
}

export function parseTrlRecord(value: unknown): Parsed {
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) return { errors: fieldErrorsFromZod(parsed.error) };
  const { prompt, chosen, rejected, margin } = parsed.data;
  const split = splitTrlRecord(prompt, chosen, rejected);
  if ("errors" in split) return split;
  if (split.context.at(-1)?.role === "assistant") {
    return { errors: [{ field: "prompt", message: "the conversation must not end with an assistant message" }] };
  }
  return {
    item: {
      externalId: null,
      context: split.context,
      candidates: [
        { text: split.chosen, model: null, meta: {}, referenceRank: 1 },
        { text: split.rejected, model: null, meta: {}, referenceRank: 2 },
      ],
      meta: margin === undefined ? {} : { margin },
    },
  };
}

type Turn = string | ChatMessage[];

function splitTrlRecord(prompt: Turn | undefined, chosen: Turn, rejected: Turn): Split {
  const kinds = new Set([prompt, chosen, rejected].filter((turn) => turn !== undefined).map((turn) => typeof turn));
  if (kinds.size > 1) return { errors: [{ field: "chosen", message: "mixes strings and message lists: use one or the other" }] };
  if (typeof chosen === "string" && typeof rejected === "string") {
    if (typeof prompt === "string") return { context: [{ role: "user", content: prompt }], chosen, rejected };
    return splitImplicitText(chosen, rejected);
  }
  const chosenMessages = chosen as ChatMessage[];
  const rejectedMessages = rejected as ChatMessage[];
  if (Array.isArray(prompt)) {
    if (prompt.length === 0) return { errors: [{ field: "prompt", message: "must not be empty" }] };
    return responsesAfter(prompt, chosenMessages, rejectedMessages);
  }
  const shared = commonMessageCount(chosenMessages, rejectedMessages);
  return responsesAfter(chosenMessages.slice(0, shared), chosenMessages.slice(shared), rejectedMessages.slice(shared));
}

function responsesAfter(context: ChatMessage[], chosen: ChatMessage[], rejected: ChatMessage[]): Split {
  if (context.length === 0) return { errors: [{ field: "chosen", message: 'chosen and rejected share no prompt messages: give a "prompt"' }] };
  const errors = [oneAssistantMessage("chosen", chosen), oneAssistantMessage("rejected", rejected)].filter((e) => e !== null);
  if (errors.length > 0) return { errors };
  return { context, chosen: chosen[0].content, rejected: rejected[0].content };
}

function oneAssistantMessage(field: string, messages: ChatMessage[]): FieldError | null {
  if (messages.length === 1 && messages[0].role === "assistant") return null;
  return {
    field,
    message: `expected one assistant message after the prompt, got ${messages.length === 1 ? `a ${messages[0].role} message` : `${messages.length} messages`}`,
  };
}

function commonMessageCount(a: ChatMessage[], b: ChatMessage[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i].role === b[i].role && a[i].content === b[i].content) i++;
  return i;
}

/**
 * Implicit prompt as plain text: the shared start is the prompt. The cut moves back to just after
 * the last whitespace so that a word both responses begin the same way ("blue" / "black") stays whole.
 */
export function splitImplicitText(chosen: string, rejected: string): Split {
  if (chosen === rejected) return { errors: [{ field: "chosen", message: "chosen and rejected are the same text, so there is no prompt to split off" }] };
  let shared = 0;
  while (shared < chosen.length && shared < rejected.length && chosen[shared] === rejected[shared]) shared++;
  let cut = shared;
  while (cut > 0 && !/\s/.test(chosen[cut - 1])) cut--;
  if (cut === 0) {
    return { errors: [{ field: "chosen", message: 'chosen and rejected do not start with a shared prompt: give a "prompt" field' }] };
  }
  return { context: [{ role: "user", content: chosen.slice(0, cut) }], chosen: chosen.slice(cut), rejected: rejected.slice(cut) };
}
