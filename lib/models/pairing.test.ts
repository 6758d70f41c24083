import { describe, expect, it } from "vitest";
import { chooseEndpoints, pairKey } from "@/lib/models/pairing";

// A fixed sequence, so each test sees the same draws every run.
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("chooseEndpoints", () => {
  it("SAME_MODEL gives every sample the same endpoint, drawn from all of them", () => {
    const random = seeded(1);
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const chosen = chooseEndpoints({ rule: "SAME_MODEL", endpointIds: ["a", "b", "c"], samples: 2, random });
      expect(chosen[0]).toBe(chosen[1]);
      seen.add(chosen[0]);
    }
    expect(seen).toEqual(new Set(["a", "b", "c"]));
  });

  it("RANDOM_MODELS gives different endpoints in random positions", () => {
    const random = seeded(2);
    const firsts = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const chosen = chooseEndpoints({ rule: "RANDOM_MODELS", endpointIds: ["a", "b"], samples: 2, random });
      expect(new Set(chosen)).toEqual(new Set(["a", "b"]));
      firsts.add(chosen[0]);
    }
    expect(firsts).toEqual(new Set(["a", "b"]));
  });

  it("repeats endpoints only when there are fewer than samples", () => {
    const chosen = chooseEndpoints({ rule: "RANDOM_MODELS", endpointIds: ["a", "b"], samples: 3, random: seeded(3) });
    expect(chosen).toHaveLength(3);
    expect(new Set(chosen)).toEqual(new Set(["a", "b"]));
  });

  it("BALANCED picks the pair that met least", () => {
    const pairTurns = new Map([
      [pairKey("a", "b"), 5],
      [pairKey("a", "c"), 5],
      [pairKey("b", "c"), 1],
    ]);
    for (let i = 0; i < 10; i++) {
      const chosen = chooseEndpoints({ rule: "BALANCED", endpointIds: ["a", "b", "c"], samples: 2, pairTurns, random: seeded(i + 10) });
      expect(new Set(chosen)).toEqual(new Set(["b", "c"]));
    }
  });

  it("BALANCED evens out the pairs over many turns", () => {
    const ids = ["a", "b", "c", "d"];
    const pairTurns = new Map<string, number>();
    const random = seeded(7);
    for (let turn = 0; turn < 60; turn++) {
      const [x, y] = chooseEndpoints({ rule: "BALANCED", endpointIds: ids, samples: 2, pairTurns, random });
      pairTurns.set(pairKey(x, y), (pairTurns.get(pairKey(x, y)) ?? 0) + 1);
    }
    expect([...pairTurns.values()]).toEqual([10, 10, 10, 10, 10, 10]);
  });

  it("BALANCED works greedily when there are too many sets to try", () => {
    const ids = Array.from({ length: 60 }, (_, i) => `e${String(i).padStart(2, "0")}`);
    const chosen = chooseEndpoints({ rule: "BALANCED", endpointIds: ids, samples: 4, random: seeded(4) });
    expect(new Set(chosen).size).toBe(4);
  });

  it("ADAPTIVE pairs the models the leaderboard knows least about", () => {
    const battles = new Map([
      [pairKey("a", "b"), 400],
      [pairKey("a", "c"), 400],
      [pairKey("b", "c"), 400],
    ]);
    // d has never been compared: every pair with it narrows the intervals more than another a-b battle.
    for (let i = 0; i < 10; i++) {
      const chosen = chooseEndpoints({
        rule: "ADAPTIVE",
        endpointIds: ["a", "b", "c", "d"],
        samples: 2,
        adaptive: { battles, strengths: new Map() },
        random: seeded(i),
      });
      expect(chosen).toContain("d");
      expect(new Set(chosen).size).toBe(2);
    }
  });

  it("ADAPTIVE fills a third sample from the other endpoints, and with two endpoints compares those two", () => {
    const adaptive = { battles: new Map<string, number>(), strengths: new Map<string, number>() };
    expect(new Set(chooseEndpoints({ rule: "ADAPTIVE", endpointIds: ["a", "b", "c"], samples: 3, adaptive, random: seeded(3) }))).toEqual(
      new Set(["a", "b", "c"]),
    );
    expect(new Set(chooseEndpoints({ rule: "ADAPTIVE", endpointIds: ["a", "b"], samples: 2, random: seeded(3) }))).toEqual(new Set(["a", "b"]));
  });
});
