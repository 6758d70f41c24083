// A project with judgments written row by row, and the same judgments kept in memory, so the quality
// figures computed in SQL can be checked against the pure definitions computed from the memory copy.
import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/connection";
import { seededRandom } from "@/lib/quality/random";
import { createProjectRecord, createUserRecord } from "@/prisma/factories";

export type FixtureJudgment = {
  itemIndex: number;
  worker: string;
  /** Response ordinal (1-based, item order) preferred; 0 a tie; null both bad. */
  preferred: number | null;
  strength: number | null;
  shownFirst: number;
  timeSpentMs: number;
  rationale: string | null;
};

export type FixtureItem = { id: string; candidateIds: string[]; models: string[]; referenceBest: number | null; characters: number };

type Options = { items: number; workers: number; perItem: number; polarity?: "HELPFUL" | "RED_TEAM"; models?: string[]; seed?: number };

function pick<T>(values: T[], random: () => number): T {
  return values[Math.floor(random() * values.length)];
}

/** Made through the given client: the app's own in database tests, the test database's in end-to-end specs. */
export async function createQualityFixture(
  db: Database,
  { items: itemCount, workers: workerCount, perItem, polarity = "HELPFUL", models = ["m-a", "m-b", "m-c"], seed = 3 }: Options,
) {
  const random = seededRandom(seed);
  const slug = `quality-${randomUUID().slice(0, 8)}`;
  const project = await createProjectRecord(db, { slug, name: slug, polarity, judgmentsPerItem: perItem, rationaleMode: "OPTIONAL" });
  const workers = [];
  for (let i = 0; i < workerCount; i++) {
    workers.push(await createUserRecord(db, { email: `${slug}-worker-${i}@test.example`, role: "WORKER", password: "test-password" }));
  }
  const batch = await db.batch.create({ data: { projectId: project.id, name: "quality", sourceFormat: "preflab", status: "CLOSED", itemCount } });
  const items: FixtureItem[] = [];
  for (let index = 0; index < itemCount; index++) {
    const pair = [pick(models, random), pick(models, random)];
    const texts = [`First answer ${index} `.repeat(1 + (index % 5)), `Second answer ${index}`];
    const referenceBest = index % 3 === 0 ? null : 1 + (index % 2);
    const item = await db.item.create({
      data: {
        projectId: project.id,
        batchId: batch.id,
        position: index + 1,
        context: [{ role: "user", content: `Question ${index}?` }],
        candidates: {
          create: texts.map((text, i) => ({
            position: i,
            text,
            model: pair[i],
            referenceRank: referenceBest === null ? null : i + 1 === referenceBest ? 1 : 2,
          })),
        },
      },
      include: { candidates: { orderBy: { position: "asc" } } },
    });
    items.push({ id: item.id, candidateIds: item.candidates.map((c) => c.id), models: pair, referenceBest, characters: texts.join("").length });
  }
  const judgments: FixtureJudgment[] = [];
  for (const [itemIndex, item] of items.entries()) {
    // Workers lean the same way on most items, so agreement is real but not perfect.
    const lean = random() < 0.5 ? 1 : 2;
    const judges = [...workers].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * perItem));
    for (const worker of judges) {
      const judgment = randomJudgment(itemIndex, worker.id, lean, random);
      await storeJudgment(db, project.id, item, judgment);
      judgments.push(judgment);
    }
  }
  return { project, batch, workers, items, judgments };
}

function randomJudgment(itemIndex: number, worker: string, lean: number, random: () => number): FixtureJudgment {
  const roll = random();
  const preferred = roll < 0.08 ? null : roll < 0.15 ? 0 : roll < 0.8 ? lean : 3 - lean;
  const rationale = random() < 0.4 ? pick(["Clearer.", "More honest and complete.", `Answers question ${itemIndex} directly.`], random) : null;
  return {
    itemIndex,
    worker,
    preferred,
    strength: preferred === null ? null : preferred === 0 ? 0 : 1 + Math.floor(random() * 4),
    shownFirst: random() < 0.5 ? 1 : 2,
    timeSpentMs: Math.floor(random() * 20_000),
    rationale,
  };
}

// The stored shape: candidate ids best first (one tie group, or empty for both bad), and the strength signed
// as the worker saw it: negative toward the response shown first.
async function storeJudgment(db: Database, projectId: string, item: FixtureItem, judgment: FixtureJudgment) {
  const [first, second] = item.candidateIds;
  const displayOrder = judgment.shownFirst === 1 ? [first, second] : [second, first];
  const ranking =
    judgment.preferred === null ? [] : judgment.preferred === 0 ? [[first, second]] : judgment.preferred === 1 ? [[first], [second]] : [[second], [first]];
  const towardShownFirst = judgment.preferred !== null && judgment.preferred > 0 && judgment.preferred === judgment.shownFirst;
  const strength = judgment.strength === null || judgment.strength === 0 ? judgment.strength : towardShownFirst ? -judgment.strength : judgment.strength;
  const assignment = await db.assignment.create({
    data: { projectId, itemId: item.id, workerId: judgment.worker, displayOrder, status: "SUBMITTED", leaseExpiresAt: new Date(), submittedAt: new Date() },
  });
  await db.judgment.create({
    data: {
      assignmentId: assignment.id,
      projectId,
      itemId: item.id,
      workerId: judgment.worker,
      ranking,
      strength,
      bothBad: judgment.preferred === null,
      rationale: judgment.rationale,
      timeSpentMs: judgment.timeSpentMs,
      idempotencyKey: `quality-${assignment.id}`,
    },
  });
}
