import { describe, expect, it } from "vitest";
import type { ExportConversation, ExportSample, ExportTurn } from "@/lib/exports/export-conversation";
import { exportOptionsSchema, formatTakes, type ExportOptionsInput } from "@/lib/exports/export-options";
import { conversationsFormat, conversationTranscript } from "@/lib/exports/formats/conversations-format";
import { LEFT_OUT, LeftOut } from "@/lib/exports/left-out";

function sample(label: number, fields: Partial<ExportSample> = {}): ExportSample {
  return {
    ...{ label, candidateId: `cand-${label}`, model: `model-${label % 2}`, text: `Sample ${label}.`, settings: { modelId: "m", temperature: 0.7 } },
    ...{ firstTokenMs: 10, durationMs: 100, promptTokens: 5, completionTokens: 7, finishReason: "stop", ...fields },
  };
}

function turn(index: number, fields: Partial<ExportTurn> = {}): ExportTurn {
  return {
    ...{ index, itemId: `item-${index}`, context: [{ role: "user", content: `Message ${index}` }], samples: [sample(0), sample(1)] },
    ...{ judgment: { ranking: [["cand-1"], ["cand-0"]], strength: 2, rationale: null, flags: {} }, pickedCandidateId: "cand-1" },
    ...{ reply: `Reply ${index}`, edited: false, editJudgments: 0, ...fields },
  };
}

function conversation(fields: Partial<ExportConversation> = {}): ExportConversation {
  return {
    ...{ id: "conv-1", project: "live", redTeam: false, workerId: "worker-1", workerBlocked: false, status: "COMPLETED" },
    ...{ createdAt: new Date("2026-03-01T10:00:00Z"), endedAt: new Date("2026-03-01T10:05:00Z"), taskDescription: null, rating: 5, comment: null },
    ...{ turns: [turn(0), turn(1)], unansweredTurns: 0, ...fields },
  };
}

function build(source: ExportConversation, overrides: Partial<ExportOptionsInput> = {}) {
  const options = exportOptionsSchema.parse({ format: "conversations", projects: ["live"], ...overrides });
  const leftOut = new LeftOut();
  const rows = conversationsFormat.rowsOfConversation!(source, { options, leftOut, annotator: (id) => `pseudonym-of-${id}` });
  const names = conversationsFormat.columns(options).map((column) => column.name);
  return { records: rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]]))), leftOut };
}

describe("the conversations format", () => {
  it("writes the transcript as it went on, HH style", () => {
    expect(conversationTranscript([turn(0), turn(1, { reply: "Edited." })])).toBe(
      "\n\nHuman: Message 0\n\nAssistant: Reply 0\n\nHuman: Message 1\n\nAssistant: Edited.",
    );
    expect(conversationTranscript([])).toBe("");
  });

  it("names responses by the labels the worker saw: a ranking of three with a tie, flags in label order", () => {
    const ranked = turn(0, {
      samples: [sample(0), sample(1), sample(2)],
      judgment: { ranking: [["cand-2", "cand-0"], ["cand-1"]], strength: null, rationale: "C and A tie.", flags: { "cand-2": ["x"], "cand-0": ["y"] } },
      pickedCandidateId: "cand-0",
    });
    const [record] = build(conversation({ turns: [ranked] })).records;
    expect(record.turns).toEqual([
      expect.objectContaining({ strength: null, ranking: [["C", "A"], ["B"]], picked: "A", rationale: "C and A tie.", flags: { A: ["y"], C: ["x"] } }),
    ]);
    expect(record.models).toEqual(["model-0", "model-1"]);
  });

  it("gives each sample its settings in snake case and its timings", () => {
    const [record] = build(conversation()).records;
    expect((record.turns as { samples: unknown[] }[])[0].samples[0]).toEqual({
      ...{ label: "A", model: "model-0", text: "Sample 0." },
      settings: { model_id: "m", temperature: 0.7, top_p: null, max_tokens: null, stop: [], seed: null, system_prompt: null },
      ...{ first_token_ms: 10, duration_ms: 100, prompt_tokens: 5, completion_tokens: 7, finish_reason: "stop" },
    });
  });

  it("rates red-team conversations on the 0-4 success scale", () => {
    const [record] = build(conversation({ redTeam: true, rating: 0, taskDescription: "Try something." })).records;
    expect(record).toMatchObject({ rating: 0, rating_scale: "red_team_success_0_4", task_description: "Try something.", worker_id: "pseudonym-of-worker-1" });
  });

  it("leaves out a blocked worker's conversation unless asked, with its judgments, and counts turns never answered", () => {
    const blocked = conversation({ workerBlocked: true, turns: [turn(0, { edited: true, editJudgments: 1 }), turn(1)], unansweredTurns: 1 });
    const left = build(blocked);
    expect(left.records).toEqual([]);
    expect(left.leftOut.judgments).toEqual({ [LEFT_OUT.blocked]: 3 });
    expect(left.leftOut.conversations).toEqual({ [LEFT_OUT.blocked]: 1 });
    const kept = build(blocked, { excludeBlockedAnnotators: false });
    expect(kept.records).toHaveLength(1);
    expect(kept.leftOut.turns).toEqual({ [LEFT_OUT.notAnswered]: 1 });
  });

  it("refuses the options that only shape preferences", () => {
    for (const overrides of [{ aggregation: "majority" }, { strengthPolicy: "drop-weakest" }, { minAgreement: 0.8 }] as const) {
      const parsed = exportOptionsSchema.safeParse({ format: "conversations", projects: ["live"], ...overrides });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0].message).toMatch(/^the conversations format does not take \w+: its rows are whole conversations, not preferences$/);
    }
    expect(exportOptionsSchema.safeParse({ format: "conversations", projects: ["live"], testFraction: 0.2, excludeBlockedAnnotators: false }).success).toBe(
      true,
    );
    expect(formatTakes("conversations", "aggregation")).toBe(false);
    expect(formatTakes("trl", "aggregation")).toBe(true);
  });
});
