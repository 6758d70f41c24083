import { describe, expect, it } from "vitest";
import { interpretAnswer, type AnswerRules } from "@/lib/data/interpret-answer";
import { AppError } from "@/lib/errors";
import type { SubmitJudgmentAnswer } from "@/lib/validations/judgment";

const PAIR = ["id-a", "id-b"];
const THREE = ["id-a", "id-b", "id-c"];
const FOUR = ["id-a", "id-b", "id-c", "id-d"];
const FLAGS = [
  { id: "harmful", label: "Harmful" },
  { id: "off-topic", label: "Off topic" },
];

function rules(overrides: Partial<AnswerRules> = {}): AnswerRules {
  return {
    judgmentKind: "PAIRWISE",
    pairwiseScale: "EIGHT_POINT",
    allowTies: false,
    allowBothBad: false,
    flagOptions: [],
    rationaleMode: "OFF",
    rationaleMinLength: 0,
    ...overrides,
  };
}

function answer(fields: Omit<SubmitJudgmentAnswer, "idempotencyKey">): SubmitJudgmentAnswer {
  return { idempotencyKey: "unit-test-key", ...fields };
}

const ranking = (overrides: Partial<AnswerRules> = {}) => rules({ judgmentKind: "RANKING", ...overrides });

// Returns the refusal so its code and details can be inspected; fails if the answer was accepted.
function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the answer to be refused, but it was accepted");
}

function expectRefused(run: () => unknown, field: string) {
  expect(run).toThrow(AppError);
  const error = refusal(run);
  expect(error.code).toBe("INVALID_INPUT");
  expect(error.details.map((detail) => detail.field)).toContain(field);
  return error;
}

describe("interpretAnswer: pairwise scales", () => {
  it("8-point: a lean to A ranks A first, a lean to B ranks B first, and keeps the strength", () => {
    expect(interpretAnswer(answer({ strength: -4 }), PAIR, rules())).toEqual({
      ranking: [["id-a"], ["id-b"]],
      strength: -4,
      bothBad: false,
      flags: {},
      rationale: null,
    });
    expect(interpretAnswer(answer({ strength: 3 }), PAIR, rules())).toEqual({
      ranking: [["id-b"], ["id-a"]],
      strength: 3,
      bothBad: false,
      flags: {},
      rationale: null,
    });
  });

  it("ranks by the display order, not by the ids", () => {
    expect(interpretAnswer(answer({ strength: -2 }), ["id-b", "id-a"], rules()).ranking).toEqual([["id-b"], ["id-a"]]);
  });

  it.each(["EIGHT_POINT", "BINARY"] as const)("%s refuses strength 0, which it has no button for", (pairwiseScale) => {
    expectRefused(() => interpretAnswer(answer({ strength: 0 }), PAIR, rules({ pairwiseScale })), "strength");
  });

  it("7-point stores 0 as a tie of both responses", () => {
    expect(interpretAnswer(answer({ strength: 0 }), PAIR, rules({ pairwiseScale: "SEVEN_POINT" }))).toMatchObject({
      ranking: [["id-a", "id-b"]],
      strength: 0,
      bothBad: false,
    });
  });

  it("7-point takes -3 to 3 and refuses 4", () => {
    for (const strength of [-3, -2, -1, 1, 2, 3]) {
      const stored = interpretAnswer(answer({ strength }), PAIR, rules({ pairwiseScale: "SEVEN_POINT" }));
      expect(stored).toMatchObject({ strength, ranking: strength < 0 ? [["id-a"], ["id-b"]] : [["id-b"], ["id-a"]] });
    }
    expectRefused(() => interpretAnswer(answer({ strength: 4 }), PAIR, rules({ pairwiseScale: "SEVEN_POINT" })), "strength");
  });

  it("binary takes only -1 and 1", () => {
    expect(interpretAnswer(answer({ strength: -1 }), PAIR, rules({ pairwiseScale: "BINARY" })).ranking).toEqual([["id-a"], ["id-b"]]);
    expect(interpretAnswer(answer({ strength: 1 }), PAIR, rules({ pairwiseScale: "BINARY" })).ranking).toEqual([["id-b"], ["id-a"]]);
    expectRefused(() => interpretAnswer(answer({ strength: 2 }), PAIR, rules({ pairwiseScale: "BINARY" })), "strength");
    expectRefused(() => interpretAnswer(answer({ strength: -2 }), PAIR, rules({ pairwiseScale: "BINARY" })), "strength");
  });
});

describe("interpretAnswer: kind of answer", () => {
  it("refuses a strength on a ranking project", () => {
    expectRefused(() => interpretAnswer(answer({ strength: -2 }), PAIR, ranking()), "strength");
    expectRefused(() => interpretAnswer(answer({ strength: -2 }), THREE, ranking()), "strength");
  });

  it("refuses a ranking on a pairwise project", () => {
    expectRefused(() => interpretAnswer(answer({ ranking: ["A", "B"] }), PAIR, rules()), "ranking");
  });
});

describe("interpretAnswer: rankings", () => {
  it("maps labels to ids best first, keeping a tie as one group when ties are allowed", () => {
    expect(interpretAnswer(answer({ ranking: ["C", ["A", "B"]] }), THREE, ranking({ allowTies: true }))).toEqual({
      ranking: [["id-c"], ["id-a", "id-b"]],
      strength: null,
      bothBad: false,
      flags: {},
      rationale: null,
    });
  });

  it("refuses a tie when the project does not allow ties", () => {
    const error = expectRefused(() => interpretAnswer(answer({ ranking: ["C", ["A", "B"]] }), THREE, ranking()), "ranking");
    expect(error.details[0].message).toMatch(/ties/);
  });

  it("takes single labels written as groups of one when ties are not allowed", () => {
    expect(interpretAnswer(answer({ ranking: [["B"], "C", ["A"]] }), THREE, ranking()).ranking).toEqual([["id-b"], ["id-c"], ["id-a"]]);
  });

  it.each([
    { case: "a missing label", given: ["C", "A"] },
    { case: "a repeated label in place of another", given: ["C", "A", "A"] },
    { case: "a repeated label on top of all of them", given: ["C", "A", "B", "A"] },
    { case: "a repeated label inside a tie", given: ["C", ["A", "A"], "B"] },
    { case: "a label the task does not have", given: ["C", "A", "D"] },
  ])("refuses $case", ({ given }) => {
    expectRefused(() => interpretAnswer(answer({ ranking: given }), THREE, ranking({ allowTies: true })), "ranking");
  });
});

describe("interpretAnswer: both bad", () => {
  it("is refused unless the project allows it", () => {
    expectRefused(() => interpretAnswer(answer({ bothBad: true }), PAIR, rules()), "bothBad");
  });

  it("is stored with no ranking and no strength when allowed", () => {
    expect(interpretAnswer(answer({ bothBad: true }), PAIR, rules({ allowBothBad: true }))).toEqual({
      ranking: [],
      strength: null,
      bothBad: true,
      flags: {},
      rationale: null,
    });
    expect(interpretAnswer(answer({ bothBad: true }), FOUR, ranking({ allowBothBad: true }))).toMatchObject({ ranking: [], strength: null, bothBad: true });
  });
});

describe("interpretAnswer: flags", () => {
  it("keys flags by the candidate id shown under the label, without duplicates or empty lists", () => {
    const stored = interpretAnswer(
      answer({ strength: 1, flags: { A: ["harmful", "harmful", "off-topic"], B: [] } }),
      ["id-b", "id-a"],
      rules({ flagOptions: FLAGS }),
    );
    expect(stored.flags).toEqual({ "id-b": ["harmful", "off-topic"] });
  });

  it("maps every flagged label of a ranking", () => {
    const stored = interpretAnswer(
      answer({ ranking: ["A", "B", "C", "D"], flags: { B: ["off-topic"], D: ["harmful"], C: [] } }),
      FOUR,
      ranking({ flagOptions: FLAGS }),
    );
    expect(stored.flags).toEqual({ "id-b": ["off-topic"], "id-d": ["harmful"] });
  });

  it("refuses a flag the project does not have, naming the label's field", () => {
    const error = expectRefused(
      () => interpretAnswer(answer({ strength: 1, flags: { B: ["harmful", "rude"] } }), PAIR, rules({ flagOptions: FLAGS })),
      "flags.B",
    );
    expect(error.details[0].message).toContain("rude");
  });

  it("refuses any flag on a project without flag options", () => {
    expectRefused(() => interpretAnswer(answer({ strength: 1, flags: { A: ["harmful"] } }), PAIR, rules()), "flags.A");
  });

  it.each(["Z", "C"])("refuses flags on label %s, which a pair does not have", (label) => {
    expectRefused(() => interpretAnswer(answer({ strength: 1, flags: { [label]: ["harmful"] } }), PAIR, rules({ flagOptions: FLAGS })), `flags.${label}`);
  });
});

describe("interpretAnswer: rationale", () => {
  it("OFF refuses a rationale and stores none", () => {
    expectRefused(() => interpretAnswer(answer({ strength: 1, rationale: "B is shorter" }), PAIR, rules({ rationaleMode: "OFF" })), "rationale");
    expect(interpretAnswer(answer({ strength: 1 }), PAIR, rules({ rationaleMode: "OFF" })).rationale).toBeNull();
  });

  it("REQUIRED refuses a rationale shorter than the minimum, counting no surrounding spaces", () => {
    const required = rules({ rationaleMode: "REQUIRED", rationaleMinLength: 20 });
    expectRefused(() => interpretAnswer(answer({ strength: 1 }), PAIR, required), "rationale");
    expectRefused(() => interpretAnswer(answer({ strength: 1, rationale: "short" }), PAIR, required), "rationale");
    expectRefused(() => interpretAnswer(answer({ strength: 1, rationale: " ".repeat(25) }), PAIR, required), "rationale");
    expectRefused(() => interpretAnswer(answer({ strength: 1, rationale: `  ${"x".repeat(19)}  ` }), PAIR, required), "rationale");
  });

  it("REQUIRED accepts a rationale of exactly the minimum length", () => {
    const twenty = "B answers the point.";
    expect(twenty).toHaveLength(20);
    expect(interpretAnswer(answer({ strength: 1, rationale: twenty }), PAIR, rules({ rationaleMode: "REQUIRED", rationaleMinLength: 20 })).rationale).toBe(
      twenty,
    );
  });

  it("REQUIRED with no minimum still wants some text", () => {
    expectRefused(
      () => interpretAnswer(answer({ strength: 1, rationale: "  " }), PAIR, rules({ rationaleMode: "REQUIRED", rationaleMinLength: 0 })),
      "rationale",
    );
  });

  it("OPTIONAL stores nothing for an empty rationale and trims the rest", () => {
    const optional = rules({ rationaleMode: "OPTIONAL", rationaleMinLength: 20 });
    expect(interpretAnswer(answer({ strength: 1, rationale: "" }), PAIR, optional).rationale).toBeNull();
    expect(interpretAnswer(answer({ strength: 1, rationale: "   " }), PAIR, optional).rationale).toBeNull();
    expect(interpretAnswer(answer({ strength: 1 }), PAIR, optional).rationale).toBeNull();
    expect(interpretAnswer(answer({ strength: 1, rationale: "  B is kinder.  " }), PAIR, optional).rationale).toBe("B is kinder.");
  });
});
