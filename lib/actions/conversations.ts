"use server";

import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { answerTurn } from "@/lib/data/conversation-answer";
import { regenerateSample, sendMessage } from "@/lib/data/conversation-turns";
import { abandonConversation, endConversation, saveConversationDraft, setTaskDescription, startConversation } from "@/lib/data/conversations";

/** "Start a conversation" (or go back to the one in progress) in a live project. */
export async function startConversationAction(projectSlug: string): Promise<ActionResult<never>> {
  const result = await runAction("task:work", (actor) => startConversation({ actor, projectSlug, input: {} }));
  if (!result.ok) return result;
  redirect(`/conversations/${result.data.conversationId}`);
}

export async function saveConversationDraftAction(input: { conversationId: string; message: string }) {
  return runAction("task:work", (actor) => saveConversationDraft({ actor, conversationId: input.conversationId, input: { message: input.message } }));
}

export async function setTaskDescriptionAction(input: { conversationId: string; taskDescription: string }) {
  return runAction("task:work", (actor) =>
    setTaskDescription({ actor, conversationId: input.conversationId, input: { taskDescription: input.taskDescription } }),
  );
}

export async function sendMessageAction(input: { conversationId: string; content: string; idempotencyKey: string }) {
  return runAction("task:work", (actor) =>
    sendMessage({ actor, conversationId: input.conversationId, input: { content: input.content, idempotencyKey: input.idempotencyKey } }),
  );
}

export async function answerTurnAction(input: { conversationId: string; turnId: string; answer: unknown; editedReply?: string }) {
  return runAction("task:work", (actor) =>
    answerTurn({
      actor,
      conversationId: input.conversationId,
      turnId: input.turnId,
      input: input.editedReply === undefined ? { answer: input.answer } : { answer: input.answer, editedReply: input.editedReply },
    }),
  );
}

export async function regenerateSampleAction(input: { conversationId: string; turnId: string; label: string }) {
  return runAction("task:work", (actor) => regenerateSample({ actor, ...input }));
}

export async function endConversationAction(input: { conversationId: string; rating: number; comment: string }) {
  return runAction("task:work", (actor) =>
    endConversation({ actor, conversationId: input.conversationId, input: { rating: input.rating, comment: input.comment || undefined } }),
  );
}

/** The way out: leave the conversation (what was answered stays) and go back to the task list. */
export async function leaveConversationAction(conversationId: string): Promise<ActionResult<never>> {
  const result = await runAction("task:work", (actor) => abandonConversation({ actor, conversationId }));
  if (!result.ok) return result;
  redirect("/tasks");
}
