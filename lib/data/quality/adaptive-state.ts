import "server-only";
import { pool } from "@/lib/db/prisma";
import type { SqlRunner } from "@/lib/db/sql-runner";
import { modelBattles, modelBattlesWithin } from "@/lib/data/quality/leaderboard-data";
import { sideOf } from "@/lib/data/quality/project-quality";
import { fitBradleyTerry } from "@/lib/quality/bradley-terry";
import { narrowingGains } from "@/lib/quality/adaptive-pairing";
import { pairKey, type AdaptiveState } from "@/lib/models/pairing";

// The fit reads every judged comparison of the project: it is read again once the judgments grew by a
// tenth, or after a minute, since a few more judgments barely move it. Only the first read is waited
// for, and it runs in the caller's transaction: a claim or a turn holding a connection of the pool
// must never wait for a second one (a full pool would wait on itself). Later reads run in the
// background on the pool while callers go on with the battles already read.
const FRESH_MS = 60_000;
const GROWTH = 1.1;
type Battles = Awaited<ReturnType<typeof modelBattles>>;
type CachedBattles = { at: number; judged: number; battles: Battles | null; loading: Promise<Battles> | null };
const cache = new Map<string, CachedBattles>();

async function projectBattles(sql: SqlRunner, projectId: string): Promise<Battles> {
  // The judgment total from the per-day counters: a few rows, whatever the project's size.
  const [{ judged, polarity }] = await sql.query<{ judged: number; polarity: string }>(
    `SELECT coalesce((SELECT sum(judgments) FROM worker_day_counts WHERE project_id = p.id), 0)::int AS judged, p.polarity::text AS polarity
     FROM projects p WHERE p.id = $1::uuid`,
    [projectId],
  );
  const side = sideOf(polarity);
  const cached = cache.get(projectId);
  if (!cached?.battles) {
    const battles = await modelBattlesWithin(sql, projectId, side);
    cache.set(projectId, { at: Date.now(), judged, battles, loading: null });
    return battles;
  }
  const stale = Date.now() - cached.at >= FRESH_MS || judged > cached.judged * GROWTH;
  if (stale && !cached.loading) {
    cached.loading = modelBattles(pool(), projectId, side);
    cached.loading.then(
      (battles) => Object.assign(cached, { at: Date.now(), judged, battles, loading: null }),
      // Tried again by the next caller; until then the battles already read stand.
      () => Object.assign(cached, { loading: null }),
    );
  }
  return cached.battles;
}

/** The project's judged battles and fitted strengths, keyed by its endpoints (a sample names its endpoint as its model). */
export async function adaptivePairingState(sql: SqlRunner, projectId: string, endpoints: { id: string; name: string }[]): Promise<AdaptiveState> {
  const battles = await projectBattles(sql, projectId);
  const { index, strengths } = fittedModels(battles);
  const idOf = new Map(endpoints.map((endpoint) => [endpoint.name, endpoint.id]));
  const state: AdaptiveState = { battles: new Map(), strengths: new Map() };
  for (const battle of battles) {
    const [a, b] = [idOf.get(battle.modelA), idOf.get(battle.modelB)];
    if (a && b) state.battles.set(pairKey(a, b), battle.winsA + battle.winsB + battle.ties);
  }
  for (const endpoint of endpoints) {
    const i = index.get(endpoint.name);
    if (i !== undefined && index.size >= 2) state.strengths.set(endpoint.id, strengths[i]);
  }
  return state;
}

type FittedModels = { index: Map<string, number>; strengths: ArrayLike<number>; counts: { a: number; b: number; battles: number }[] };

// One fit per read of the battles, shared by every caller until the battles are read again.
const fits = new WeakMap<Battles, FittedModels>();

function fittedModels(battles: Battles): FittedModels {
  const known = fits.get(battles);
  if (known) return known;
  const names = [...new Set(battles.flatMap((battle) => [battle.modelA, battle.modelB]))];
  const index = new Map(names.map((name, i) => [name, i]));
  const judged = battles.map((b) => ({ a: index.get(b.modelA)!, b: index.get(b.modelB)!, winsA: b.winsA, winsB: b.winsB, ties: b.ties }));
  const strengths = names.length >= 2 ? fitBradleyTerry(judged, names.length) : [];
  const fitted = { index, strengths, counts: judged.map((b) => ({ a: b.a, b: b.b, battles: b.winsA + b.winsB + b.ties })) };
  fits.set(battles, fitted);
  return fitted;
}

/**
 * How much one more judgment of each model pair (by pairKey of model names) would narrow the project's
 * rating intervals: for static items whose two responses name their models. Models not yet judged
 * start at strength 1.
 */
export async function modelPairGains(sql: SqlRunner, projectId: string, pairs: [string, string][]): Promise<Map<string, number>> {
  const fitted = fittedModels(await projectBattles(sql, projectId));
  const index = new Map(fitted.index);
  for (const name of pairs.flat()) if (!index.has(name)) index.set(name, index.size);
  const strengths = Array.from({ length: index.size }, (_, i) => fitted.strengths[i] ?? 1);
  const names = [...index.keys()];
  const states = new Map<string, { a: number; b: number; battles: number }>();
  for (const [a, b] of pairs) states.set(pairKey(a, b), { a: index.get(a)!, b: index.get(b)!, battles: 0 });
  for (const count of fitted.counts) states.set(pairKey(names[count.a], names[count.b]), count);
  const gains = narrowingGains([...states.values()], strengths);
  return new Map([...states.keys()].map((key, i) => [key, gains[i]]));
}
