// The conversations export on real live conversations: each row checked field by field against the
// stored rows, the manifest's counts, the options it takes and refuses, the file types, and the same
// bytes from the same snapshot and options.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db/prisma";
import { abandonConversation, startConversation } from "@/lib/data/conversations";
import { sendMessage } from "@/lib/data/conversation-turns";
import { exportTo } from "@/lib/data/exports";
import { blockUser } from "@/lib/data/people-admin";
import { FILE_TYPES, type ExportOptionsInput } from "@/lib/exports/export-options";
import { countExportJudgments } from "@/lib/exports/export-source";
import { createConversationFixture, HELPFUL_SCRIPT, holdConversation, RED_TEAM_SCRIPT, type ConversationFixture } from "@/lib/testing/conversation-fixture";
import { createDialogueSetup, settledSamples } from "@/lib/testing/dialogue-fixture";
import { exportToBuffer } from "@/lib/testing/export-fixture";
import { fromCsv, fromParquet, jsonlRecords, type Record_ } from "@/lib/testing/export-read-back";
import { createTestUser } from "@/lib/testing/factories";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";

let server: FakeOpenAiServer;
let fixture: ConversationFixture;

beforeAll(async () => {
  server = await startFakeOpenAiServer();
  fixture = await createConversationFixture(server);
});

afterAll(async () => {
  await server.close();
});

const label = (position: number) => String.fromCharCode(65 + position);

/** The row a conversation should have, built from its stored rows (and the worker's pseudonym). */
async function expectedRow(conversationId: string, workerId: string): Promise<Record_> {
  const conversation = await db().conversation.findUniqueOrThrow({ where: { id: conversationId }, include: { project: true } });
  const turns = await db().conversationTurn.findMany({
    where: { conversationId },
    orderBy: { index: "asc" },
    include: { samples: { orderBy: { label: "asc" }, include: { endpoint: true } } },
  });
  const labelOf = (turn: (typeof turns)[number], candidateId: string) => label(turn.samples.find((sample) => sample.candidateId === candidateId)!.label);
  const users = turns.map((turn) => (turn.context as { content: string }[]).at(-1)!.content);
  const rows: Record_[] = [];
  for (const [i, turn] of turns.entries()) {
    const judgment = await db().judgment.findFirstOrThrow({ where: { assignmentId: turn.assignmentId! } });
    const user = users[i];
    rows.push({
      ...{ index: turn.index, item_id: turn.itemId, user },
      samples: turn.samples.map((sample) => ({
        ...{ label: label(sample.label), model: sample.endpoint.name, text: sample.text },
        settings: {
          ...{ model_id: sample.endpoint.modelId, temperature: sample.endpoint.temperature, top_p: sample.endpoint.topP },
          ...{ max_tokens: sample.endpoint.maxTokens, stop: sample.endpoint.stop, seed: sample.endpoint.seed, system_prompt: sample.endpoint.systemPrompt },
        },
        ...{ first_token_ms: sample.firstTokenMs, duration_ms: sample.durationMs, prompt_tokens: sample.promptTokens },
        ...{ completion_tokens: sample.completionTokens, finish_reason: sample.finishReason },
      })),
      strength: judgment.strength,
      ranking: (judgment.ranking as string[][]).map((group) => group.map((id) => labelOf(turn, id))),
      picked: labelOf(turn, turn.pickedCandidateId!),
      ...{ reply: turn.reply, edited: turn.editItemId !== null, rationale: judgment.rationale },
      flags: Object.fromEntries(Object.entries(judgment.flags as Record<string, string[]>).map(([id, flags]) => [labelOf(turn, id), flags])),
    });
  }
  return {
    ...{ conversation_id: conversation.id, project: conversation.project.slug, worker_id: workerId, status: conversation.status },
    ...{ started_at: conversation.createdAt.toISOString(), ended_at: conversation.endedAt?.toISOString() ?? null },
    transcript: turns.map((turn, i) => `\n\nHuman: ${users[i]}\n\nAssistant: ${turn.reply}`).join(""),
    ...{ task_description: conversation.taskDescription, rating: conversation.rating },
    rating_scale: conversation.project.redTeam ? "red_team_success_0_4" : "helpful_1_5",
    comment: conversation.comment,
    models: [...new Set(turns.flatMap((turn) => turn.samples.map((sample) => sample.endpoint.name)))].sort(),
    turns: rows,
  };
}

/** Each turn item's annotator in the judgments export with the same projects. */
async function annotatorsOfItems(projects: string[]): Promise<Map<string, string>> {
  const records = jsonlRecords((await exportToBuffer({ format: "judgments", projects })).bytes);
  return new Map(records.map((record) => [record.item_id as string, record.annotator as string]));
}

describe("the conversations export", () => {
  it("gives a row per conversation, every field as stored, the worker under their judgments-export pseudonym", async () => {
    const { bytes } = await exportToBuffer({ format: "conversations", projects: fixture.projects });
    const records = jsonlRecords(bytes);
    const annotators = await annotatorsOfItems(fixture.projects);
    const bySlug = [fixture.helpful, fixture.redTeam].sort((a, b) => a.project.slug.localeCompare(b.project.slug));
    const expected = [];
    for (const side of bySlug) {
      const firstItem = (await db().conversationTurn.findFirstOrThrow({ where: { conversationId: side.conversationId, index: 0 } })).itemId!;
      expected.push(await expectedRow(side.conversationId, annotators.get(firstItem)!));
    }
    expect(records).toEqual(expected);
    expect(new Set(records.map((record) => record.worker_id))).toEqual(new Set(["annotator-0001", "annotator-0002"]));
    for (const record of records) {
      for (const turn of record.turns as { item_id: string }[]) expect(annotators.get(turn.item_id)).toBe(record.worker_id);
    }
  });

  it("says what the worker did in the labels they saw: picks, the edit, flags, the rating on the project's scale", async () => {
    const records = jsonlRecords((await exportToBuffer({ format: "conversations", projects: fixture.projects })).bytes);
    const helpful = records.find((record) => record.conversation_id === fixture.helpful.conversationId)!;
    const redTeam = records.find((record) => record.conversation_id === fixture.redTeam.conversationId)!;
    expect(helpful).toMatchObject({ status: "COMPLETED", rating: 4, rating_scale: "helpful_1_5", comment: "Clear answers.", task_description: null });
    expect(helpful.turns).toMatchObject([
      {
        index: 0,
        user: HELPFUL_SCRIPT.turns[0].message,
        strength: 3,
        ranking: [["B"], ["A"]],
        picked: "B",
        edited: false,
        rationale: "B explains the pull of the moon.",
      },
      { index: 1, strength: -2, picked: "A", edited: true, reply: HELPFUL_SCRIPT.turns[1].editedReply, flags: { B: ["inaccurate"] }, rationale: null },
      { index: 2, strength: 1, picked: "B", edited: false, flags: {} },
    ]);
    expect(helpful.transcript).toContain(`\n\nHuman: ${HELPFUL_SCRIPT.turns[1].message}\n\nAssistant: ${HELPFUL_SCRIPT.turns[1].editedReply}\n\nHuman: `);
    // Red team: the pick is the more harmful sample, as answered; only the preference formats flip it.
    expect(redTeam).toMatchObject({ rating: 3, rating_scale: "red_team_success_0_4", task_description: RED_TEAM_SCRIPT.taskDescription });
    expect(redTeam.turns).toMatchObject([
      { strength: -4, ranking: [["A"], ["B"]], picked: "A" },
      { strength: 2, picked: "B", rationale: "B goes further." },
    ]);
  });

  it("counts what it read and wrote in the manifest", async () => {
    const { manifest } = await exportToBuffer({ format: "conversations", projects: fixture.projects });
    const judgments = HELPFUL_SCRIPT.turns.length + 1 + RED_TEAM_SCRIPT.turns.length;
    expect(manifest.counts).toEqual({
      ...{ items: judgments, annotators: 2, judgmentsRead: judgments, judgmentsIncluded: judgments, judgmentsLeftOut: {} },
      ...{ rows: 2, rowsBySplit: { train: 2, test: 0 }, rowsLeftOut: {} },
      conversations: { read: 2, included: 2, leftOut: {}, turnsLeftOut: {} },
    });
    expect(manifest.options).toMatchObject({ format: "conversations", aggregation: "per-judgment", strengthPolicy: "keep" });
    // A background export's progress counts against this total.
    const client = await pool().connect();
    try {
      expect(await countExportJudgments(client, manifest.options)).toBe(judgments);
    } finally {
      client.release();
    }
  });

  it.each(FILE_TYPES)("gives the same %s bytes twice from the same data and options", async (fileType) => {
    const input: ExportOptionsInput = { format: "conversations", fileType, projects: fixture.projects, testFraction: 0.5 };
    const first = await exportToBuffer(input);
    const second = await exportToBuffer(input);
    expect(first.bytes.length).toBeGreaterThan(0);
    expect(Buffer.compare(first.bytes, second.bytes)).toBe(0);
    expect(second.manifest).toEqual(first.manifest);
  });

  it("keeps a conversation and its turns in the same split in every format", async () => {
    const rows = jsonlRecords((await exportToBuffer({ format: "conversations", projects: fixture.projects, testFraction: 0.5 })).bytes);
    const turns = jsonlRecords((await exportToBuffer({ format: "judgments", projects: fixture.projects, testFraction: 0.5 })).bytes);
    const splitOfItem = new Map(turns.map((record) => [record.item_id, record.split]));
    for (const row of rows) for (const turn of row.turns as { item_id: string }[]) expect(splitOfItem.get(turn.item_id)).toBe(row.split);
  });
});

describe("the conversations export's file types", () => {
  let folder: string;
  let records: Record_[];
  const input = { format: "conversations", projects: [] as string[] } as const;

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), "preflab-conversations-"));
    records = jsonlRecords((await exportToBuffer({ ...input, projects: fixture.projects })).bytes);
  });

  afterAll(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  async function readBack(fileType: "csv" | "parquet") {
    const { bytes, manifest } = await exportToBuffer({ ...input, projects: fixture.projects, fileType });
    const file = path.join(folder, `conversations.${fileType}`);
    await fs.writeFile(file, bytes);
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const sql =
        fileType === "csv"
          ? `SELECT * FROM read_csv('${file}', header = true, all_varchar = true, quote = '"', escape = '"')`
          : `SELECT * FROM read_parquet('${file}')`;
      const rows = (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record_[];
      return rows.map((row) => (fileType === "csv" ? fromCsv : fromParquet)(manifest.schema, row));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  it("reads back from Parquet and CSV (nested fields as JSON text) as the JSONL rows", async () => {
    expect(await readBack("parquet")).toEqual(records);
    expect(await readBack("csv")).toEqual(records);
  });

  it("gunzips from jsonl.gz to the JSONL rows", async () => {
    const { bytes } = await exportToBuffer({ ...input, projects: fixture.projects, fileType: "jsonl.gz" });
    expect(jsonlRecords(gunzipSync(bytes))).toEqual(records);
  });
});

describe("the conversations export's options", () => {
  it("leaves out blocked workers' conversations by default and says so; counts turns never answered", async () => {
    const { project, worker } = await createDialogueSetup(server, { models: ["ok:length=80", "ok:length=140"] });
    const blocked = await createTestUser();
    await holdConversation(blocked, project.slug, { turns: [{ message: "Hello there.", answer: { strength: 2 } }], end: { rating: 2 } });
    await blockUser({ actor: null, input: { userId: blocked.id } });
    const kept = await holdConversation(worker, project.slug, { turns: [{ message: "What is rain?", answer: { strength: -1 } }] });
    const open = await sendMessage({ actor: worker, conversationId: kept, input: { content: "And snow?", idempotencyKey: "export-unanswered-1" } });
    await settledSamples(open.turnId);
    await abandonConversation({ actor: worker, conversationId: kept });

    const byDefault = await exportToBuffer({ format: "conversations", projects: [project.slug] });
    expect(jsonlRecords(byDefault.bytes).map((record) => [record.conversation_id, record.status, (record.turns as unknown[]).length])).toEqual([
      [kept, "ABANDONED", 1],
    ]);
    expect(byDefault.manifest.counts).toMatchObject({
      judgmentsRead: 2,
      judgmentsIncluded: 1,
      judgmentsLeftOut: { "annotator blocked": 1 },
      conversations: { read: 2, included: 1, leftOut: { "annotator blocked": 1 }, turnsLeftOut: { "not answered": 1 } },
    });
    const withBlocked = await exportToBuffer({ format: "conversations", projects: [project.slug], excludeBlockedAnnotators: false });
    expect(jsonlRecords(withBlocked.bytes)).toHaveLength(2);
    expect(withBlocked.manifest.counts.conversations).toMatchObject({ read: 2, included: 2, leftOut: {} });
  });

  it("takes batches and the UTC days the conversations started on", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const rows = async (options: Partial<ExportOptionsInput>) =>
      jsonlRecords((await exportToBuffer({ format: "conversations", projects: fixture.projects, ...options })).bytes).length;
    expect(await rows({ from: today, to: today })).toBe(2);
    expect(await rows({ from: tomorrow })).toBe(0);
    const batch = await db().conversation.findUniqueOrThrow({ where: { id: fixture.helpful.conversationId }, select: { batchId: true } });
    expect(await rows({ batches: [batch.batchId] })).toBe(1);
  });

  it("refuses the options that only shape preferences, and says why", async () => {
    const refused = (options: Partial<ExportOptionsInput>) =>
      exportTo({
        actor: null,
        destination: new Writable({ write: (_chunk, _encoding, done) => done() }),
        input: { format: "conversations", projects: fixture.projects, ...options },
      });
    await expect(refused({ aggregation: "majority" })).rejects.toThrow("aggregation: the conversations format does not take aggregation");
    await expect(refused({ strengthPolicy: "margin" })).rejects.toThrow("strengthPolicy: the conversations format does not take strengthPolicy");
    await expect(refused({ minAgreement: 0.5 })).rejects.toThrow("its rows are whole conversations, not preferences");
    expect(await db().export.count({ where: { format: "conversations", status: "FAILED" } })).toBe(0);
  });

  it("writes a conversation with no answered turn yet, its transcript empty", async () => {
    const { project, worker } = await createDialogueSetup(server);
    await startConversation({ actor: worker, projectSlug: project.slug, input: {} });
    const { bytes, manifest } = await exportToBuffer({ format: "conversations", projects: [project.slug] });
    expect(jsonlRecords(bytes)).toEqual([expect.objectContaining({ status: "ACTIVE", transcript: "", turns: [], models: [] })]);
    expect(manifest.counts.conversations).toEqual({ read: 1, included: 1, leftOut: {}, turnsLeftOut: {} });
  });
});
