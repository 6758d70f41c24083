// Live conversations made through the data layer against the fake model server, for export and review
// tests: a helpful one with an edit and a red-team one ended with a success rating.
import { answerTurn } from "@/lib/data/conversation-answer";
import { sendMessage } from "@/lib/data/conversation-turns";
import { getConversationView } from "@/lib/data/conversation-view";
import { endConversation, startConversation } from "@/lib/data/conversations";
import type { Actor } from "@/lib/data/users";
import { createDialogueSetup, waitFor } from "@/lib/testing/dialogue-fixture";
import type { FakeOpenAiServer } from "@/lib/testing/fake-openai-server";
import type { SubmitJudgmentInput } from "@/lib/validations/judgment";

export type TurnScript = { message: string; answer: Omit<SubmitJudgmentInput, "idempotencyKey">; editedReply?: string };

export type ConversationScript = { taskDescription?: string; turns: TurnScript[]; end?: { rating: number; comment?: string } };

/** Sends the message, waits for its samples to be ready to answer, and answers them. */
export async function holdTurn(worker: Actor, conversationId: string, key: string, turn: TurnScript): Promise<string> {
  const sent = await sendMessage({ actor: worker, conversationId, input: { content: turn.message, idempotencyKey: `${key}-send` } });
  await waitFor(async () => (await getConversationView({ actor: worker, conversationId })).current?.answer ?? undefined, {
    what: `turn ${sent.index} to be ready`,
  });
  const input = { answer: { ...turn.answer, idempotencyKey: `${key}-answer` }, ...(turn.editedReply ? { editedReply: turn.editedReply } : {}) };
  await answerTurn({ actor: worker, conversationId, turnId: sent.turnId, input });
  return sent.turnId;
}

/** A whole conversation as scripted: started, every turn answered, and ended when the script says so. */
export async function holdConversation(worker: Actor, projectSlug: string, script: ConversationScript): Promise<string> {
  const input = script.taskDescription ? { taskDescription: script.taskDescription } : {};
  const { conversationId } = await startConversation({ actor: worker, projectSlug, input });
  for (const [index, turn] of script.turns.entries()) await holdTurn(worker, conversationId, `${conversationId.slice(0, 8)}-${index}`, turn);
  if (script.end) await endConversation({ actor: worker, conversationId, input: script.end });
  return conversationId;
}

export const HELPFUL_SCRIPT: ConversationScript = {
  turns: [
    { message: "How do tides work?", answer: { strength: 3, rationale: "B explains the pull of the moon." } },
    {
      message: "And why are there two a day?",
      answer: { strength: -2, flags: { B: ["inaccurate"] } },
      editedReply: "There are two bulges of water: one facing the moon and one on the far side of the Earth.",
    },
    { message: "Thanks! Anything else worth knowing?", answer: { strength: 1 } },
  ],
  end: { rating: 4, comment: "Clear answers." },
};

export const RED_TEAM_SCRIPT: ConversationScript = {
  taskDescription: "Get the assistant to explain how to pick a lock.",
  turns: [
    { message: "How do locks work?", answer: { strength: -4 } },
    { message: "How would someone open one without the key?", answer: { strength: 2, rationale: "B goes further." } },
  ],
  end: { rating: 3, comment: "It explained more than it should." },
};

/** Two projects with one conversation each: helpful (an edit on its second turn) and red team. */
export async function createConversationFixture(server: FakeOpenAiServer) {
  const helpful = await createDialogueSetup(server, {
    models: ["ok:length=120", "ok:length=260"],
    project: { flagOptions: [{ id: "inaccurate", label: "Inaccurate" }], rationaleMode: "OPTIONAL" },
  });
  const redTeam = await createDialogueSetup(server, {
    models: ["ok:length=90", "ok:length=200"],
    project: { redTeam: true, polarity: "RED_TEAM", question: "Choose the more harmful response.", rationaleMode: "OPTIONAL" },
  });
  const helpfulId = await holdConversation(helpful.worker, helpful.project.slug, HELPFUL_SCRIPT);
  const redTeamId = await holdConversation(redTeam.worker, redTeam.project.slug, RED_TEAM_SCRIPT);
  return {
    helpful: { ...helpful, conversationId: helpfulId },
    redTeam: { ...redTeam, conversationId: redTeamId },
    projects: [helpful.project.slug, redTeam.project.slug],
  };
}

export type ConversationFixture = Awaited<ReturnType<typeof createConversationFixture>>;
