// A fixed dataset for export tests. Ids, texts and timestamps are chosen, not generated, so an export
// of it gives the same bytes on every run and can be compared with golden files. Answers are written
// in the labels the worker saw and stored through interpretAnswer, as a real submit stores them.
import { Writable } from "node:stream";
import { interpretAnswer, type AnswerRules } from "@/lib/data/interpret-answer";
import { db, pool } from "@/lib/db/prisma";
import { exportOptionsSchema, type ExportOptionsInput } from "@/lib/exports/export-options";
import type { ExportManifest } from "@/lib/exports/manifest";
import { runExport } from "@/lib/exports/run-export";
import type { ChatMessage } from "@/lib/formats/item";
import type { SubmitJudgmentAnswer } from "@/lib/validations/judgment";

type WorkerKey = "ann" | "bea" | "cal" | "dan";

type AnswerSpec = Omit<SubmitJudgmentAnswer, "idempotencyKey"> & {
  worker: WorkerKey;
  /** Candidate positions (import order) in the order the worker saw them: A, B, ... */
  shown: number[];
};

type ItemSpec = { externalId: string | null; context: ChatMessage[]; candidates: [text: string, model: string | null][]; answers: AnswerSpec[] };

type ProjectSpec = {
  key: "helpful" | "red-team" | "ranking";
  polarity: "HELPFUL" | "RED_TEAM";
  question: string;
  judgmentsPerItem: number;
  rules: AnswerRules;
  items: ItemSpec[];
};

const user = (content: string): ChatMessage => ({ role: "user", content });
const flag = (id: string) => ({ id, label: id });

/** Who is who: dan was blocked after answering, so his judgments are in the database but not in exports. */
export const FIXTURE_WORKERS: { key: WorkerKey; blocked: boolean }[] = [
  { key: "ann", blocked: false },
  { key: "bea", blocked: false },
  { key: "cal", blocked: false },
  { key: "dan", blocked: true },
];

export const FIXTURE_PROJECTS: ProjectSpec[] = [
  {
    key: "helpful",
    polarity: "HELPFUL",
    question: "Choose the most helpful and honest response.",
    judgmentsPerItem: 3,
    rules: {
      judgmentKind: "PAIRWISE",
      pairwiseScale: "EIGHT_POINT",
      allowTies: false,
      allowBothBad: true,
      flagOptions: ["harmful", "inaccurate", "off-topic"].map(flag),
      rationaleMode: "OPTIONAL",
      rationaleMinLength: 0,
    },
    items: [
      {
        // k = 3 with a dissenter; bea's answer is the weakest on the scale.
        externalId: "h-001",
        context: [{ role: "system", content: "You are a concise assistant." }, user("What is the capital of Australia?")],
        candidates: [
          ["Canberra.", "model-a"],
          ["Sydney is the capital.", "model-b"],
        ],
        answers: [
          { worker: "ann", shown: [0, 1], strength: -3, flags: { B: ["inaccurate"] }, rationale: "Sydney is not the capital." },
          { worker: "bea", shown: [1, 0], strength: 1 },
          { worker: "cal", shown: [1, 0], strength: -2 },
        ],
      },
      {
        // Unanimous, except for the blocked annotator.
        externalId: "h-002",
        context: [user("Give me a word that rhymes with cat."), { role: "assistant", content: "Hat." }, user("Another one, please.")],
        candidates: [
          ["Bat.", "model-a"],
          ["Dog — wait, that doesn't rhyme.", "model-b"],
        ],
        answers: [
          { worker: "ann", shown: [0, 1], strength: -4 },
          { worker: "bea", shown: [1, 0], strength: 2 },
          { worker: "cal", shown: [0, 1], strength: -2 },
          { worker: "dan", shown: [0, 1], strength: 4 },
        ],
      },
      {
        // Most say both are bad.
        externalId: "h-003",
        context: [user("Write a haiku about rain.")],
        candidates: [
          ["Rain rain rain rain rain.", "model-a"],
          ["I can't help with that.", "model-b"],
        ],
        answers: [
          { worker: "ann", shown: [0, 1], bothBad: true, rationale: "Neither is a haiku." },
          { worker: "bea", shown: [1, 0], bothBad: true, flags: { A: ["off-topic"] } },
          { worker: "cal", shown: [0, 1], strength: -1 },
        ],
      },
      {
        // An empty response, preferred, by the only judgment the item has so far.
        externalId: null,
        context: [user("Reply with an empty message.")],
        candidates: [
          ["", "model-a"],
          ["Okay!", "model-b"],
        ],
        answers: [{ worker: "ann", shown: [1, 0], strength: 3 }],
      },
      {
        // A 1-1 split; texts with commas, quotes, newlines and non-ASCII for CSV and JSON escaping.
        externalId: "h-005",
        context: [user('Explain "CSV", briefly.')],
        candidates: [
          ['Comma-separated values:\none record per line, fields split by ",".', "model-a"],
          ["A spreadsheet, basically — café-style ✓", null],
        ],
        answers: [
          { worker: "ann", shown: [0, 1], strength: -2, flags: { B: ["inaccurate", "off-topic"] } },
          { worker: "bea", shown: [0, 1], strength: 3, rationale: "Shorter, and\nfriendlier." },
        ],
      },
    ],
  },
  {
    key: "red-team",
    polarity: "RED_TEAM",
    question: "Which response is more harmful?",
    judgmentsPerItem: 2,
    rules: {
      judgmentKind: "PAIRWISE",
      pairwiseScale: "SEVEN_POINT",
      allowTies: false,
      allowBothBad: true,
      flagOptions: [flag("harmful")],
      rationaleMode: "OPTIONAL",
      rationaleMinLength: 0,
    },
    items: [
      {
        // Both pick the default-passwords answer as more harmful: the dataset prefers the other one.
        externalId: "r-001",
        context: [user("How do I get onto my neighbour's wifi?")],
        candidates: [
          ["Ask your neighbour for the password.", "model-a"],
          ["Try the router's default passwords, like admin/admin.", "model-b"],
        ],
        answers: [
          { worker: "ann", shown: [0, 1], strength: 3, flags: { B: ["harmful"] } },
          { worker: "bea", shown: [1, 0], strength: -2 },
        ],
      },
      {
        // "About the same" on the 7-point scale, and a weak pick.
        externalId: "r-002",
        context: [user("Tell me a joke about lawyers.")],
        candidates: [
          ["Lawyers are all crooks, so here is how to cheat one.", "model-a"],
          ["What do lawyers wear to court? Lawsuits.", "model-b"],
        ],
        answers: [
          { worker: "ann", shown: [0, 1], strength: 0 },
          { worker: "bea", shown: [1, 0], strength: 1, rationale: "Mean-spirited." },
        ],
      },
      {
        // One "both bad" against one pick: no majority for "both bad".
        externalId: "r-003",
        context: [user("How can I make my essay sound smarter?")],
        candidates: [
          ["Copy paragraphs from published papers.", "model-a"],
          ["Vary your sentence length and cut filler.", "model-b"],
        ],
        answers: [
          { worker: "ann", shown: [1, 0], bothBad: true },
          { worker: "bea", shown: [0, 1], strength: -1 },
        ],
      },
    ],
  },
  {
    key: "ranking",
    polarity: "HELPFUL",
    question: "Rank the responses, best first.",
    judgmentsPerItem: 3,
    rules: {
      judgmentKind: "RANKING",
      pairwiseScale: "EIGHT_POINT",
      allowTies: true,
      allowBothBad: true,
      flagOptions: [],
      rationaleMode: "OFF",
      rationaleMinLength: 0,
    },
    items: [
      {
        // Borda: Midnight 8, Shadow 5, Pepper 4, Cat 0.
        externalId: "k-001",
        context: [user("Suggest a name for a black cat.")],
        candidates: [
          ["Shadow", "model-a"],
          ["Cat", "model-b"],
          ["Midnight", "model-c"],
          ["Pepper", "model-d"],
        ],
        answers: [
          { worker: "ann", shown: [2, 0, 3, 1], ranking: ["A", ["B", "C"], "D"] },
          { worker: "bea", shown: [0, 1, 2, 3], ranking: ["C", "D", "A", "B"] },
          { worker: "cal", shown: [3, 2, 1, 0], ranking: ["D", "B", "A", "C"] },
          { worker: "dan", shown: [1, 0, 2, 3], ranking: ["A", "B", "C", "D"] },
        ],
      },
      {
        // Borda ties: Sage green = Warm white 5, Navy = Bright orange 1.
        externalId: "k-002",
        context: [user("Pick a colour for a kitchen wall.")],
        candidates: [
          ["Sage green", "model-a"],
          ["Warm white", "model-b"],
          ["Navy", "model-c"],
          ["Bright orange", "model-d"],
        ],
        answers: [
          { worker: "ann", shown: [0, 1, 2, 3], ranking: ["A", "B", "C", "D"] },
          { worker: "bea", shown: [3, 2, 1, 0], ranking: ["C", "D", "A", "B"] },
          { worker: "cal", shown: [1, 3, 0, 2], bothBad: true },
        ],
      },
    ],
  },
];

const KIND = { user: 1, project: 2, batch: 3, item: 4, candidate: 5, assignment: 6, judgment: 7 } as const;

/** 0000000N-0000-4000-8000-K00000000NNN: readable in golden files, distinct per namespace. */
export function fixtureId(namespace: number, kind: keyof typeof KIND, n: number): string {
  return `${String(namespace).padStart(8, "0")}-0000-4000-8000-${KIND[kind]}${String(n).padStart(11, "0")}`;
}

const START = Date.UTC(2026, 2, 2, 9, 0, 0);
const minutes = (n: number) => new Date(START + n * 60_000);

export type ExportFixture = { projects: string[]; judgments: number; blockedJudgments: number };

/**
 * Inserts the dataset under its own ids and slugs (`<prefix>-helpful`, ...), so several test files
 * can each have one in the run's database.
 */
export async function createExportFixture({ namespace, prefix }: { namespace: number; prefix: string }): Promise<ExportFixture> {
  const id = (kind: keyof typeof KIND, n: number) => fixtureId(namespace, kind, n);
  const workerIds = new Map(FIXTURE_WORKERS.map((worker, i) => [worker.key, id("user", i + 1)]));
  for (const [i, worker] of FIXTURE_WORKERS.entries()) {
    await db().user.create({
      data: {
        id: workerIds.get(worker.key)!,
        email: `${prefix}-${worker.key}@test.example`,
        role: "WORKER",
        createdAt: minutes(-600 + i),
        blockedAt: worker.blocked ? minutes(24 * 60) : null,
      },
    });
  }
  let itemNumber = 0;
  let judgmentNumber = 0;
  let blockedJudgments = 0;
  for (const [p, project] of FIXTURE_PROJECTS.entries()) {
    const projectId = id("project", p + 1);
    const { rules } = project;
    await db().project.create({
      data: {
        ...{ id: projectId, slug: `${prefix}-${project.key}`, name: `${prefix} ${project.key}`, question: project.question, polarity: project.polarity },
        ...{ judgmentKind: rules.judgmentKind, pairwiseScale: rules.pairwiseScale, allowTies: rules.allowTies, allowBothBad: rules.allowBothBad },
        ...{ flagOptions: rules.flagOptions, rationaleMode: rules.rationaleMode, judgmentsPerItem: project.judgmentsPerItem, createdAt: minutes(-300 + p) },
      },
    });
    const batchId = id("batch", p + 1);
    await db().batch.create({
      data: { id: batchId, projectId, name: `${project.key} batch`, sourceFormat: "preflab", itemCount: project.items.length, createdAt: minutes(-200 + p) },
    });
    for (const [position, item] of project.items.entries()) {
      const itemId = id("item", ++itemNumber);
      const candidateIds = item.candidates.map((_, c) => id("candidate", itemNumber * 10 + c));
      await db().item.create({
        data: {
          ...{
            id: itemId,
            projectId,
            batchId,
            position: position + 1,
            externalId: item.externalId,
            context: item.context,
            createdAt: minutes(-100 + itemNumber),
          },
          ...{ judgmentCount: item.answers.length, isComplete: item.answers.length >= project.judgmentsPerItem },
          candidates: { create: item.candidates.map(([text, model], c) => ({ id: candidateIds[c], position: c, text, model })) },
        },
      });
      for (const { worker, shown, ...answer } of item.answers) {
        const n = ++judgmentNumber;
        const displayOrder = shown.map((c) => candidateIds[c]);
        const stored = interpretAnswer({ ...answer, idempotencyKey: `fixture-${n}` }, displayOrder, rules);
        // Submitted n minutes (and n * 7 ms, so milliseconds show) after the start; leased a minute before.
        const createdAt = new Date(minutes(n).getTime() + n * 7);
        const timeSpentMs = 20_000 + n * 1_000 + n;
        const assignmentId = id("assignment", n);
        await db().assignment.create({
          data: {
            ...{ id: assignmentId, projectId, itemId, workerId: workerIds.get(worker)!, displayOrder, status: "SUBMITTED" },
            ...{ leaseExpiresAt: minutes(n + 15), createdAt: new Date(createdAt.getTime() - 60_000), submittedAt: createdAt },
          },
        });
        await db().judgment.create({
          data: {
            ...{ id: id("judgment", n), assignmentId, projectId, itemId, workerId: workerIds.get(worker)!, ranking: stored.ranking, strength: stored.strength },
            ...{ bothBad: stored.bothBad, flags: stored.flags, rationale: stored.rationale, timeSpentMs, idempotencyKey: `fixture-${n}`, createdAt },
          },
        });
        if (FIXTURE_WORKERS.find((w) => w.key === worker)!.blocked) blockedJudgments++;
      }
    }
  }
  return { projects: FIXTURE_PROJECTS.map((project) => `${prefix}-${project.key}`), judgments: judgmentNumber, blockedJudgments };
}

/**
 * A project with many judged items and long texts, inserted in a few statements: exports of it are
 * several megabytes, so a consumer can stop reading one halfway.
 */
export async function createLargeExportProject({ slug, items, textChars }: { slug: string; items: number; textChars: number }) {
  const project = await db().project.create({ data: { slug, name: slug }, select: { id: true } });
  const batch = await db().batch.create({
    data: { projectId: project.id, name: `${slug} batch`, sourceFormat: "preflab", itemCount: items },
    select: { id: true },
  });
  const worker = await db().user.create({ data: { email: `${slug}-worker@test.example` }, select: { id: true } });
  await pool().query(
    `WITH items AS (
       INSERT INTO items (project_id, batch_id, position, context, judgment_count, is_complete)
       SELECT $1::uuid, $2::uuid, n, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Question ' || n || '?')), 1, true
       FROM generate_series(1, $4::int) AS n
       RETURNING id),
     candidates AS (
       INSERT INTO candidates (item_id, position, text, model)
       SELECT items.id, c, repeat(chr(97 + c), $5::int), 'model-' || c FROM items, generate_series(0, 1) AS c
       RETURNING id, item_id, position),
     assignments AS (
       INSERT INTO assignments (project_id, item_id, worker_id, display_order, status, lease_expires_at)
       SELECT $1::uuid, item_id, $3::uuid, array_agg(id ORDER BY position), 'SUBMITTED', now() FROM candidates GROUP BY item_id
       RETURNING id, item_id, display_order)
     INSERT INTO judgments (assignment_id, project_id, item_id, worker_id, ranking, strength, time_spent_ms, idempotency_key)
     SELECT id, $1::uuid, item_id, $3::uuid, jsonb_build_array(jsonb_build_array(display_order[1]), jsonb_build_array(display_order[2])), -2, 1000, 'large-' || id
     FROM assignments`,
    [project.id, batch.id, worker.id, items, textChars],
  );
  return { slug };
}

/** Runs an export into memory: its bytes, and the manifest it returned. */
export async function exportToBuffer(input: ExportOptionsInput): Promise<{ bytes: Buffer; manifest: ExportManifest }> {
  const chunks: Buffer[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const manifest = await runExport({ pool: pool(), options: exportOptionsSchema.parse(input), destination });
  return { bytes: Buffer.concat(chunks), manifest };
}
