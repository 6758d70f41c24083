import "server-only";
// Reads of a turn in progress for the stream a worker's browser follows: how far each sample is, and the
// slices of text the pacing lets through. Text is counted and cut in code points, in SQL, on both sides.
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { idOrNotFound } from "@/lib/validations/ids";
import type { Actor } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import type { RevealStep, SampleProgress } from "@/lib/models/pacing";

export type TurnProgress = {
  samples: (SampleProgress & { failure_kind: string | null })[];
  /** Every sample is complete and the turn is an item the worker can answer. */
  ready: boolean;
  /** Answered, or its conversation ended: nothing more will happen to it. */
  over: boolean;
};

/** Refuses a turn that is not the worker's. */
export async function assertOwnTurn({ actor, conversationId, turnId }: { actor: Actor; conversationId: string; turnId: string }): Promise<void> {
  const [turn] = await queryPool(
    pool(),
    "SELECT 1 FROM conversation_turns t JOIN conversations c ON c.id = t.conversation_id WHERE t.id = $1::uuid AND c.id = $2::uuid AND c.worker_id = $3::uuid",
    [idOrNotFound(turnId, "turn"), idOrNotFound(conversationId, "conversation"), actor.id],
  );
  if (!turn) throw new AppError("NOT_FOUND", "No turn of yours with this id");
}

export async function readTurnProgress(turnId: string): Promise<TurnProgress> {
  const [turn] = await queryPool<{ ready: boolean; over: boolean }>(
    pool(),
    `SELECT t.item_id IS NOT NULL AS ready, t.answered_at IS NOT NULL OR c.status <> 'ACTIVE' AS over
     FROM conversation_turns t JOIN conversations c ON c.id = t.conversation_id WHERE t.id = $1::uuid`,
    [turnId],
  );
  const samples = await queryPool<TurnProgress["samples"][number]>(
    pool(),
    "SELECT label, status, attempt, char_length(text)::int AS received, failure_kind FROM turn_samples WHERE turn_id = $1::uuid ORDER BY label",
    [turnId],
  );
  return { samples, ready: turn?.ready ?? false, over: turn?.over ?? true };
}

/** The text of each step's range, for the attempt it was computed on (a sample regenerated since gives nothing). */
export async function readRevealedText(turnId: string, steps: RevealStep[]): Promise<Map<number, string>> {
  const wanted = steps.filter((step) => !step.failed && step.to > step.from);
  if (wanted.length === 0) return new Map();
  const rows = await queryPool<{ label: number; text: string }>(
    pool(),
    `SELECT s.label, substr(s.text, r.from_pos + 1, r.len) AS text
     FROM unnest($2::int[], $3::int[], $4::int[], $5::int[]) AS r(label, attempt, from_pos, len)
     JOIN turn_samples s ON s.turn_id = $1::uuid AND s.label = r.label AND s.attempt = r.attempt`,
    [turnId, wanted.map((step) => step.label), wanted.map((step) => step.attempt), wanted.map((step) => step.from), wanted.map((step) => step.to - step.from)],
  );
  return new Map(rows.map((row) => [row.label, row.text]));
}
