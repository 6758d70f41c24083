import { describe, expect, it } from "vitest";
import type { ExportCandidate, ExportItem, ExportJudgment } from "@/lib/exports/export-item";
import { EXPORT_FORMATS, exportOptionsSchema, type ExportFormat, type ExportOptionsInput } from "@/lib/exports/export-options";
import type { FormatContext } from "@/lib/exports/formats/format";
import { EXPORT_FORMAT_DEFINITIONS } from "@/lib/exports/formats/registry";
import { LEFT_OUT, LeftOut } from "@/lib/exports/left-out";
import type { Preference } from "@/lib/exports/preferences";
import type { ChatMessage } from "@/lib/formats/item";

const CONTEXT: ChatMessage[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Hi" },
  { role: "assistant", content: "Hello." },
  { role: "user", content: "Help?" },
];
const PROMPT = "Be brief.\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: Help?\n\nAssistant:";

const CANDIDATES: ExportCandidate[] = [
  { id: "id-a", text: "Sure.", model: "model-a" },
  { id: "id-b", text: "No.", model: "model-b" },
  { id: "id-c", text: "Maybe.", model: null },
  { id: "id-d", text: "", model: "model-d" },
];

function judgment(n: number, fields: Partial<ExportJudgment> = {}): ExportJudgment {
  return {
    ...{ id: `judgment-${n}`, workerId: `worker-${n}`, workerBlocked: false, ranking: [["id-a"], ["id-b"]], strength: -2, bothBad: false },
    ...{
      flags: {},
      rationale: null,
      timeSpentMs: 1000 * n,
      assignedAt: new Date(Date.UTC(2026, 0, 1, 9, n)),
      createdAt: new Date(Date.UTC(2026, 0, 1, 10, n)),
    },
    ...{ displayOrder: ["id-a", "id-b"], ...fields },
  };
}

function item({ candidates = 2, judgments = [judgment(1)] }: { candidates?: number; judgments?: ExportJudgment[] } = {}): ExportItem {
  return {
    ...{
      itemId: "item-1",
      externalId: "ext-1",
      project: "proj",
      polarity: "HELPFUL",
      scale: "EIGHT_POINT",
      batchId: "batch-1",
      position: 1,
      conversationId: null,
      role: "TASK",
    },
    ...{ context: CONTEXT, candidates: CANDIDATES.slice(0, candidates), judgments },
  };
}

/** A preference over the first `candidates` candidates, weighing `weight` judgments. */
function preference(
  ranking: string[][],
  { candidates = 2, weight = 1, ...fields }: Partial<Preference> & { candidates?: number; weight?: number } = {},
): Preference {
  const judgments = Array.from({ length: weight }, (_, i) => judgment(i + 1));
  return { item: item({ candidates, judgments }), ranking, bothBad: false, margin: null, agreement: null, judgments, ...fields };
}

const optionsFor = (format: ExportFormat, overrides: Partial<ExportOptionsInput>) => exportOptionsSchema.parse({ format, projects: ["proj"], ...overrides });

function columnsOf(format: ExportFormat, overrides: Partial<ExportOptionsInput> = {}): string[] {
  return EXPORT_FORMAT_DEFINITIONS[format].columns(optionsFor(format, overrides)).map((column) => column.name);
}

function build(
  format: ExportFormat,
  source: Preference | ExportItem,
  overrides: Partial<ExportOptionsInput> = {},
  annotator = (workerId: string) => `pseudonym-of-${workerId}`,
) {
  const options = optionsFor(format, overrides);
  const definition = EXPORT_FORMAT_DEFINITIONS[format];
  const context: FormatContext = { options, leftOut: new LeftOut(), annotator };
  const rows =
    definition.reads === "judgments" ? definition.rowsOfItem!(source as ExportItem, context) : definition.rowsOfPreference!(source as Preference, context);
  const columns = columnsOf(format, overrides);
  // Rows as the writers see them: one value a column, by name.
  const records = rows.map((row) => Object.fromEntries(columns.map((name, i) => [name, row[i]])));
  return { columns, rows, records, leftOut: { judgments: context.leftOut.judgments, rows: context.leftOut.rows } };
}

const COLUMNS: Record<ExportFormat, string[]> = {
  "hh-rlhf": ["chosen", "rejected"],
  trl: ["prompt", "chosen", "rejected"],
  "trl-conversational": ["prompt", "chosen", "rejected"],
  "trl-implicit": ["chosen", "rejected"],
  "openai-dpo": ["input", "preferred_output", "non_preferred_output"],
  kto: ["prompt", "completion", "label"],
  ranking: ["messages", "completions", "models", "ranks", "agreement"],
  "ranking-pairs": ["prompt", "chosen", "rejected"],
  judgments: [
    ...["judgment_id", "item_id", "external_id", "project", "polarity", "annotator", "models", "display_order", "ranking", "scale"],
    ...["strength", "both_bad", "flags", "rationale", "time_spent_ms", "assigned_at", "submitted_at", "annotator_quality"],
  ],
  conversations: [
    ...["conversation_id", "project", "worker_id", "status", "started_at", "ended_at", "transcript", "task_description", "rating"],
    ...["rating_scale", "comment", "models", "turns"],
  ],
};
/** The formats made of items' judgments; the conversations format has its own tests. */
const ITEM_FORMATS = EXPORT_FORMATS.filter((format) => format !== "conversations");
const WITH_MARGIN = new Set<ExportFormat>(["trl", "trl-conversational", "trl-implicit"]);
const PAIRWISE: ExportFormat[] = ["hh-rlhf", "trl", "trl-conversational", "trl-implicit", "openai-dpo", "ranking-pairs"];

describe("every export format", () => {
  it("is in the column table below", () => {
    expect(Object.keys(EXPORT_FORMAT_DEFINITIONS).sort()).toEqual([...EXPORT_FORMATS].sort());
    expect(Object.keys(COLUMNS).sort()).toEqual([...EXPORT_FORMATS].sort());
  });

  it.each(ITEM_FORMATS)("%s has its columns in order, a margin column only where it takes one", (format) => {
    expect(columnsOf(format)).toEqual(COLUMNS[format]);
    expect(columnsOf(format, { strengthPolicy: "margin" })).toEqual(WITH_MARGIN.has(format) ? [...COLUMNS[format], "margin"] : COLUMNS[format]);
  });

  it("conversations has its columns in order", () => {
    expect(columnsOf("conversations")).toEqual(COLUMNS.conversations);
  });

  it.each(ITEM_FORMATS)("%s gives one value a column, whatever the strength policy", (format) => {
    const source = format === "judgments" ? item() : preference([["id-a"], ["id-b"]], { margin: 2 });
    for (const strengthPolicy of ["keep", "margin"] as const) {
      const { columns, rows } = build(format, source, { strengthPolicy });
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row, `a ${format} row with strength policy ${strengthPolicy}`).toHaveLength(columns.length);
    }
  });
});

describe("pairwise formats", () => {
  const chosenB = preference([["id-b"], ["id-a"]]);

  it("hh-rlhf gives the whole transcripts, the system prompt before the first turn", () => {
    expect(build("hh-rlhf", chosenB).records).toEqual([{ chosen: `${PROMPT} No.`, rejected: `${PROMPT} Sure.` }]);
  });

  it("trl's prompt + chosen is the hh-rlhf transcript, and so is prompt + rejected", () => {
    const [transcripts] = build("hh-rlhf", chosenB).records;
    const [record] = build("trl", chosenB).records;
    expect(record).toEqual({ prompt: PROMPT, chosen: " No.", rejected: " Sure." });
    expect(`${record.prompt}${record.chosen}`).toBe(transcripts.chosen);
    expect(`${record.prompt}${record.rejected}`).toBe(transcripts.rejected);
  });

  it("trl keeps an empty response as the turn's single space", () => {
    const [record] = build("trl", preference([["id-d"], ["id-a"]], { candidates: 4 })).records;
    expect(record).toEqual({ prompt: PROMPT, chosen: " ", rejected: " Sure." });
  });

  it("trl gives the margin only with the margin strength policy", () => {
    const withMargin = preference([["id-b"], ["id-a"]], { margin: 2 });
    expect(build("trl", withMargin).rows).toEqual([[PROMPT, " No.", " Sure."]]);
    expect(build("trl", withMargin, { strengthPolicy: "margin" }).records).toEqual([{ prompt: PROMPT, chosen: " No.", rejected: " Sure.", margin: 2 }]);
  });

  it("trl-conversational gives the context as the prompt and one assistant message each", () => {
    expect(build("trl-conversational", chosenB, { strengthPolicy: "margin" }).records).toEqual([
      { prompt: CONTEXT, chosen: [{ role: "assistant", content: "No." }], rejected: [{ role: "assistant", content: "Sure." }], margin: null },
    ]);
  });

  it("trl-implicit gives two whole conversations", () => {
    expect(build("trl-implicit", chosenB).records).toEqual([
      { chosen: [...CONTEXT, { role: "assistant", content: "No." }], rejected: [...CONTEXT, { role: "assistant", content: "Sure." }] },
    ]);
  });

  it("openai-dpo gives input.messages and one-message preferred and non-preferred outputs", () => {
    expect(build("openai-dpo", chosenB).records).toEqual([
      {
        input: { messages: CONTEXT },
        preferred_output: [{ role: "assistant", content: "No." }],
        non_preferred_output: [{ role: "assistant", content: "Sure." }],
      },
    ]);
  });

  it("gives a ranking of 4 as its best against its worst, counting the other pairs", () => {
    const { records, leftOut } = build("trl", preference([["id-c"], ["id-a"], ["id-d"], ["id-b"]], { candidates: 4 }));
    expect(records).toEqual([{ prompt: PROMPT, chosen: " Maybe.", rejected: " No." }]);
    expect(leftOut).toEqual({ judgments: {}, rows: { [LEFT_OUT.otherPairs]: 5 } });
  });

  it.each(PAIRWISE)("%s leaves out 'both bad', counted once a judgment", (format) => {
    const { rows, leftOut } = build(format, preference([], { bothBad: true, weight: 3 }));
    expect(rows).toEqual([]);
    expect(leftOut).toEqual({ judgments: { [LEFT_OUT.bothBad]: 3 }, rows: {} });
  });

  it.each(PAIRWISE)("%s leaves out a tie, counted once a judgment", (format) => {
    const { rows, leftOut } = build(format, preference([["id-a", "id-b"]], { weight: 2 }));
    expect(rows).toEqual([]);
    expect(leftOut).toEqual({ judgments: { [LEFT_OUT.tie]: 2 }, rows: format === "ranking-pairs" ? { [LEFT_OUT.tiedPair]: 1 } : {} });
  });

  it.each(PAIRWISE.filter((format) => format !== "ranking-pairs"))("%s leaves out a ranking whose best is a tie", (format) => {
    const { rows, leftOut } = build(format, preference([["id-a", "id-b"], ["id-c"], ["id-d"]], { candidates: 4, weight: 2 }));
    expect(rows).toEqual([]);
    expect(leftOut.judgments).toEqual({ [LEFT_OUT.tie]: 2 });
  });
});

describe("kto", () => {
  it("labels the preferred completion desirable and the other undesirable", () => {
    expect(build("kto", preference([["id-b"], ["id-a"]])).records).toEqual([
      { prompt: PROMPT, completion: " No.", label: true },
      { prompt: PROMPT, completion: " Sure.", label: false },
    ]);
  });

  it("labels every completion undesirable when both are bad, leaving nothing out", () => {
    const { records, leftOut } = build("kto", preference([], { bothBad: true, candidates: 3, weight: 2 }));
    expect(records.map((record) => [record.completion, record.label])).toEqual([
      [" Sure.", false],
      [" No.", false],
      [" Maybe.", false],
    ]);
    expect(leftOut).toEqual({ judgments: {}, rows: {} });
  });

  it("leaves out the middle of a ranking of 4, keeping tied ends", () => {
    const { records, leftOut } = build("kto", preference([["id-c", "id-a"], ["id-d"], ["id-b"]], { candidates: 4 }));
    expect(records.map((record) => [record.completion, record.label])).toEqual([
      [" Maybe.", true],
      [" Sure.", true],
      [" No.", false],
    ]);
    expect(leftOut).toEqual({ judgments: {}, rows: { [LEFT_OUT.rankingMiddle]: 1 } });
  });

  it("counts the two middle completions of a strict ranking of 4", () => {
    const { rows, leftOut } = build("kto", preference([["id-a"], ["id-b"], ["id-c"], ["id-d"]], { candidates: 4 }));
    expect(rows).toHaveLength(2);
    expect(leftOut.rows).toEqual({ [LEFT_OUT.rankingMiddle]: 2 });
  });

  it("leaves out a tie, counted once a judgment", () => {
    const { rows, leftOut } = build("kto", preference([["id-a", "id-b"]], { weight: 2 }));
    expect(rows).toEqual([]);
    expect(leftOut.judgments).toEqual({ [LEFT_OUT.tie]: 2 });
  });
});

describe("ranking formats", () => {
  const ranked = preference([["id-c"], ["id-a", "id-d"], ["id-b"]], { candidates: 4, agreement: 0.5 });

  it("ranking gives completions in import order with their ranks, ties sharing one", () => {
    expect(build("ranking", ranked).records).toEqual([
      { messages: CONTEXT, completions: ["Sure.", "No.", "Maybe.", ""], models: ["model-a", "model-b", null, "model-d"], ranks: [2, 3, 1, 2], agreement: 0.5 },
    ]);
  });

  it("ranking keeps a tie and leaves out 'both bad', counted once a judgment", () => {
    expect(build("ranking", preference([["id-a", "id-b"]])).records.map((record) => record.ranks)).toEqual([[1, 1]]);
    const bothBad = build("ranking", preference([], { bothBad: true, weight: 3 }));
    expect(bothBad.rows).toEqual([]);
    expect(bothBad.leftOut.judgments).toEqual({ [LEFT_OUT.bothBad]: 3 });
  });

  it("ranking-pairs gives every ordered pair, best first, and counts the tied pair", () => {
    const { records, leftOut } = build("ranking-pairs", ranked);
    expect(records.map((record) => [record.chosen, record.rejected])).toEqual([
      [" Maybe.", " Sure."],
      [" Maybe.", " "],
      [" Maybe.", " No."],
      [" Sure.", " No."],
      [" ", " No."],
    ]);
    expect(records.every((record) => record.prompt === PROMPT)).toBe(true);
    expect(leftOut).toEqual({ judgments: {}, rows: { [LEFT_OUT.tiedPair]: 1 } });
  });
});

describe("judgments format", () => {
  const shownBA = judgment(1, {
    displayOrder: ["id-b", "id-a"],
    ranking: [["id-a"], ["id-b"]],
    strength: 3,
    flags: { "id-b": ["harmful", "off-topic"] },
    rationale: "A is right.",
    workerId: "worker-x",
  });
  const blocked = judgment(2, { workerBlocked: true, workerId: "worker-y" });

  it("names annotators by pseudonym and candidates by index, flags keyed by index", () => {
    const { records } = build("judgments", item({ judgments: [shownBA] }), {}, (workerId) => (workerId === "worker-x" ? "annotator-0007" : "someone else"));
    expect(records).toEqual([
      {
        ...{ judgment_id: "judgment-1", item_id: "item-1", external_id: "ext-1", project: "proj", polarity: "HELPFUL", annotator: "annotator-0007" },
        ...{ models: ["model-a", "model-b"], display_order: [1, 0], ranking: [[0], [1]], scale: "EIGHT_POINT", strength: 3, both_bad: false },
        ...{ flags: { "1": ["harmful", "off-topic"] }, rationale: "A is right.", time_spent_ms: 1000 },
        ...{ assigned_at: new Date("2026-01-01T09:01:00Z"), submitted_at: new Date("2026-01-01T10:01:00Z"), annotator_quality: null },
      },
    ]);
  });

  it("leaves out blocked annotators' judgments and counts them, unless asked to keep them", () => {
    const excluded = build("judgments", item({ judgments: [shownBA, blocked] }));
    expect(excluded.records.map((record) => record.judgment_id)).toEqual(["judgment-1"]);
    expect(excluded.leftOut.judgments).toEqual({ [LEFT_OUT.blocked]: 1 });

    const kept = build("judgments", item({ judgments: [shownBA, blocked] }), { excludeBlockedAnnotators: false });
    expect(kept.records.map((record) => [record.judgment_id, record.annotator])).toEqual([
      ["judgment-1", "pseudonym-of-worker-x"],
      ["judgment-2", "pseudonym-of-worker-y"],
    ]);
    expect(kept.leftOut.judgments).toEqual({});
  });

  it("gives 'both bad' as an empty ranking with no strength", () => {
    const { records } = build("judgments", item({ judgments: [judgment(3, { bothBad: true, ranking: [], strength: null })] }));
    expect(records.map((record) => [record.both_bad, record.ranking, record.strength])).toEqual([[true, [], null]]);
  });
});
