import { describe, expect, it } from "vitest";
import { isCorrectAnswer, pauseReason, qualificationOutcome, referenceOf } from "@/lib/data/checks/check-answer";
import { disagreementOf } from "@/lib/data/checks/dynamic-overlap";

describe("referenceOf", () => {
  it("groups candidates best first and leaves out the unranked", () => {
    const reference = referenceOf([
      { id: "c", reference_rank: 2 },
      { id: "a", reference_rank: 1 },
      { id: "b", reference_rank: 2 },
      { id: "d", reference_rank: null },
    ]);
    expect(reference).toEqual([["a"], ["c", "b"]]);
  });
});

describe("isCorrectAnswer", () => {
  const reference = [["a"], ["b"]];
  it("is right when the single best is the reference's best", () => {
    expect(isCorrectAnswer({ ranking: [["a"], ["b"]], bothBad: false }, reference)).toBe(true);
    expect(isCorrectAnswer({ ranking: [["b"], ["a"]], bothBad: false }, reference)).toBe(false);
  });
  it("never counts a tie at the top or both bad", () => {
    expect(isCorrectAnswer({ ranking: [["a", "b"]], bothBad: false }, reference)).toBe(false);
    expect(isCorrectAnswer({ ranking: [], bothBad: true }, reference)).toBe(false);
  });
  it("scores nothing right against a reference with a tie at the top", () => {
    expect(isCorrectAnswer({ ranking: [["a"], ["b"]], bothBad: false }, [["a", "b"]])).toBe(false);
    expect(isCorrectAnswer({ ranking: [["a"], ["b"]], bothBad: false }, [])).toBe(false);
  });
});

describe("pauseReason", () => {
  it("waits for the minimum number of answers", () => {
    expect(pauseReason({ answers: 9, correct: 0, minAnswers: 10, threshold: 0.7 })).toBeNull();
  });
  it("pauses below the threshold and says why with the Wilson interval", () => {
    expect(pauseReason({ answers: 10, correct: 3, minAnswers: 10, threshold: 0.7 })).toBe(
      "Gold accuracy 3 of 10 (30%, 95% interval 10.8% to 60.3%) is below the project's 70% after 10 gold answers",
    );
  });
  it("does not pause at the threshold", () => {
    expect(pauseReason({ answers: 10, correct: 7, minAnswers: 10, threshold: 0.7 })).toBeNull();
  });
});

describe("qualificationOutcome", () => {
  it("decides only once the whole set is answered", () => {
    expect(qualificationOutcome({ answered: 4, correct: 4, total: 5, passMark: 0.8 })).toBe("PRACTISING");
  });
  it("qualifies at the pass mark, counted in whole answers", () => {
    expect(qualificationOutcome({ answered: 10, correct: 7, total: 10, passMark: 0.7 })).toBe("QUALIFIED");
    expect(qualificationOutcome({ answered: 10, correct: 6, total: 10, passMark: 0.7 })).toBe("FAILED");
    expect(qualificationOutcome({ answered: 3, correct: 2, total: 3, passMark: 2 / 3 })).toBe("QUALIFIED");
  });
});

describe("disagreementOf", () => {
  const best = (id: string) => ({ ranking: [[id]], bothBad: false });
  it("is the share away from the most common answer", () => {
    expect(disagreementOf([best("a"), best("a"), best("b")])).toBeCloseTo(1 / 3);
    expect(disagreementOf([best("a"), best("b")])).toBe(0.5);
    expect(disagreementOf([best("a"), best("a")])).toBe(0);
  });
  it("takes a tie at the top as one answer whatever its order, and both bad as another", () => {
    expect(
      disagreementOf([
        { ranking: [["a", "b"]], bothBad: false },
        { ranking: [["b", "a"]], bothBad: false },
      ]),
    ).toBe(0);
    expect(disagreementOf([{ ranking: [], bothBad: true }, best("a")])).toBe(0.5);
  });
});
