// Polls /api/health through a benchmark, as a load balancer does, and keeps every answer with its time.
import { setTimeout as sleep } from "node:timers/promises";

/** sentAt and at: when the probe went out and when its answer (or failure) came back. */
export type HealthSample = { sentAt: number; at: number; status: number };

const INTERVAL_MS = 100;
const REQUEST_TIMEOUT_MS = 5_000;

/** Status 0 stands for no answer at all (the connection failed or timed out). */
async function probe(url: string): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

export function watchHealth(baseUrl: string) {
  const samples: HealthSample[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const sentAt = performance.now();
      const status = await probe(`${baseUrl}/api/health`);
      samples.push({ sentAt, at: performance.now(), status });
      await sleep(INTERVAL_MS);
    }
  })();
  return {
    samples,
    /** The first 200 at or after `since`, once it comes. */
    firstOkAfter: async (since: number, timeoutMs: number): Promise<HealthSample | null> => {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        const ok = samples.find((sample) => sample.sentAt >= since && sample.status === 200);
        if (ok) return ok;
        await sleep(INTERVAL_MS);
      }
      return null;
    },
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** From the first answer that was not 200 to the first 200 after it, in ms; 0 if every answer was 200. */
export function unavailableMs(samples: HealthSample[]): number {
  const firstDown = samples.findIndex((sample) => sample.status !== 200);
  if (firstDown < 0) return 0;
  const backUp = samples.slice(firstDown).find((sample) => sample.status === 200);
  return (backUp?.at ?? samples[samples.length - 1].at) - samples[firstDown].at;
}
