import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { modelBattles } from "@/lib/data/quality/leaderboard-data";
import { sideOf } from "@/lib/data/quality/project-quality";
import { fitBradleyTerry } from "@/lib/quality/bradley-terry";
import { pairKey, type AdaptiveState } from "@/lib/models/pairing";

// The fit reads every judged turn of the project: once a minute per project is plenty, since one more
// judgment barely moves it, and a turn must start without waiting on it.
const FRESH_MS = 60_000;
const cache = new Map<string, { at: number; battles: Awaited<ReturnType<typeof modelBattles>> }>();

async function projectBattles(projectId: string) {
  const cached = cache.get(projectId);
  if (cached && Date.now() - cached.at < FRESH_MS) return cached.battles;
  const [project] = await queryPool<{ polarity: string }>(pool(), "SELECT polarity::text AS polarity FROM projects WHERE id = $1", [projectId]);
  const battles = await modelBattles(pool(), projectId, sideOf(project?.polarity ?? "HELPFUL"));
  cache.set(projectId, { at: Date.now(), battles });
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
