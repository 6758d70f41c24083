import { describe, expect, it } from "vitest";
import { workerStatus, type StandingFacts } from "@/lib/quality/worker-status";

const fresh: StandingFacts = { practiceAnswers: 0, practiceCorrect: 0, qualifiedAt: null, failedAt: null, pausedAt: null, pauseReason: null };
const qualification = { passMark: 0.8, practiceTotal: 5 };

describe("workerStatus", () => {
  it("says nothing without a qualification or a pause", () => {
    expect(workerStatus(null, { passMark: null, practiceTotal: 0 })).toBeNull();
    expect(workerStatus(fresh, { passMark: null, practiceTotal: 3 })).toBeNull();
  });

  it("counts practice answers, from none when the worker has no standing yet", () => {
    expect(workerStatus(null, qualification)).toEqual({ kind: "PRACTISING", label: "Practising 0 of 5", answered: 0, total: 5 });
    expect(workerStatus({ ...fresh, practiceAnswers: 2, practiceCorrect: 1 }, qualification)).toMatchObject({ label: "Practising 2 of 5" });
  });

  it("names a failure with the answers right, and a qualification", () => {
    const failed = { ...fresh, practiceAnswers: 5, practiceCorrect: 3, failedAt: "2026-12-01T10:00:00.000Z" };
    expect(workerStatus(failed, qualification)).toEqual({ kind: "FAILED", label: "Failed practice 3 of 5", correct: 3, answered: 5, total: 5 });
    expect(workerStatus({ ...fresh, practiceAnswers: 5, practiceCorrect: 5, qualifiedAt: "2026-12-01T10:00:00.000Z" }, qualification)).toEqual({
      kind: "QUALIFIED",
      label: "Qualified",
    });
  });

  it("puts a pause first, with its reason", () => {
    const paused = { ...fresh, qualifiedAt: "2026-12-01T10:00:00.000Z", pausedAt: "2026-12-01T11:00:00.000Z", pauseReason: "gold accuracy 40% (4 of 10)" };
    expect(workerStatus(paused, qualification)).toEqual({
      kind: "PAUSED",
      label: "Paused: gold accuracy 40% (4 of 10)",
      since: "2026-12-01T11:00:00.000Z",
      reason: "gold accuracy 40% (4 of 10)",
    });
  });
});
