// When an item needs no more judgments. Check items (gold, attention, practice) are always complete:
// the pick that fills k never hands them out, and every worker may answer them once. A task wants the
// project's k plus whatever dynamic overlap added to it.

/** The completion rule as SQL over an `items` row, given the SQL of the project's k. */
export const ITEM_COMPLETE_SQL = (k: string) => `(role <> 'TASK' OR judgment_count >= ${k} + extra_judgments)`;
