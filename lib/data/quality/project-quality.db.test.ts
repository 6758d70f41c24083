import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { findProjectQuality } from "@/lib/data/quality/project-quality";
import { createQualityFixture, type FixtureJudgment } from "@/lib/testing/quality-fixture";
import { agreementWithOthers, percentAgreement } from "@/lib/quality/agreement";
import { krippendorffAlpha } from "@/lib/quality/krippendorff";
import { TOO_FAST_CHARACTERS_PER_SECOND } from "@/lib/data/quality/worker-signals-sql";

// The codes the SQL gives a choice: the preferred response's position, -1 a tie, -2 both bad.
const choiceCode = (judgment: FixtureJudgment) => (judgment.preferred === null ? -2 : judgment.preferred === 0 ? -1 : judgment.preferred);
const signed = (judgment: FixtureJudgment) => (judgment.preferred === 0 ? 0 : judgment.preferred === 1 ? -judgment.strength! : judgment.strength!);

function unitsOf(judgments: FixtureJudgment[], value: (judgment: FixtureJudgment) => number | null): number[][] {
  const byItem = new Map<number, number[]>();
  for (const judgment of judgments) {
    const v = value(judgment);
    if (v !== null) byItem.set(judgment.itemIndex, [...(byItem.get(judgment.itemIndex) ?? []), v]);
  }
  return [...byItem.values()].filter((unit) => unit.length >= 2);
}

describe("project quality figures", () => {
  it("computes agreement in SQL as the definitions do, judgment by judgment", async () => {
    const fixture = await createQualityFixture(db(), { items: 40, workers: 6, perItem: 4 });
    const quality = await findProjectQuality(fixture.project.slug, { rounds: 50 });
    // Items with two or more judgments of any kind, and their choices.
    const choiceUnits = unitsOf(fixture.judgments, choiceCode);
    const multi = new Set(fixture.judgments.map((j) => j.itemIndex).filter((i, _, all) => all.filter((x) => x === i).length >= 2));
    const strengthUnits = unitsOf(
      fixture.judgments.filter((judgment) => multi.has(judgment.itemIndex)),
      (judgment) => (judgment.preferred === null ? null : signed(judgment)),
    );
    expect(quality.agreement.items).toBe(choiceUnits.length);
    expect(quality.agreement.percentAgreement.value).toBeCloseTo(percentAgreement(choiceUnits)!, 10);
    expect(quality.agreement.alphaNominal.value).toBeCloseTo(krippendorffAlpha(choiceUnits, "nominal")!, 10);
    expect(quality.agreement.alphaOrdinal.value).toBeCloseTo(krippendorffAlpha(strengthUnits, "ordinal")!, 10);
    expect(quality.agreement.alphaInterval.value).toBeCloseTo(krippendorffAlpha(strengthUnits, "interval")!, 10);
    expect(quality.overTime.reduce((sum, day) => sum + day.items, 0)).toBe(choiceUnits.length);
  });

  it("gives each worker's signals as counted from the judgments, and their agreement with the others", async () => {
    const fixture = await createQualityFixture(db(), { items: 30, workers: 5, perItem: 3, seed: 11 });
    const quality = await findProjectQuality(fixture.project.slug, { rounds: 20 });
    const byItem = new Map<number, { worker: string; label: number }[]>();
    for (const judgment of fixture.judgments)
      byItem.set(judgment.itemIndex, [...(byItem.get(judgment.itemIndex) ?? []), { worker: judgment.worker, label: choiceCode(judgment) }]);
    const consensus = agreementWithOthers([...byItem.values()]);
    expect(quality.workers.length).toBeGreaterThan(1);
    expect(quality.workers).toHaveLength(new Set(fixture.judgments.map((j) => j.worker)).size);
    for (const row of quality.workers) {
      const own = fixture.judgments.filter((judgment) => judgment.worker === row.workerId);
      const decided = own.filter((judgment) => judgment.preferred !== null && judgment.preferred > 0);
      const withReference = own.filter((judgment) => fixture.items[judgment.itemIndex].referenceBest !== null);
      expect(row.judgments).toBe(own.length);
      expect(row.decidedPairs).toBe(decided.length);
      expect(row.choseShownFirst).toBe(decided.filter((judgment) => judgment.preferred === judgment.shownFirst).length);
      expect(row.tooFast).toBe(own.filter((j) => j.timeSpentMs * TOO_FAST_CHARACTERS_PER_SECOND < fixture.items[j.itemIndex].characters * 1000).length);
      expect(row.referenceTrials).toBe(withReference.length);
      expect(row.referenceCorrect).toBe(withReference.filter((j) => j.preferred === fixture.items[j.itemIndex].referenceBest).length);
      expect(row.rationales).toBe(own.filter((judgment) => judgment.rationale).length);
      const allRationales = fixture.judgments.map((judgment) => judgment.rationale).filter(Boolean);
      expect(row.copiedRationales).toBe(own.filter((j) => j.rationale && allRationales.filter((text) => text === j.rationale).length > 1).length);
      const expected = consensus.get(row.workerId);
      expect(row.consensusItems).toBe(expected?.items ?? 0);
      if (expected) expect(row.consensusAgreement).toBeCloseTo(expected.agreement, 10);
    }
  });

  it("scores gold and attention items apart from the reference on tasks, leaves practice out of both, and gives each worker's status", async () => {
    const fixture = await createQualityFixture(db(), { items: 30, workers: 4, perItem: 3, seed: 13 });
    const referenced = fixture.items.map((item, index) => ({ item, index })).filter(({ item }) => item.referenceBest !== null);
    const roleOf = (index: number) => (index % 3 === 0 ? "GOLD" : index % 3 === 1 ? "ATTENTION" : index % 5 === 0 ? "PRACTICE" : "TASK");
    for (const { item, index } of referenced) await db().item.update({ where: { id: item.id }, data: { role: roleOf(index) } });
    const paused = fixture.judgments[0].worker;
    await db().project.update({ where: { id: fixture.project.id }, data: { qualificationPassMark: 0.5 } });
    await db().workerStanding.create({
      data: { workerId: paused, projectId: fixture.project.id, qualifiedAt: new Date(), pausedAt: new Date(), pauseReason: "too many misses" },
    });

    const quality = await findProjectQuality(fixture.project.slug, { rounds: 10 });
    const roles = new Map(referenced.map(({ index }) => [index, roleOf(index)]));
    let goldSeen = 0;
    for (const row of quality.workers) {
      const own = fixture.judgments.filter((judgment) => judgment.worker === row.workerId && roles.has(judgment.itemIndex));
      const right = (j: FixtureJudgment) => j.preferred === fixture.items[j.itemIndex].referenceBest;
      const gold = own.filter((j) => ["GOLD", "ATTENTION"].includes(roles.get(j.itemIndex)!));
      const tasks = own.filter((j) => roles.get(j.itemIndex) === "TASK");
      expect([row.goldTrials, row.goldCorrect]).toEqual([gold.length, gold.filter(right).length]);
      expect([row.referenceTrials, row.referenceCorrect]).toEqual([tasks.length, tasks.filter(right).length]);
      if (gold.length > 0) {
        goldSeen += 1;
        expect(row.goldAccuracy!.value).toBeCloseTo(gold.filter(right).length / gold.length, 10);
        expect(row.goldAccuracy!.lower).toBeLessThanOrEqual(row.goldAccuracy!.value);
        expect(row.goldAccuracy!.upper).toBeGreaterThanOrEqual(row.goldAccuracy!.value);
      } else expect(row.goldAccuracy).toBeNull();
      // The batch is closed, so the practice set (practice items in active batches) is empty.
      expect(row.status).toEqual(
        row.workerId === paused
          ? expect.objectContaining({ kind: "PAUSED", label: "Paused: too many misses" })
          : { kind: "PRACTISING", label: "Practising 0 of 0", answered: 0, total: 0 },
      );
    }
    expect(goldSeen).toBeGreaterThan(0);
  });

  it("counts battles between named models, the red-team pick counting for the other response", async () => {
    for (const polarity of ["HELPFUL", "RED_TEAM"] as const) {
      const fixture = await createQualityFixture(db(), { items: 30, workers: 4, perItem: 3, polarity, seed: 5 });
      const quality = await findProjectQuality(fixture.project.slug, { rounds: 20 });
      const expected = new Map<string, number>();
      for (const judgment of fixture.judgments) {
        const { models } = fixture.items[judgment.itemIndex];
        if (models[0] === models[1]) continue;
        const pickedOrdinal = judgment.preferred;
        for (const [i, model] of models.entries()) {
          const won = pickedOrdinal === null || pickedOrdinal === 0 ? 0.5 : (pickedOrdinal === i + 1) !== (polarity === "RED_TEAM") ? 1 : 0;
          expected.set(model, (expected.get(model) ?? 0) + won);
        }
      }
      expect(quality.leaderboard.side).toBe(polarity === "RED_TEAM" ? "harmlessness" : "helpfulness");
      for (const row of quality.leaderboard.rows) expect(row.winRate * row.battles).toBeCloseTo(expected.get(row.model)!, 10);
      expect(quality.leaderboard.rows.length).toBeGreaterThanOrEqual(2);
      expect(quality.leaderboard.rows.map((row) => row.model).sort()).toEqual([...expected.keys()].sort());
    }
  });

  it("narrows to one batch and refuses a batch of another project", async () => {
    const fixture = await createQualityFixture(db(), { items: 10, workers: 3, perItem: 2, seed: 2 });
    const other = await createQualityFixture(db(), { items: 2, workers: 2, perItem: 2, seed: 2 });
    const quality = await findProjectQuality(fixture.project.slug, { batchId: fixture.batch.id, rounds: 10 });
    expect(quality.batch).toEqual({ id: fixture.batch.id, name: "quality" });
    expect(quality.workers.reduce((sum, worker) => sum + worker.judgments, 0)).toBe(fixture.judgments.length);
    await expect(findProjectQuality(fixture.project.slug, { batchId: other.batch.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(findProjectQuality("no-such-project")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("names workers by email only for those who manage people", async () => {
    const fixture = await createQualityFixture(db(), { items: 6, workers: 2, perItem: 2, seed: 12 });
    const emails = new Map(fixture.workers.map((worker) => [worker.id, worker.email]));
    const masked = await findProjectQuality(fixture.project.slug, { rounds: 10 });
    const named = await findProjectQuality(fixture.project.slug, { rounds: 10, showEmails: true });
    expect(masked.workers.length).toBeGreaterThan(0);
    for (const row of masked.workers) expect(row.worker).toBe(`worker ${row.workerId.slice(0, 8)}`);
    for (const row of named.workers) expect(row.worker).toBe(emails.get(row.workerId));
  });
});
