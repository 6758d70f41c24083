// Live conversations in the item formats: each answered turn is an ordinary item, so every format
// exports it unchanged, and the HH-RLHF export of a conversation is the transcripts HH released: the
// conversation so far as it went on (edits included) and then each of the two samples.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { EXPORT_FORMATS, FILE_TYPES, type ExportFormat } from "@/lib/exports/export-options";
import { createConversationFixture, HELPFUL_SCRIPT, RED_TEAM_SCRIPT, type ConversationFixture } from "@/lib/testing/conversation-fixture";
import { splitOf } from "@/lib/exports/run-export";
import { exportToBuffer } from "@/lib/testing/export-fixture";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";

type ItemFormat = Exclude<ExportFormat, "conversations">;
type Message = { role: "user" | "assistant"; content: string };
type StoredCandidate = { id: string; text: string; model: string | null };

/** One comparison a conversation gave: a turn's samples, or an edit against the sample it changed. */
type ExpectedPair = {
  itemId: string;
  context: Message[];
  /** The HH transcript up to and including "\n\nAssistant: ". */
  prefix: string;
  candidates: StoredCandidate[];
  /** As the dataset has them: the worker's pick (or edit) first, swapped on red-team projects. */
  chosen: StoredCandidate;
  rejected: StoredCandidate;
  judgment: { id: string; strength: number | null; ranking: string[][]; flags: Record<string, string[]>; rationale: string | null };
};

let server: FakeOpenAiServer;
let fixture: ConversationFixture;

beforeAll(async () => {
  server = await startFakeOpenAiServer();
  fixture = await createConversationFixture(server);
});

afterAll(async () => {
  await server.close();
});

async function storedItem(itemId: string) {
  return db().item.findUniqueOrThrow({
    where: { id: itemId },
    select: { id: true, context: true, candidates: { orderBy: { position: "asc" }, select: { id: true, text: true, model: true } }, judgments: true },
  });
}

/** The pairs a conversation's rows say it gave, in the order its items were made; built from the turn rows, not from export code. */
async function expectedPairs(conversationId: string, redTeam: boolean): Promise<ExpectedPair[]> {
  const turns = await db().conversationTurn.findMany({ where: { conversationId }, orderBy: { index: "asc" } });
  const pairs: ExpectedPair[] = [];
  let prefix = "";
  const history: Message[] = [];
  for (const turn of turns) {
    const context = turn.context as Message[];
    const message = context.at(-1)!;
    expect(context).toEqual([...history, message]);
    prefix += `\n\nHuman: ${message.content}\n\nAssistant: `;
    const pair = async (itemId: string, preferredId: string) => {
      const item = await storedItem(itemId);
      const preferred = item.candidates.find((candidate) => candidate.id === preferredId)!;
      const other = item.candidates.find((candidate) => candidate.id !== preferredId)!;
      const [chosen, rejected] = redTeam ? [other, preferred] : [preferred, other];
      const [judgment] = item.judgments;
      pairs.push({ itemId, context, prefix, candidates: item.candidates, chosen, rejected, judgment: judgment as ExpectedPair["judgment"] });
      return item;
    };
    await pair(turn.itemId!, turn.pickedCandidateId!);
    if (turn.editItemId) {
      const edit = await storedItem(turn.editItemId);
      expect(edit.candidates[0].text).toBe(turn.reply);
      await pair(turn.editItemId, edit.candidates[0].id);
    }
    prefix += turn.reply!;
    history.push(message, { role: "assistant", content: turn.reply! });
  }
  return pairs;
}

const jsonl = (bytes: Buffer) =>
  bytes
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const assistant = (content: string) => [{ role: "assistant", content }];

/** What each item format gives for one pair, built by hand from the pair's stored rows. */
function expectedRecords(format: ItemFormat, pair: ExpectedPair): Record<string, unknown>[] {
  const prompt = pair.prefix.slice(0, -1);
  const { chosen, rejected, context, candidates } = pair;
  switch (format) {
    case "hh-rlhf":
      return [{ chosen: pair.prefix + chosen.text, rejected: pair.prefix + rejected.text }];
    case "trl":
    case "ranking-pairs":
      return [{ prompt, chosen: ` ${chosen.text}`, rejected: ` ${rejected.text}` }];
    case "trl-conversational":
      return [{ prompt: context, chosen: assistant(chosen.text), rejected: assistant(rejected.text) }];
    case "trl-implicit":
      return [{ chosen: [...context, ...assistant(chosen.text)], rejected: [...context, ...assistant(rejected.text)] }];
    case "openai-dpo":
      return [{ input: { messages: context }, preferred_output: assistant(chosen.text), non_preferred_output: assistant(rejected.text) }];
    case "kto":
      return [
        { prompt, completion: ` ${chosen.text}`, label: true },
        { prompt, completion: ` ${rejected.text}`, label: false },
      ];
    case "ranking":
      return [
        {
          messages: context,
          completions: candidates.map((candidate) => candidate.text),
          models: candidates.map((candidate) => candidate.model),
          ranks: candidates.map((candidate) => (candidate.id === chosen.id ? 1 : 2)),
          agreement: null,
        },
      ];
    case "judgments": {
      const index = (id: string) => candidates.findIndex((candidate) => candidate.id === id);
      const { judgment } = pair;
      return [
        {
          judgment_id: judgment.id,
          item_id: pair.itemId,
          external_id: null,
          models: candidates.map((candidate) => candidate.model),
          display_order: [0, 1],
          ranking: judgment.ranking.map((group) => group.map(index)),
          strength: judgment.strength,
          both_bad: false,
          flags: Object.fromEntries(Object.entries(judgment.flags).map(([id, flags]) => [String(index(id)), flags])),
          rationale: judgment.rationale,
        },
      ];
    }
  }
}

describe("live turns in the HH-RLHF export", () => {
  it("gives, byte for byte, the transcripts of each turn as the conversation went on, and the edit as one more pair", async () => {
    const pairs = await expectedPairs(fixture.helpful.conversationId, false);
    expect(pairs).toHaveLength(HELPFUL_SCRIPT.turns.length + 1);
    const expected = pairs.map(
      (pair) => `{"chosen": ${JSON.stringify(pair.prefix + pair.chosen.text)}, "rejected": ${JSON.stringify(pair.prefix + pair.rejected.text)}}\n`,
    );
    const { bytes, manifest } = await exportToBuffer({ format: "hh-rlhf", projects: [fixture.helpful.project.slug] });
    expect(bytes.toString("utf8")).toBe(expected.join(""));
    expect(manifest.counts).toMatchObject({ items: pairs.length, judgmentsRead: pairs.length, judgmentsIncluded: pairs.length, rows: pairs.length });

    // The second turn was answered "A is slightly better" and then edited: its pick is A, the edit beats it.
    const [, second, edit] = pairs;
    expect(edit.chosen.text).toBe(HELPFUL_SCRIPT.turns[1].editedReply);
    expect(edit.rejected.id).not.toBe(second.chosen.id);
    expect(edit.rejected.text).toBe(second.chosen.text);
    expect(edit.candidates.map((candidate) => candidate.model)).toEqual([null, second.chosen.model]);
    expect(pairs[3].prefix).toContain(`\n\nAssistant: ${HELPFUL_SCRIPT.turns[1].editedReply}\n\nHuman: ${HELPFUL_SCRIPT.turns[2].message}`);
  });

  it("flips every pair of a red-team conversation: chosen is the sample the worker did not pick", async () => {
    const pairs = await expectedPairs(fixture.redTeam.conversationId, true);
    expect(pairs).toHaveLength(RED_TEAM_SCRIPT.turns.length);
    const turns = await db().conversationTurn.findMany({ where: { conversationId: fixture.redTeam.conversationId }, orderBy: { index: "asc" } });
    expect(pairs.map((pair) => pair.rejected.id)).toEqual(turns.map((turn) => turn.pickedCandidateId));
    const expected = pairs.map(
      (pair) => `{"chosen": ${JSON.stringify(pair.prefix + pair.chosen.text)}, "rejected": ${JSON.stringify(pair.prefix + pair.rejected.text)}}\n`,
    );
    const { bytes } = await exportToBuffer({ format: "hh-rlhf", projects: [fixture.redTeam.project.slug] });
    expect(bytes.toString("utf8")).toBe(expected.join(""));
  });
});

describe("live turns in every item format", () => {
  const itemFormats = EXPORT_FORMATS.filter((format): format is ItemFormat => format !== "conversations");

  it.each(itemFormats)("%s exports the turns and the edit as it exports any item", async (format) => {
    for (const [side, redTeam] of [
      ["helpful", false],
      ["redTeam", true],
    ] as const) {
      const pairs = await expectedPairs(fixture[side].conversationId, redTeam);
      const { bytes, manifest } = await exportToBuffer({ format, projects: [fixture[side].project.slug] });
      const records = jsonl(bytes);
      const expected = pairs.flatMap((pair) => expectedRecords(format, pair));
      if (format === "judgments") {
        expect(records).toMatchObject(expected);
        expect(new Set(records.map((record) => record.annotator))).toEqual(new Set(["annotator-0001"]));
      } else expect(records).toEqual(expected);
      expect(manifest.counts.rows).toBe(records.length);
      expect(manifest.counts.judgmentsLeftOut).toEqual({});
    }
  });

  it.each(FILE_TYPES)("writes them as %s", async (fileType) => {
    const pairs = await expectedPairs(fixture.helpful.conversationId, false);
    const { bytes, manifest } = await exportToBuffer({ format: "trl", fileType, projects: [fixture.helpful.project.slug] });
    expect(bytes.length).toBeGreaterThan(0);
    expect(manifest.counts.rows).toBe(pairs.length);
  });
});

describe("live turns in a train/test split", () => {
  it("keeps every turn of a conversation, and its edit, in the conversation's split", async () => {
    const { bytes } = await exportToBuffer({ format: "judgments", projects: fixture.projects, testFraction: 0.5 });
    const records = jsonl(bytes);
    const conversationOf = new Map<string, string>();
    for (const turn of await db().conversationTurn.findMany({
      where: { conversationId: { in: [fixture.helpful.conversationId, fixture.redTeam.conversationId] } },
    })) {
      conversationOf.set(turn.itemId!, turn.conversationId);
      if (turn.editItemId) conversationOf.set(turn.editItemId, turn.conversationId);
    }
    expect(records).toHaveLength(HELPFUL_SCRIPT.turns.length + 1 + RED_TEAM_SCRIPT.turns.length);
    for (const record of records) expect(record.split).toBe(splitOf(conversationOf.get(record.item_id as string)!, 0.5));
  });
});
