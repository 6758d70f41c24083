// Per-worker signals of a project, in SQL: one row per worker however many judgments they made.
import { CHOICE_BOTH_BAD, CHOICE_TIE, LABELLED_JUDGMENTS } from "@/lib/data/quality/judgment-labels";

/** Reading faster than this is not reading: about 1,000 words a minute, three to four times a careful pace. */
export const TOO_FAST_CHARACTERS_PER_SECOND = 100;

export type WorkerSignalRow = {
  worker_id: string;
  email: string;
  blocked: boolean;
  judgments: number;
  median_seconds: number;
  too_fast: number;
  /** Pairs with a preference (no tie, not both bad), and how many of them went to the response shown first. */
  decided_pairs: number;
  chose_shown_first: number;
  rationales: number;
  copied_rationales: number;
  /** TASK items with a reference (imported labelled data): agreement with it. */
  reference_trials: number;
  reference_correct: number;
  /** GOLD and ATTENTION items, all time (not the window the pause rule reads). */
  gold_trials: number;
  gold_correct: number;
  consensus_items: number;
  consensus_agreeing: number;
  first_at: Date;
  last_at: Date;
};

// Each judgment against the others' labels on its item, as agreementWithOthers() counts it: its label
// leads the others' votes only if it is the item's one most common label (n1 votes, counting its own) and
// n1 - 1 is at least the next count n2; a draw there shares the lead among the t2 labels at n2. Worked out
// from each item's counts of counts, so nothing is compared judgment by judgment.
const CONSENSUS = `
  multi AS (SELECT * FROM labelled WHERE item_id IN (SELECT item_id FROM labelled GROUP BY item_id HAVING count(*) >= 2)),
  label_counts AS (SELECT item_id, choice, count(*)::int AS n FROM multi GROUP BY item_id, choice),
  count_levels AS (
    SELECT item_id, array_agg(n ORDER BY n DESC) AS counts, array_agg(labels ORDER BY n DESC) AS labels
      FROM (SELECT item_id, n, count(*)::int AS labels FROM label_counts GROUP BY item_id, n) levels
     GROUP BY item_id
  ),
  shares AS (
    SELECT c.item_id, c.choice,
           CASE WHEN c.n <> l.counts[1] OR l.labels[1] > 1 THEN 0
                WHEN c.n - 1 > coalesce(l.counts[2], 0) THEN 1
                WHEN c.n - 1 = l.counts[2] THEN 1.0 / (1 + l.labels[2])
                ELSE 0 END AS share
      FROM label_counts c JOIN count_levels l ON l.item_id = c.item_id
  ),
  consensus AS (
    SELECT m.worker_id, count(*)::int AS items, sum(s.share)::float8 AS agreeing
      FROM multi m JOIN shares s ON s.item_id = m.item_id AND s.choice = m.choice
     GROUP BY m.worker_id
  )`;

// Items whose every response has a reference rank and exactly one is best: the reference's preference.
const REFERENCE = `
  references_ AS (
    SELECT item_id, min(best) AS best
      FROM (SELECT item_id, reference_rank, min(reference_rank) OVER (PARTITION BY item_id) AS best FROM ordered) ranked
     GROUP BY item_id
    HAVING count(reference_rank) = count(*) AND count(*) FILTER (WHERE reference_rank = best) = 1
  )`;

// The worker's single best response is the reference's single best: how gold items are scored too.
const MATCHES_REFERENCE = `l.choice NOT IN (${CHOICE_TIE}, ${CHOICE_BOTH_BAD}) AND l.top_reference_rank = r.best`;

// Reference accuracy reads TASK items only and gold accuracy GOLD and ATTENTION items, so no answer counts
// twice; practice answers count in neither (the worker's standing has them).
export const WORKER_SIGNALS_SQL = `
  WITH ${LABELLED_JUDGMENTS},
  ${CONSENSUS},
  ${REFERENCE},
  lengths AS (SELECT item_id, sum(characters)::int AS characters FROM ordered GROUP BY item_id),
  texts AS (
    SELECT judgment_id, count(*) OVER (PARTITION BY lower(regexp_replace(btrim(rationale), '\\s+', ' ', 'g'))) AS uses
      FROM labelled WHERE btrim(coalesce(rationale, '')) <> ''
  ),
  per_worker AS (
    SELECT l.worker_id, count(*)::int AS judgments,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY l.time_spent_ms) / 1000)::float8 AS median_seconds,
           count(*) FILTER (WHERE l.time_spent_ms * ${TOO_FAST_CHARACTERS_PER_SECOND} < coalesce(len.characters, 0) * 1000)::int AS too_fast,
           count(*) FILTER (WHERE l.responses = 2 AND l.choice > 0)::int AS decided_pairs,
           count(*) FILTER (WHERE l.responses = 2 AND l.choice > 0 AND l.ranking -> 0 ->> 0 = l.shown_first)::int AS chose_shown_first,
           count(t.judgment_id)::int AS rationales,
           count(*) FILTER (WHERE t.uses > 1)::int AS copied_rationales,
           count(r.item_id) FILTER (WHERE i.role = 'TASK')::int AS reference_trials,
           count(*) FILTER (WHERE i.role = 'TASK' AND ${MATCHES_REFERENCE})::int AS reference_correct,
           count(r.item_id) FILTER (WHERE i.role IN ('GOLD', 'ATTENTION'))::int AS gold_trials,
           count(*) FILTER (WHERE i.role IN ('GOLD', 'ATTENTION') AND ${MATCHES_REFERENCE})::int AS gold_correct,
           min(l.created_at) AS first_at, max(l.created_at) AS last_at
      FROM labelled l
      JOIN items i ON i.id = l.item_id
      LEFT JOIN lengths len ON len.item_id = l.item_id
      LEFT JOIN texts t ON t.judgment_id = l.judgment_id
      LEFT JOIN references_ r ON r.item_id = l.item_id
     GROUP BY l.worker_id
  )
  SELECT w.*, u.email, u.blocked_at IS NOT NULL AS blocked,
         coalesce(c.items, 0) AS consensus_items, coalesce(c.agreeing, 0) AS consensus_agreeing
    FROM per_worker w
    JOIN users u ON u.id = w.worker_id
    LEFT JOIN consensus c ON c.worker_id = w.worker_id
   ORDER BY w.judgments DESC, u.email`;

/** How often each worker gave each strength (as shown to them), for "the same strength again and again". */
export const STRENGTH_TALLIES_SQL = `
  SELECT j.worker_id, j.strength, count(*)::int AS count
    FROM judgments j JOIN items i ON i.id = j.item_id
   WHERE j.project_id = $1::uuid AND ($2::uuid IS NULL OR i.batch_id = $2::uuid) AND j.strength IS NOT NULL
   GROUP BY j.worker_id, j.strength`;
