import { describe, expect, it } from "vitest";
import type { ExportItem, ExportJudgment } from "@/lib/exports/export-item";
import { exportOptionsSchema, type ExportOptionsInput } from "@/lib/exports/export-options";
import { LEFT_OUT, LeftOut } from "@/lib/exports/left-out";
import { marginOf, preferencesFor } from "@/lib/exports/preferences";

let judgmentNumber = 0;

/** A pairwise answer as stored: the strength is signed toward the first response shown. */
function pairwise(strength: number, shown: [string, string] = ["a", "b"], extra: Partial<ExportJudgment> = {}): ExportJudgment {
  const [first, second] = shown;
  const ranking = strength < 0 ? [[first], [second]] : strength > 0 ? [[second], [first]] : [[first, second]];
  return judgment({ ranking, strength, displayOrder: shown, ...extra });
}

function bothBad(extra: Partial<ExportJudgment> = {}): ExportJudgment {
  return judgment({ ranking: [], strength: null, bothBad: true, ...extra });
}

function judgment(fields: Partial<ExportJudgment>): ExportJudgment {
  const n = ++judgmentNumber;
  return {
    ...{ id: `j${n}`, workerId: `w${n}`, workerBlocked: false, ranking: [], strength: null, bothBad: false, flags: {}, rationale: null },
    ...{ timeSpentMs: 1000, assignedAt: new Date(0), createdAt: new Date(n), displayOrder: [] },
    ...fields,
  };
}

const candidates = (...ids: string[]) => ids.map((id) => ({ id, text: `text ${id}`, model: null }));

function item(judgments: ExportJudgment[], fields: Partial<ExportItem> = {}): ExportItem {
  return {
    ...{
      itemId: "item-1",
      externalId: null,
      project: "p",
      polarity: "HELPFUL",
      scale: "EIGHT_POINT",
      batchId: "batch-1",
      position: 1,
      conversationId: null,
      role: "TASK",
    },
    ...{ context: [{ role: "user", content: "Which?" }], candidates: candidates("a", "b"), judgments },
    ...fields,
  };
}

function run(exportItem: ExportItem, overrides: Partial<ExportOptionsInput> = {}) {
  const leftOut = new LeftOut();
  const preferences = preferencesFor(exportItem, exportOptionsSchema.parse({ format: "trl", projects: ["p"], ...overrides }), leftOut);
  return { preferences, leftOut: leftOut.judgments };
}

describe("marginOf", () => {
  it.each([
    ["EIGHT_POINT", -4, 3],
    ["EIGHT_POINT", 2, 1],
    ["EIGHT_POINT", -1, 0],
    ["SEVEN_POINT", 3, 2],
    ["SEVEN_POINT", -1, 0],
    ["BINARY", -1, 1],
    ["BINARY", 1, 1],
    ["SEVEN_POINT", 0, null],
    ["EIGHT_POINT", null, null],
  ] as const)("on the %s scale gives strength %s a margin of %s", (scale, strength, margin) => {
    expect(marginOf(strength, scale)).toBe(margin);
  });
});

describe("preferencesFor, per judgment", () => {
  it("passes every judgment through with its own ranking and margin, and the item's agreement", () => {
    const judgments = [pairwise(-4), pairwise(2), pairwise(-1, ["b", "a"])];
    const { preferences, leftOut } = run(item(judgments));
    expect(preferences.map((p) => ({ ranking: p.ranking, margin: p.margin, judgments: p.judgments, bothBad: p.bothBad }))).toEqual([
      { ranking: [["a"], ["b"]], margin: 3, judgments: [judgments[0]], bothBad: false },
      { ranking: [["b"], ["a"]], margin: 1, judgments: [judgments[1]], bothBad: false },
      { ranking: [["b"], ["a"]], margin: 0, judgments: [judgments[2]], bothBad: false },
    ]);
    expect(preferences.map((p) => p.agreement)).toEqual([2 / 3, 2 / 3, 2 / 3]);
    expect(leftOut).toEqual({});
  });

  it("passes ties and 'both bad' through for the formats to decide on", () => {
    const { preferences } = run(item([pairwise(0), bothBad()], { scale: "SEVEN_POINT" }));
    expect(preferences.map((p) => ({ ranking: p.ranking, bothBad: p.bothBad, margin: p.margin }))).toEqual([
      { ranking: [["a", "b"]], bothBad: false, margin: null },
      { ranking: [], bothBad: true, margin: null },
    ]);
  });
});

describe("preferencesFor, annotators and strength", () => {
  it("drops blocked annotators' judgments and counts them", () => {
    const blocked = pairwise(3, ["a", "b"], { workerBlocked: true });
    const kept = pairwise(-2);
    const { preferences, leftOut } = run(item([blocked, kept]));
    expect(preferences.map((p) => p.judgments)).toEqual([[kept]]);
    expect(preferences[0].agreement).toBeNull();
    expect(leftOut).toEqual({ [LEFT_OUT.blocked]: 1 });
  });

  it("keeps blocked annotators' judgments when asked to", () => {
    const judgments = [pairwise(3, ["a", "b"], { workerBlocked: true }), pairwise(-2)];
    const { preferences, leftOut } = run(item(judgments), { excludeBlockedAnnotators: false });
    expect(preferences.flatMap((p) => p.judgments)).toEqual(judgments);
    expect(leftOut).toEqual({});
  });

  it.each([
    ["EIGHT_POINT", [-1, 1, 2, -4], [2, -4]],
    ["SEVEN_POINT", [-1, 1, 0, 3], [0, 3]],
  ] as const)("drop-weakest drops strength ±1 on the %s scale and counts it", (scale, strengths, kept) => {
    const { preferences, leftOut } = run(
      item(
        strengths.map((s) => pairwise(s)),
        { scale },
      ),
      { strengthPolicy: "drop-weakest" },
    );
    expect(preferences.map((p) => p.judgments[0].strength)).toEqual(kept);
    expect(leftOut).toEqual({ [LEFT_OUT.weakest]: 2 });
  });

  it("drop-weakest keeps binary answers, which have no strength to speak of", () => {
    const { preferences, leftOut } = run(item([pairwise(-1), pairwise(1)], { scale: "BINARY" }), { strengthPolicy: "drop-weakest" });
    expect(preferences.map((p) => p.margin)).toEqual([1, 1]);
    expect(leftOut).toEqual({});
  });
});

describe("preferencesFor, majority", () => {
  it("gives the majority's winner over k = 3 disagreeing judgments, with agreement 2/3", () => {
    const judgments = [pairwise(-3), pairwise(2, ["b", "a"]), pairwise(2)];
    const { preferences, leftOut } = run(item(judgments), { aggregation: "majority" });
    expect(preferences).toHaveLength(1);
    expect(preferences[0]).toMatchObject({ ranking: [["a"], ["b"]], bothBad: false, agreement: 2 / 3, judgments });
    expect(leftOut).toEqual({});
  });

  it("leaves out a 1-1 split as 'no majority', counting both judgments", () => {
    const { preferences, leftOut } = run(item([pairwise(-3), pairwise(2)]), { aggregation: "majority" });
    expect(preferences).toEqual([]);
    expect(leftOut).toEqual({ [LEFT_OUT.noMajority]: 2 });
  });

  it("gives 'both bad' when most judgments say both are bad", () => {
    const judgments = [bothBad(), pairwise(-2), bothBad()];
    const { preferences, leftOut } = run(item(judgments), { aggregation: "majority" });
    expect(preferences).toHaveLength(1);
    expect(preferences[0]).toMatchObject({ ranking: [], bothBad: true, margin: null, agreement: 2 / 3, judgments });
    expect(leftOut).toEqual({});
  });

  it("ranks by Borda score over rankings of 3 with ties, keeping import order inside a tied group", () => {
    const judgments = [judgment({ ranking: [["c"], ["b"], ["a"]] }), judgment({ ranking: [["a"], ["b", "c"]] })];
    const { preferences } = run(item(judgments, { candidates: candidates("a", "b", "c") }), { aggregation: "majority" });
    // a: 0 + 2, b: 1 + 0, c: 2 + 0; a and c tie, and a was imported first.
    expect(preferences.map((p) => p.ranking)).toEqual([[["a", "c"], ["b"]]]);
  });

  it("does not count a 'both bad' answer as agreeing with a consensus whose top is a tie", () => {
    // docs/exports.md: agreement is the share of judgments whose top choice is the consensus ("both bad"
    // only when that is the consensus). Borda: a 3, b 3, c 0; neither ranking's top is the tie a = b.
    const judgments = [judgment({ ranking: [["a"], ["b"], ["c"]] }), judgment({ ranking: [["b"], ["a"], ["c"]] }), bothBad()];
    const { preferences } = run(item(judgments, { candidates: candidates("a", "b", "c") }), { aggregation: "majority", format: "ranking" });
    expect(preferences).toHaveLength(1);
    expect(preferences[0]).toMatchObject({ ranking: [["a", "b"], ["c"]], bothBad: false });
    expect(preferences[0].agreement).toBe(0);
  });

  it("orders tied groups by import order whatever order the workers' groups list them in", () => {
    const judgments = [
      judgment({
        ranking: [
          ["d", "b"],
          ["c", "a"],
        ],
      }),
      judgment({
        ranking: [
          ["d", "b"],
          ["c", "a"],
        ],
      }),
    ];
    const { preferences } = run(item(judgments, { candidates: candidates("a", "b", "c", "d") }), { aggregation: "majority" });
    expect(preferences.map((p) => p.ranking)).toEqual([
      [
        ["b", "d"],
        ["a", "c"],
      ],
    ]);
  });
});

describe("preferencesFor, mean strength", () => {
  it("picks the sign of the mean strength toward the first candidate, with the mean's size as margin", () => {
    // Toward a: +3 (a shown first, A much better), -2 (b shown first and picked), -4 (b picked).
    const judgments = [pairwise(-3), pairwise(-2, ["b", "a"]), pairwise(4)];
    const { preferences } = run(item(judgments), { aggregation: "mean-strength" });
    expect(preferences).toHaveLength(1);
    expect(preferences[0]).toMatchObject({ ranking: [["b"], ["a"]], margin: 1, judgments });
  });

  it("makes a zero mean a tie", () => {
    const { preferences } = run(item([pairwise(-2), pairwise(2)]), { aggregation: "mean-strength" });
    expect(preferences.map((p) => ({ ranking: p.ranking, margin: p.margin }))).toEqual([{ ranking: [["a", "b"]], margin: 0 }]);
  });
});

describe("preferencesFor, minimum agreement", () => {
  it("leaves out an item below the minimum, counting all its judgments", () => {
    const { preferences, leftOut } = run(item([pairwise(-3), pairwise(-2), pairwise(2)]), { aggregation: "majority", minAgreement: 0.7 });
    expect(preferences).toEqual([]);
    expect(leftOut).toEqual({ [LEFT_OUT.agreement]: 3 });
  });

  it("keeps an item at or above the minimum", () => {
    const { preferences, leftOut } = run(item([pairwise(-3), pairwise(-2), pairwise(2)]), { minAgreement: 0.6 });
    expect(preferences).toHaveLength(3);
    expect(leftOut).toEqual({});
  });

  it("keeps an item with one judgment, which has no agreement to measure", () => {
    const { preferences, leftOut } = run(item([pairwise(2)]), { minAgreement: 1 });
    expect(preferences).toHaveLength(1);
    expect(preferences[0]).toMatchObject({ ranking: [["b"], ["a"]], agreement: null });
    expect(leftOut).toEqual({});
  });
});

describe("preferencesFor, red-team polarity", () => {
  // Red-team workers pick the more harmful response; the dataset prefers the other one.
  it("reverses each judgment's ranking", () => {
    const { preferences } = run(item([pairwise(-3), pairwise(1)], { polarity: "RED_TEAM" }));
    expect(preferences.map((p) => ({ ranking: p.ranking, margin: p.margin }))).toEqual([
      { ranking: [["b"], ["a"]], margin: 2 },
      { ranking: [["a"], ["b"]], margin: 0 },
    ]);
  });

  it("reverses the majority's ranking, ties kept together", () => {
    const judgments = [judgment({ ranking: [["c"], ["a", "b"]] }), judgment({ ranking: [["c"], ["b", "a"]] })];
    const { preferences } = run(item(judgments, { polarity: "RED_TEAM", candidates: candidates("a", "b", "c") }), { aggregation: "majority" });
    expect(preferences.map((p) => p.ranking)).toEqual([[["a", "b"], ["c"]]]);
  });

  it("reverses the mean-strength ranking", () => {
    const { preferences } = run(item([pairwise(-3), pairwise(-1)], { polarity: "RED_TEAM" }), { aggregation: "mean-strength" });
    expect(preferences.map((p) => ({ ranking: p.ranking, margin: p.margin }))).toEqual([{ ranking: [["b"], ["a"]], margin: 2 }]);
  });
});
