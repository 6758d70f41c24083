// Dynamic overlap: a task whose judgments disagree more than the project allows asks for one more,
// up to the project's maximum. Decided before the judgment is stored, under the item's lock, so the
// judgment that would complete the task keeps it open in the same statement instead: completing and
// reopening in two steps would take the counters' row locks out of order and could deadlock with
// other submits.
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { CheckSettings } from "@/lib/data/checks/score-check";

type Answer = { ranking: string[][]; bothBad: boolean };

/** One answer per judgment: the best response (a tie at the top as its members together), or both bad. */
export function answerKey({ ranking, bothBad }: Answer): string {
  return bothBad ? "both bad" : [...(ranking[0] ?? [])].sort().join(",");
}

/** The share of answers away from the most common one: 0 when all agree. */
export function disagreementOf(answers: Answer[]): number {
  if (answers.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const answer of answers) counts.set(answerKey(answer), (counts.get(answerKey(answer)) ?? 0) + 1);
  return 1 - Math.max(...counts.values()) / answers.length;
}

type OverlapCheck = { itemId: string; k: number; checks: CheckSettings; answer: Answer };

/**
 * Whether the judgment about to be stored should ask for one more instead of completing the task.
 * Locks the item first; the judgments are read in the next statement, so they include every one
 * committed by an earlier holder of the lock.
 */
export async function wantsAnotherJudgment(sql: SqlRunner, { itemId, k, checks, answer }: OverlapCheck): Promise<boolean> {
  if (checks.overlapMax === null) return false;
  const [item] = await sql.query<{ judgment_count: number; extra_judgments: number }>(
    "SELECT judgment_count, extra_judgments FROM items WHERE id = $1::uuid FOR NO KEY UPDATE",
    [itemId],
  );
  const count = item.judgment_count + 1;
  if (count < k + item.extra_judgments || count >= checks.overlapMax) return false;
  const judged = await sql.query<{ ranking: string[][]; both_bad: boolean }>("SELECT ranking, both_bad FROM judgments WHERE item_id = $1::uuid", [itemId]);
  const answers = [...judged.map((row) => ({ ranking: row.ranking, bothBad: row.both_bad })), answer];
  return disagreementOf(answers) > checks.overlapDisagreement;
}
