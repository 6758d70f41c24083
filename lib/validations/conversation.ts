// What workers and scripts send about live conversations: shared by the Server Actions and the JSON API.
// Objects are strict: a misspelt field is refused, not silently dropped.
import { z } from "zod";
import { submitJudgmentSchema } from "@/lib/validations/judgment";

export const MAX_MESSAGE_LENGTH = 10_000;

const idempotencyKey = z
  .string({ error: "send an idempotency key (any unique string, 8 to 200 characters)" })
  .min(8, "idempotency keys have 8 to 200 characters")
  .max(200, "idempotency keys have 8 to 200 characters");

const taskDescription = z.string().trim().min(10, "describe your plan in at least 10 characters").max(2000, "task descriptions have at most 2,000 characters");

export const startConversationSchema = z.strictObject({ taskDescription: taskDescription.optional() });

export const taskDescriptionSchema = z.strictObject({ taskDescription });

export const sendMessageSchema = z.strictObject({
  content: z.string({ error: "write a message" }).trim().min(1, "write a message").max(MAX_MESSAGE_LENGTH, "messages have at most 10,000 characters"),
  idempotencyKey,
});

export const conversationDraftSchema = z.strictObject({ message: z.string().max(MAX_MESSAGE_LENGTH, "messages have at most 10,000 characters") });

/** The turn's judgment as for any task, plus the picked response as the worker edited it, if they did. */
export const answerTurnSchema = z.strictObject({
  answer: submitJudgmentSchema,
  editedReply: z.string().max(50_000, "an edited response has at most 50,000 characters").optional(),
});

export const endConversationSchema = z.strictObject({
  rating: z.number({ error: "choose a rating" }).int("choose a rating"),
  comment: z.string().trim().max(5000, "comments have at most 5,000 characters").optional(),
});

export type AnswerTurnInput = z.output<typeof answerTurnSchema>;
