import "server-only";
// Reads of a turn in progress for the stream a worker's browser follows: how far each sample is, and the
// slices of text the pacing lets through. Text is counted and cut in code points, in SQL, on both sides.
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { idOrNotFound } from "@/lib/validations/ids";
import type { Actor } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import type { SampleProgress, ShownSample } from "@/lib/models/pacing";

export type TurnProgress = {
  /** Each sample's progress, and its text from where the viewer has seen it (unseenFrom, in code points) on. */
  samples: (SampleProgress & { failure_kind: string | null; unseen: string; unseenFrom: number })[];
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

/**
 * One read of a turn for a viewer who has seen `shown`: each sample's progress and the text they have
 * not seen yet (all of it for an attempt they have not seen), so a wake costs one round trip.
 */
export async function readTurnProgress(turnId: string, shown: Map<number, ShownSample>): Promise<TurnProgress> {
  const seen = [...shown.entries()];
  const rows = await queryPool<TurnProgress["samples"][number] & { ready: boolean; over: boolean }>(
    pool(),
    `SELECT s.label, s.status, s.attempt, char_length(s.text)::int AS received, s.failure_kind,
            CASE WHEN s.attempt = r.attempt THEN greatest(r.chars, 0) ELSE 0 END AS "unseenFrom",
            substr(s.text, CASE WHEN s.attempt = r.attempt THEN greatest(r.chars, 0) ELSE 0 END + 1) AS unseen,
            t.item_id IS NOT NULL AS ready, t.answered_at IS NOT NULL OR c.status <> 'ACTIVE' AS over
     FROM turn_samples s JOIN conversation_turns t ON t.id = s.turn_id JOIN conversations c ON c.id = t.conversation_id
     LEFT JOIN unnest($2::int[], $3::int[], $4::int[]) AS r(label, attempt, chars) ON r.label = s.label
     WHERE s.turn_id = $1::uuid ORDER BY s.label`,
    [turnId, seen.map(([label]) => label), seen.map(([, value]) => value.attempt), seen.map(([, value]) => value.chars)],
  );
  return { samples: rows, ready: rows[0]?.ready ?? false, over: rows[0]?.over ?? true };
}
