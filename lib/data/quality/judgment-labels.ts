// The SQL every quality figure starts from: a project's judgments (optionally one batch's), each with its
// choice as a nominal code and, for pairs, its signed strength oriented to the responses' order in the item.
// Codes: 1..K the position (in item order) of the preferred response, -1 a tie at the top, -2 both bad.
// Worker labels on the page are shuffled per assignment; these are not, so two workers' codes compare.

export const CHOICE_TIE = -1;
export const CHOICE_BOTH_BAD = -2;

/**
 * A CTE pair, `ordered` then `labelled`, over the judgments of project $1 (and batch $2 when not null).
 * `labelled` has item_id, worker_id, judgment_id, created_at, time_spent_ms, strength, rationale,
 * responses (K), choice, signed (pairs only; null for both bad) and shown_first (the response shown as A).
 */
export const LABELLED_JUDGMENTS = `
  ordered AS (
    SELECT c.item_id, c.id, c.reference_rank, length(c.text) AS characters,
           row_number() OVER (PARTITION BY c.item_id ORDER BY c.position)::int AS ordinal,
           count(*) OVER (PARTITION BY c.item_id)::int AS responses
      FROM candidates c
      JOIN items i ON i.id = c.item_id
     WHERE i.project_id = $1::uuid AND ($2::uuid IS NULL OR i.batch_id = $2::uuid)
  ),
  labelled AS (
    SELECT j.item_id, j.worker_id, j.id AS judgment_id, j.created_at, j.time_spent_ms, j.strength, j.rationale,
           j.ranking, top.reference_rank AS top_reference_rank, a.display_order[1]::text AS shown_first,
           coalesce(top.responses, (SELECT count(*)::int FROM candidates c WHERE c.item_id = j.item_id)) AS responses,
           CASE WHEN j.both_bad OR jsonb_array_length(j.ranking) = 0 THEN ${CHOICE_BOTH_BAD}
                WHEN jsonb_array_length(j.ranking -> 0) > 1 THEN ${CHOICE_TIE}
                ELSE top.ordinal END AS choice,
           CASE WHEN j.both_bad OR jsonb_array_length(j.ranking) = 0 THEN NULL
                WHEN jsonb_array_length(j.ranking -> 0) > 1 THEN 0
                WHEN top.ordinal = 1 THEN -abs(coalesce(j.strength, 1))
                ELSE abs(coalesce(j.strength, 1)) END AS signed
      FROM judgments j
      JOIN items i ON i.id = j.item_id
      JOIN assignments a ON a.id = j.assignment_id
      LEFT JOIN ordered top ON top.id = (j.ranking -> 0 ->> 0)::uuid
     WHERE j.project_id = $1::uuid AND ($2::uuid IS NULL OR i.batch_id = $2::uuid)
  )`;
