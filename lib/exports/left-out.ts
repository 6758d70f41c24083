// Counts of what an export did not include, and why: the manifest reports them.

export class LeftOut {
  readonly judgments: Record<string, number> = {};
  readonly rows: Record<string, number> = {};
  readonly conversations: Record<string, number> = {};
  readonly turns: Record<string, number> = {};

  /** Whole judgments not used. */
  judgment(reason: string, count = 1) {
    if (count > 0) this.judgments[reason] = (this.judgments[reason] ?? 0) + count;
  }

  /** Rows a used judgment could have given but did not (a tied pair, the middle of a ranking). */
  row(reason: string, count = 1) {
    if (count > 0) this.rows[reason] = (this.rows[reason] ?? 0) + count;
  }

  /** Whole conversations not written (the conversations format). */
  conversation(reason: string, count = 1) {
    if (count > 0) this.conversations[reason] = (this.conversations[reason] ?? 0) + count;
  }

  /** Turns of a written conversation that are not in its row. */
  turn(reason: string, count = 1) {
    if (count > 0) this.turns[reason] = (this.turns[reason] ?? 0) + count;
  }

  judgmentTotal(): number {
    return total(this.judgments);
  }

  conversationTotal(): number {
    return total(this.conversations);
  }
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

export const LEFT_OUT = {
  blocked: "annotator blocked",
  checkItem: "check item (gold, attention or practice)",
  bothBad: "both bad",
  tie: "tie",
  weakest: "weakest strength dropped",
  noMajority: "no majority",
  agreement: "below minimum agreement",
  tiedPair: "tied pair",
  otherPairs: "other pairs of a ranking (see ranking-pairs)",
  rankingMiddle: "middle of a ranking",
  notAnswered: "not answered",
} as const;
