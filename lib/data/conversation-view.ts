import "server-only";
// What a worker sees of their conversation, for the page and the JSON API: the turns so far, the turn in
// progress with its samples paced to the slowest (see lib/models/pacing.ts), labelled A, B, ... and
// nothing else: no model, no endpoint, no sample id, no timing.
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { idOrNotFound } from "@/lib/validations/ids";
import type { AnswerRules } from "@/lib/data/interpret-answer";
import type { Actor } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { responseLabel } from "@/lib/judgment-scales";
import { encodeShown, revealLimits, type SampleProgress } from "@/lib/models/pacing";
import { failureSentence } from "@/lib/models/sample-failure";
import type { Draft } from "@/lib/validations/judgment";

export type WorkerSample = { label: string; status: "streaming" | "complete" | "failed"; text: string; failure: string | null };

export type ConversationView = {
  id: string;
  status: "ACTIVE" | "COMPLETED" | "ABANDONED";
  project: {
    slug: string;
    name: string;
    question: string;
    instructions: string;
    redTeam: boolean;
    minTurns: number;
    maxTurns: number;
    samplesPerTurn: number;
    rules: AnswerRules;
  };
  taskDescription: string | null;
  draft: string;
  rating: number | null;
  comment: string | null;
  /** Answered turns: the worker's message and the reply the conversation went on with. */
  turns: { index: number; message: string; reply: string; edited: boolean }[];
  current: CurrentTurn | null;
};

export type CurrentTurn = {
  turnId: string;
  index: number;
  message: string;
  samples: WorkerSample[];
  /** Where the samples shown here end: the stream of the turn resumes from it (its Last-Event-ID). */
  position: string;
  /** Once every sample is complete: the task to answer, and the answer in progress. */
  answer: { assignmentId: string; draft: { value: Draft; savedAt: string } | null } | null;
};

type ConversationRow = Omit<ConversationView, "turns" | "current" | "draft"> & { draft: string | null };
type TurnRow = { id: string; index: number; message: string; reply: string | null; edited: boolean; assignment_id: string | null };
type SampleRow = SampleProgress & { failure_kind: string | null; text: string };

export async function getConversationView({ actor, conversationId }: { actor: Actor; conversationId: string }): Promise<ConversationView> {
  const [conversation] = await queryPool<ConversationRow>(
    pool(),
    `SELECT c.id, c.status, c.task_description AS "taskDescription", c.draft, c.rating, c.comment,
            json_build_object('slug', p.slug, 'name', p.name, 'question', p.question, 'instructions', p.instructions, 'redTeam', p.red_team,
              'minTurns', p.min_turns, 'maxTurns', p.max_turns, 'samplesPerTurn', p.samples_per_turn,
              'rules', json_build_object('judgmentKind', CASE WHEN p.samples_per_turn = 2 THEN 'PAIRWISE' ELSE 'RANKING' END,
                'pairwiseScale', p.pairwise_scale, 'allowTies', p.allow_ties, 'allowBothBad', false, 'flagOptions', p.flag_options,
                'rationaleMode', p.rationale_mode, 'rationaleMinLength', p.rationale_min_length)) AS project
     FROM conversations c JOIN projects p ON p.id = c.project_id
     WHERE c.id = $1::uuid AND c.worker_id = $2::uuid`,
    [idOrNotFound(conversationId, "conversation"), actor.id],
  );
  if (!conversation) throw new AppError("NOT_FOUND", "No conversation of yours with this id");
  const turns = await queryPool<TurnRow>(
    pool(),
    `SELECT id, index, context->(jsonb_array_length(context) - 1)->>'content' AS message, reply, edit_item_id IS NOT NULL AS edited, assignment_id
     FROM conversation_turns WHERE conversation_id = $1::uuid ORDER BY index`,
    [conversation.id],
  );
  const open = turns.find((turn) => turn.reply === null);
  return {
    ...conversation,
    draft: conversation.draft ?? "",
    turns: turns.filter((turn) => turn.reply !== null).map((turn) => ({ index: turn.index, message: turn.message, reply: turn.reply!, edited: turn.edited })),
    current: open && conversation.status === "ACTIVE" ? await currentTurn(open) : null,
  };
}

async function currentTurn(turn: TurnRow): Promise<CurrentTurn> {
  const samples = await queryPool<SampleRow>(
    pool(),
    "SELECT label, status, attempt, char_length(text)::int AS received, failure_kind, text FROM turn_samples WHERE turn_id = $1::uuid ORDER BY label",
    [turn.id],
  );
  const [lease] = turn.assignment_id
    ? await queryPool<{ draft: Draft | null; draft_saved_at: Date | null }>(pool(), "SELECT draft, draft_saved_at FROM assignments WHERE id = $1::uuid", [
        turn.assignment_id,
      ])
    : [];
  return {
    turnId: turn.id,
    index: turn.index,
    message: turn.message,
    samples: workerSamples(samples),
    position: streamPosition(samples),
    answer: turn.assignment_id
      ? { assignmentId: turn.assignment_id, draft: lease?.draft ? { value: lease.draft, savedAt: lease.draft_saved_at!.toISOString() } : null }
      : null,
  };
}

function streamPosition(samples: SampleRow[]): string {
  const limits = revealLimits(samples);
  return encodeShown(new Map(samples.map((sample) => [sample.label, { attempt: sample.attempt, chars: limits.get(sample.label) ?? -1 }])));
}

/** Samples as a worker may see them now: paced text, and "complete" only once all of them are. */
export function workerSamples(samples: SampleRow[]): WorkerSample[] {
  const limits = revealLimits(samples);
  const allDone = samples.every((sample) => sample.status === "COMPLETE" || sample.status === "FAILED");
  return samples.map((sample) => {
    const limit = limits.get(sample.label);
    if (limit === null) return { label: responseLabel(sample.label), status: "failed", text: "", failure: failureSentence(sample.failure_kind) };
    // Limits count characters as PostgreSQL does (code points), not JavaScript's UTF-16 units.
    const text = Array.from(sample.text).slice(0, limit).join("");
    return { label: responseLabel(sample.label), status: allDone ? "complete" : "streaming", text, failure: null };
  });
}
