// An open loop: cycles start on a fixed schedule whatever the earlier ones are doing, as independent
// workers arrive, instead of each worker waiting for its last answer (a closed loop, which slows its
// own arrivals down as the server slows and so hides queueing). A cycle's claim is timed from when it
// was due, so a late start counts against the server rather than vanishing.
import type { BenchWorker } from "./seed-submit";
import { countError, newPhase, type Cycle, type Phase } from "./submit-cycles";

export type OpenLoopPhase = Phase & { arrivals: number; waitedForWorker: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `rate` cycles a second for `seconds`, each with a worker not busy with another (a worker
 * holds one lease at a time); an arrival that finds every worker busy waits for the first free one,
 * and is counted. Returns once every cycle started has ended.
 */
export async function driveOpenLoop({ workers, rate, seconds, cycle }: { workers: BenchWorker[]; rate: number; seconds: number; cycle: Cycle }) {
  const phase: OpenLoopPhase = { ...newPhase(), arrivals: Math.floor(rate * seconds), waitedForWorker: 0 };
  const free = [...workers];
  const due: number[] = [];
  const running = new Set<Promise<void>>();
  const launch = (worker: BenchWorker, since: number) => {
    const run: Promise<void> = cycle(worker, phase, since)
      .then(
        (judged) => void (judged ? phase.judgments++ : countError(phase, new Error("no task was left to claim"))),
        (error) => countError(phase, error),
      )
      .finally(() => {
        running.delete(run);
        const next = due.shift();
        if (next === undefined) free.push(worker);
        else launch(worker, next);
      });
    running.add(run);
  };
  const started = performance.now();
  for (let n = 0; n < phase.arrivals; n++) {
    const at = started + (n * 1000) / rate;
    if (at - performance.now() >= 1) await sleep(at - performance.now());
    const worker = free.pop();
    if (worker) {
      launch(worker, at);
    } else {
      phase.waitedForWorker++;
      due.push(at);
    }
  }
  while (running.size > 0) await Promise.race(running);
  phase.elapsedS = (performance.now() - started) / 1000;
  return phase;
}
