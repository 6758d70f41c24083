// One worker's claim-and-submit cycle, through the API or straight through the SQL procedures, and
// the closed loop that runs them: each worker starts its next cycle as soon as the last one ends.
import type pg from "pg";
import { claimTask } from "@/lib/data/claim-task";
import { recordJudgment } from "@/lib/data/submit-judgment";
import { submitJudgmentSchema } from "@/lib/validations/judgment";
import type { createJsonClient } from "./http-client";
import type { BenchWorker } from "./seed-submit";
import { latencyFigures, printFigure } from "./stats";

export type Phase = { judgments: number; claimMs: number[]; submitMs: number[]; errors: number; elapsedS: number };

/** A cycle; `since` is when its claim was due (open loop), so a late start counts in the claim's time. */
export type Cycle = (worker: BenchWorker, phase: Phase, since?: number) => Promise<boolean>;

export function newPhase(): Phase {
  return { judgments: 0, claimMs: [], submitMs: [], errors: 0, elapsedS: 0 };
}

async function timed<T>(samples: number[], run: () => Promise<T>, since = performance.now()): Promise<T> {
  const result = await run();
  samples.push(performance.now() - since);
  return result;
}

export function countError(phase: Phase, error: unknown) {
  phase.errors++;
  if (phase.errors <= 3) console.error(`[bench] ${(error as Error).message}`);
}

export async function drive(workers: BenchWorker[], seconds: number, cycle: Cycle): Promise<Phase> {
  const phase = newPhase();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    workers.map(async (worker) => {
      while (performance.now() < deadline) {
        try {
          if (!(await cycle(worker, phase))) return;
          phase.judgments++;
        } catch (error) {
          countError(phase, error);
        }
      }
    }),
  );
  phase.elapsedS = (performance.now() - started) / 1000;
  return phase;
}

/** With several servers, each worker always goes to the same one, the workers dealt out in turn. */
export function apiCycle(posts: ReturnType<typeof createJsonClient>[], slug: string, workers: BenchWorker[]): Cycle {
  const serverOf = new Map(workers.map((worker, n) => [worker.id, posts[n % posts.length]]));
  return async (worker, phase, since) => {
    const post = serverOf.get(worker.id)!;
    const headers = { authorization: `Bearer ${worker.token}`, "content-type": "application/json" };
    const claim = await timed(phase.claimMs, () => post(`/api/v1/projects/${slug}/claim`, headers), since);
    const task = (claim.body as { task?: { assignmentId: string } | null }).task;
    if (claim.status !== 200) throw new Error(`claim answered ${claim.status}: ${JSON.stringify(claim.body)}`);
    if (!task) return false;
    const body = JSON.stringify({ strength: -2, idempotencyKey: `bench-${task.assignmentId}` });
    const response = await timed(phase.submitMs, () => post(`/api/v1/assignments/${task.assignmentId}/judgment`, headers, body));
    if (response.status !== 201) throw new Error(`submit answered ${response.status}: ${JSON.stringify(response.body)}`);
    return true;
  };
}

export function rawCycle(pool: pg.Pool, slug: string): Cycle {
  return async (worker, phase, since) => {
    const assignmentId = await timed(phase.claimMs, () => claimTask(pool, { workerId: worker.id, projectSlug: slug }), since);
    if (!assignmentId) return false;
    const answer = submitJudgmentSchema.parse({ strength: -2, idempotencyKey: `bench-${assignmentId}` });
    await timed(phase.submitMs, () => recordJudgment(pool, { workerId: worker.id, assignmentId, answer }));
    return true;
  };
}

export function judgmentsPerSecond(phase: Phase): number {
  return phase.judgments / phase.elapsedS;
}

export function report(label: string, phase: Phase) {
  printFigure(`${label} judgments per second`, judgmentsPerSecond(phase), "/s");
  for (const [name, value, unit] of [...latencyFigures(`${label} claim`, phase.claimMs), ...latencyFigures(`${label} submit`, phase.submitMs)])
    printFigure(name, value, unit);
  printFigure(`${label} errors`, phase.errors);
}
