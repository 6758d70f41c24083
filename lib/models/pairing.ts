// Which endpoints answer a turn, by the project's pairing rule, and in which positions (A, B, ...).
// Pure: the caller passes the random source and, for BALANCED, how often each pair has met so far; for
// ADAPTIVE, the judged battles of each pair and each endpoint's fitted strength.
import { choosePairToNarrow } from "@/lib/quality/adaptive-pairing";

export type PairingRuleName = "SAME_MODEL" | "RANDOM_MODELS" | "BALANCED" | "ADAPTIVE";

/** What ADAPTIVE needs: judged battles per endpoint pair (by pairKey) and Bradley-Terry strengths by endpoint (1 when unknown). */
export type AdaptiveState = { battles: Map<string, number>; strengths: Map<string, number> };

export type PairingInput = {
  rule: PairingRuleName;
  endpointIds: string[];
  samples: number;
  /** Turns so far per endpoint pair, keyed by pairKey(a, b). */
  pairTurns?: Map<string, number>;
  adaptive?: AdaptiveState;
  random?: () => number;
};

// Beyond this many candidate sets BALANCED picks greedily instead of trying them all.
const MAX_SUBSETS = 20_000;

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** The endpoint of each sample, in label order (index 0 is A): positions are random. */
export function chooseEndpoints({ rule, endpointIds, samples, pairTurns = new Map(), adaptive, random = Math.random }: PairingInput): string[] {
  if (endpointIds.length === 0) throw new Error("a pairing needs at least one endpoint");
  if (rule === "SAME_MODEL") return Array(samples).fill(endpointIds[Math.floor(random() * endpointIds.length)]);
  const chosen =
    rule === "BALANCED"
      ? leastPaired(endpointIds, samples, pairTurns, random)
      : rule === "ADAPTIVE" && endpointIds.length > 2
        ? mostInformative(endpointIds, samples, adaptive ?? { battles: new Map(), strengths: new Map() }, random)
        : shuffled(endpointIds, random).slice(0, samples);
  // Fewer endpoints than samples: every endpoint once, then repeats, so no sample is left without one.
  while (chosen.length < samples) chosen.push(chosen[chosen.length % endpointIds.length]);
  return shuffled(chosen, random);
}

// The pair that narrows the intervals most; a third or fourth sample is drawn at random from the rest.
function mostInformative(endpointIds: string[], samples: number, { battles, strengths }: AdaptiveState, random: () => number): string[] {
  const pool = shuffled(endpointIds, random);
  const pairs = [];
  for (let a = 0; a < pool.length; a++) for (let b = a + 1; b < pool.length; b++) pairs.push({ a, b, battles: battles.get(pairKey(pool[a], pool[b])) ?? 0 });
  const { a, b } = choosePairToNarrow(
    pairs,
    pool.map((id) => strengths.get(id) ?? 1),
    random,
  );
  return [pool[a], pool[b], ...pool.filter((_, i) => i !== a && i !== b)].slice(0, samples);
}

function setCost(set: string[], pairTurns: Map<string, number>): number {
  let cost = 0;
  for (let i = 0; i < set.length; i++) for (let j = i + 1; j < set.length; j++) cost += pairTurns.get(pairKey(set[i], set[j])) ?? 0;
  return cost;
}

function leastPaired(endpointIds: string[], samples: number, pairTurns: Map<string, number>, random: () => number): string[] {
  // Shuffled first, so that among sets of equal cost each is as likely as any other.
  const pool = shuffled(endpointIds, random);
  if (pool.length <= samples) return pool;
  if (subsetCount(pool.length, samples) > MAX_SUBSETS) return greedyLeastPaired(pool, samples, pairTurns);
  let best: string[] = [];
  let bestCost = Infinity;
  for (const set of subsets(pool, samples)) {
    const cost = setCost(set, pairTurns);
    if (cost < bestCost) [best, bestCost] = [set, cost];
  }
  return best;
}

function greedyLeastPaired(pool: string[], samples: number, pairTurns: Map<string, number>): string[] {
  const chosen = [pool[0]];
  while (chosen.length < samples) {
    const rest = pool.filter((id) => !chosen.includes(id));
    rest.sort((a, b) => setCost([...chosen, a], pairTurns) - setCost([...chosen, b], pairTurns));
    chosen.push(rest[0]);
  }
  return chosen;
}

function subsetCount(n: number, k: number): number {
  let count = 1;
  for (let i = 0; i < k; i++) count = (count * (n - i)) / (i + 1);
  return count;
}

function* subsets(pool: string[], size: number, start = 0, prefix: string[] = []): Generator<string[]> {
  if (prefix.length === size) {
    yield prefix;
    return;
  }
  for (let i = start; i <= pool.length - (size - prefix.length); i++) yield* subsets(pool, size, i + 1, [...prefix, pool[i]]);
}
