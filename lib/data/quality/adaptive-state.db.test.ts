import { describe, expect, it } from "vitest";
import { adaptivePairingState } from "@/lib/data/quality/adaptive-state";
import { db, pool } from "@/lib/db/prisma";
import { inTransaction } from "@/lib/db/sql-runner";
import { pairKey } from "@/lib/models/pairing";
import { createQualityFixture } from "@/lib/testing/quality-fixture";

describe("adaptive pairing state", () => {
  it("keys the project's judged battles and fitted strengths by the endpoints named as models", async () => {
    const fixture = await createQualityFixture(db(), { items: 30, workers: 3, perItem: 2, models: ["m-a", "m-b", "m-c"], seed: 8 });
    const endpoints = [
      { id: "endpoint-a", name: "m-a" },
      { id: "endpoint-b", name: "m-b" },
      { id: "endpoint-c", name: "m-c" },
      { id: "endpoint-new", name: "never-judged" },
    ];
    const state = await inTransaction(pool(), (sql) => adaptivePairingState(sql, fixture.project.id, endpoints));
    const expected = new Map<string, number>();
    for (const judgment of fixture.judgments) {
      const [x, y] = fixture.items[judgment.itemIndex].models;
      if (x === y) continue;
      const key = pairKey(`endpoint-${x.slice(2)}`, `endpoint-${y.slice(2)}`);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(state.battles).toEqual(expected);
    expect([...state.strengths.keys()].sort()).toEqual(["endpoint-a", "endpoint-b", "endpoint-c"]);
    const product = [...state.strengths.values()].reduce((p, x) => p * x, 1);
    expect(product).toBeCloseTo(1, 6); // strengths are normalised to a geometric mean of 1
  });
});
