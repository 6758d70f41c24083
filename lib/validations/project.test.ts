import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validations/parse";
import { createProjectSchema, projectInputFromForm, qualitySettingProblems, updateProjectSchema } from "@/lib/validations/project";

function refusalOf(input: Record<string, unknown>): { field?: string; message: string }[] {
  try {
    parseInput(updateProjectSchema, input);
  } catch (error) {
    if (error instanceof AppError) return error.details;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("quality check settings", () => {
  it("take shares as fractions and null for the checks that can be off", () => {
    expect(
      parseInput(createProjectSchema, {
        slug: "q-1",
        name: "Q",
        goldRate: "0.1",
        goldMinAnswers: 5,
        goldThreshold: 0.8,
        qualificationPassMark: null,
        overlapMax: null,
        overlapDisagreement: 0.25,
      }),
    ).toMatchObject({ goldRate: 0.1, goldMinAnswers: 5, goldThreshold: 0.8, qualificationPassMark: null, overlapMax: null, overlapDisagreement: 0.25 });
  });

  it.each([
    [{ goldRate: 0.6 }, "goldRate", "the gold rate is 0 to 0.5: at most every other claim is a check"],
    [{ goldRate: -0.1 }, "goldRate", "the gold rate is 0 to 0.5 (0 is no gold items)"],
    [{ goldThreshold: 1.5 }, "goldThreshold", "the gold threshold is 0 to 1"],
    [{ goldMinAnswers: 0 }, "goldMinAnswers", "at least 1 gold answer before a pause"],
    [{ goldMinAnswers: 2.5 }, "goldMinAnswers", "the minimum gold answers is a whole number"],
    [{ qualificationPassMark: 80 }, "qualificationPassMark", "the pass mark is 0 to 1, or empty for no qualification"],
    [{ overlapMax: 101 }, "overlapMax", "overlap max is at most 100"],
    [{ overlapMax: 1 }, "overlapMax", "overlap max is greater than k, so at least 2"],
    [{ overlapDisagreement: 2 }, "overlapDisagreement", "the disagreement share is 0 to 1"],
  ])("refuse %j naming the field", (input, field, message) => {
    expect(refusalOf(input)).toEqual([{ field, message }]);
  });

  it("want overlap max above k, except in live conversations, which have no k", () => {
    expect(qualitySettingProblems({ judgmentKind: "PAIRWISE", judgmentsPerItem: 3, overlapMax: 3 })).toEqual([
      { field: "overlapMax", message: "overlap max must be greater than k (3), or empty for no dynamic overlap" },
    ]);
    expect(qualitySettingProblems({ judgmentKind: "PAIRWISE", judgmentsPerItem: 3, overlapMax: 4 })).toEqual([]);
    expect(qualitySettingProblems({ judgmentKind: "PAIRWISE", judgmentsPerItem: 3, overlapMax: null })).toEqual([]);
    expect(qualitySettingProblems({ judgmentKind: "DIALOGUE", judgmentsPerItem: 1, overlapMax: 1 })).toEqual([]);
  });

  it("come from the form with empty as off", () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({
      goldRate: "0.2",
      goldMinAnswers: "8",
      goldThreshold: "0.75",
      qualificationPassMark: "",
      overlapMax: " ",
      overlapDisagreement: "0.3",
    })) {
      form.set(name, value);
    }
    expect(parseInput(updateProjectSchema, projectInputFromForm(form))).toEqual({
      goldRate: 0.2,
      goldMinAnswers: 8,
      goldThreshold: 0.75,
      qualificationPassMark: null,
      overlapMax: null,
      overlapDisagreement: 0.3,
    });
    form.set("qualificationPassMark", "0.8");
    form.set("overlapMax", "5");
    expect(parseInput(updateProjectSchema, projectInputFromForm(form))).toMatchObject({ qualificationPassMark: 0.8, overlapMax: 5 });
  });
});
