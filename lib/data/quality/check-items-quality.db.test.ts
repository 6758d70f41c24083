import { expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { findProjectQuality } from "@/lib/data/quality/project-quality";
import { createQualityFixture } from "@/lib/testing/quality-fixture";

it("leaves gold, attention and practice items out of agreement and the leaderboard, as the dataset does", async () => {
  const fixture = await createQualityFixture(db(), { items: 60, workers: 6, perItem: 3, models: ["m-a", "m-b", "m-c"], seed: 4 });
  const before = await findProjectQuality(fixture.project.slug, { rounds: 20 });
  const roles = ["GOLD", "ATTENTION", "PRACTICE"] as const;
  const checks = fixture.items.filter((_, index) => index % 4 === 0);
  for (const [n, item] of checks.entries()) await db().item.update({ where: { id: item.id }, data: { role: roles[n % 3] } });
  const after = await findProjectQuality(fixture.project.slug, { rounds: 20 });

  const checkIndexes = new Set(fixture.items.flatMap((item, index) => (index % 4 === 0 ? [index] : [])));
  const taskJudgments = fixture.judgments.filter((judgment) => !checkIndexes.has(judgment.itemIndex));
  const judgedTwice = (judgments: typeof taskJudgments) =>
    new Set(judgments.map((j) => j.itemIndex).filter((index, _, all) => all.filter((other) => other === index).length >= 2)).size;
  expect(before.agreement.items).toBe(judgedTwice(fixture.judgments));
  expect(after.agreement.items).toBe(judgedTwice(taskJudgments));
  expect(after.agreement.items).toBeLessThan(before.agreement.items);
  const battles = (judgments: typeof taskJudgments) =>
    judgments.filter((judgment) => {
      const [x, y] = fixture.items[judgment.itemIndex].models;
      return x !== y;
    }).length;
  expect(before.leaderboard.totalBattles).toBe(battles(fixture.judgments));
  expect(after.leaderboard.totalBattles).toBe(battles(taskJudgments));
});
