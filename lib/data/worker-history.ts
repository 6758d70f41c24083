import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import type { Actor } from "@/lib/data/users";
import { describeRanking, responseLabel, scaleLevel, type FlagOption, type PairwiseScaleName } from "@/lib/judgment-scales";
import { pageNumberSchema } from "@/lib/validations/page";

export const HISTORY_PAGE_SIZE = 25;

type HistoryRow = {
  id: string;
  created_at: Date;
  time_spent_ms: number;
  project_name: string;
  question: string;
  pairwise_scale: PairwiseScaleName;
  flag_options: FlagOption[];
  display_order: string[];
  ranking: string[][];
  strength: number | null;
  both_bad: boolean;
  flags: Record<string, string[]>;
  rationale: string | null;
  first_message: string;
};

export type HistoryEntry = {
  id: string;
  createdAt: Date;
  timeSpentMs: number;
  projectName: string;
  prompt: string;
  answer: string;
  flags: string[];
  rationale: string | null;
};

/**
 * The worker's own judgments, newest first, told in the labels they saw. Read-only. A platform
 * account sees only those of the study session it is signed in for: someone else who types the same
 * platform id must not read the first participant's answers.
 */
export async function findWorkerHistory({
  actor,
  page: pageParam,
}: {
  actor: Actor;
  page?: unknown;
}): Promise<{ entries: HistoryEntry[]; hasMore: boolean; page: number }> {
  const page = pageNumberSchema().parse(pageParam);
  const rows = await queryPool<HistoryRow>(
    pool(),
    `SELECT j.id, j.created_at, j.time_spent_ms, p.name AS project_name, p.question, p.pairwise_scale, p.flag_options,
            a.display_order, j.ranking, j.strength, j.both_bad, j.flags, j.rationale,
            COALESCE(i.context -> -1 ->> 'content', '') AS first_message
     FROM judgments j
     JOIN assignments a ON a.id = j.assignment_id
     JOIN projects p ON p.id = j.project_id
     JOIN items i ON i.id = j.item_id
     WHERE j.worker_id = $1::uuid AND a.study_session_id IS NOT DISTINCT FROM $4::uuid
     ORDER BY j.created_at DESC, j.id
     LIMIT $2 OFFSET $3`,
    [actor.id, HISTORY_PAGE_SIZE + 1, (page - 1) * HISTORY_PAGE_SIZE, actor.studySessionId ?? null],
  );
  return { entries: rows.slice(0, HISTORY_PAGE_SIZE).map(toEntry), hasMore: rows.length > HISTORY_PAGE_SIZE, page };
}

function toEntry(row: HistoryRow): HistoryEntry {
  const labelOf = (id: string) => responseLabel(row.display_order.indexOf(id));
  const flagLabel = (id: string) => row.flag_options.find((option) => option.id === id)?.label ?? id;
  let answer: string;
  if (row.both_bad) answer = row.display_order.length === 2 ? "Both are bad" : "None is acceptable";
  else if (row.strength !== null) answer = scaleLevel(row.pairwise_scale, row.strength)?.label ?? `strength ${row.strength}`;
  else answer = describeRanking(row.ranking.map((group) => group.map(labelOf)));
  return {
    id: row.id,
    createdAt: new Date(row.created_at),
    timeSpentMs: row.time_spent_ms,
    projectName: row.project_name,
    prompt: row.first_message.slice(0, 160),
    answer,
    flags: Object.entries(row.flags).flatMap(([id, ids]) => ids.map((flag) => `${labelOf(id)}: ${flagLabel(flag)}`)),
    rationale: row.rationale,
  };
}
