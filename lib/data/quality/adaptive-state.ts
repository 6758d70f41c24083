import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { modelBattles } from "@/lib/data/quality/leaderboard-data";
import { sideOf } from "@/lib/data/quality/project-quality";
import { fitBradleyTerry } from "@/lib/quality/bradley-terry";
import { narrowingGains } from "@/lib/quality/adaptive-pairing";
import { pairKey, type AdaptiveState } from "@/lib/models/pairing";

// The fit reads every judged comparison of the project. A small project is read again whenever its
// judgments changed; a large one at most once a minute, since one more judgment barely moves it and a
// claim or a turn must not wait on it. The judgment total comes from the per-day counters: a few rows.
const FRESH_MS = 60_000;
const LARGE = 1000;
const cache = new Map<string, { at: number; judged: number; battles: Awaited<ReturnType<typeof modelBattles>> }>();

async function projectBattles(projectId: string) {
  const [{ judged }] = await queryPool<{ judged: number }>(
    pool(),
    "SELECT coalesce(sum(judgments), 0)::int AS judged FROM worker_day_counts WHERE project_id = $1::uuid",
    [projectId],
  );
  const cached = cache.get(projectId);
  if (cached && (cached.judged === judged || (judged >= LARGE && Date.now() - cached.at < FRESH_MS))) return cached.battles;
  const [project] = await queryPool<{ polarity: string }>(pool(), "SELECT polarity::text AS polarity FROM projects WHERE id = $1", [projectId]);
  const battles = await modelBattles(pool(), projectId, sideOf(project?.polarity ?? "HELPFUL"));
  cache.set(projectId, { at: Date.now(), judged, battles });
  return battles;
}

/** The project's judged battles and fitted strengths, keyed by its endpoints (a sample names its endpoint as its model). */
export async function adaptivePairingState(projectId: string, endpoints: { id: string; name: string }[]): Promise<AdaptiveState> {
  const battles = await projectBattles(projectId);
  const names = [...new Set(battles.flatMap((battle) => [battle.modelA, battle.modelB]))];
  const index = new Map(names.map((name, i) => [name, i]));
  const fitted =
    names.length >= 2
      ? fitBradleyTerry(
          battles.map((b) => ({ a: index.get(b.modelA)!, b: index.get(b.modelB)!, winsA: b.winsA, winsB: b.winsB, ties: b.ties })),
          names.length,
        )
      : null;
  const idOf = new Map(endpoints.map((endpoint) => [endpoint.name, endpoint.id]));
  const state: AdaptiveState = { battles: new Map(), strengths: new Map() };
  for (const battle of battles) {
    const [a, b] = [idOf.get(battle.modelA), idOf.get(battle.modelB)];
    if (a && b) state.battles.set(pairKey(a, b), battle.winsA + battle.winsB + battle.ties);
  }
  for (const endpoint of endpoints) {
    const i = index.get(endpoint.name);
    if (fitted && i !== undefined) state.strengths.set(endpoint.id, fitted[i]);
  }
  return state;
}

/**
 * How much one more judgment of each model pair (by pairKey of model names) would narrow the project's
 * rating intervals: for static items whose two responses name their models. Models not yet judged
 * start at the common strength.
 */
export async function modelPairGains(projectId: string, pairs: [string, string][]): Promise<Map<string, number>> {
  const battles = await projectBattles(projectId);
  const names = [...new Set([...battles.flatMap((battle) => [battle.modelA, battle.modelB]), ...pairs.flat()])];
  const index = new Map(names.map((name, i) => [name, i]));
  const judged = battles.map((b) => ({ a: index.get(b.modelA)!, b: index.get(b.modelB)!, winsA: b.winsA, winsB: b.winsB, ties: b.ties }));
  const strengths = judged.length > 0 ? fitBradleyTerry(judged, names.length) : names.map(() => 1);
  const states = new Map<string, { a: number; b: number; battles: number }>();
  for (const [a, b] of pairs) states.set(pairKey(a, b), { a: index.get(a)!, b: index.get(b)!, battles: 0 });
  for (const b of judged) states.set(pairKey(names[b.a], names[b.b]), { a: b.a, b: b.b, battles: b.winsA + b.winsB + b.ties });
  const gains = narrowingGains([...states.values()], strengths);
  return new Map([...states.keys()].map((key, i) => [key, gains[i]]));
}
