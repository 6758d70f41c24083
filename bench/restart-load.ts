// The clients of `npm run bench:db-restart`: API workers that claim and submit as a careful script
// does, retrying a claim or a submit with the same idempotency key while the app answers 503 or the
// connection fails, and keeping what the app acknowledged (a 201) to check against the database.
import { setTimeout as sleep } from "node:timers/promises";
import type { BenchWorker } from "./seed-submit";
import type { JsonResponse } from "./http-client";

type Post = (path: string, headers: Record<string, string>, body?: string) => Promise<JsonResponse>;

const RETRY_DELAY_MS = 250;
const REQUEST_TIMEOUT_MS = 30_000;
// An app that has not recovered by then fails the benchmark instead of hanging it.
const GIVE_UP_AFTER_MS = 120_000;

export type Acknowledged = { idempotencyKey: string; assignmentId: string; at: number };

export type LoadResult = {
  acknowledged: Acknowledged[];
  /** Answers the app should never give, a restart or not: 5xx other than 503, and unexpected 4xx. */
  unexpected: string[];
  retries: number;
  /** Submits refused for good (the lease ran out meanwhile): not acknowledged, so nothing is owed. */
  refused: number;
};

class Retryable extends Error {}

/** One request; a 503, a failed connection or no answer in time is Retryable, anything else is returned. */
async function send(post: Post, path: string, headers: Record<string, string>, body?: string): Promise<JsonResponse> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Retryable("no answer in time")), REQUEST_TIMEOUT_MS)));
  try {
    const response = await Promise.race([post(path, headers, body), timeout]);
    if (response.status === 503) throw new Retryable("503");
    return response;
  } catch (error) {
    throw error instanceof Retryable ? error : new Retryable((error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}

async function withRetries<T>(result: LoadResult, attempt: () => Promise<T>): Promise<T> {
  const giveUpAt = performance.now() + GIVE_UP_AFTER_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof Retryable)) throw error;
      if (performance.now() > giveUpAt) throw new Error(`still failing after ${GIVE_UP_AFTER_MS / 1000} s of retries: ${error.message}`);
      result.retries++;
      await sleep(RETRY_DELAY_MS);
    }
  }
}

async function claim(post: Post, worker: BenchWorker, slug: string, result: LoadResult): Promise<string | null> {
  const response = await withRetries(result, () => send(post, `/api/v1/projects/${slug}/claim`, { authorization: `Bearer ${worker.token}` }));
  if (response.status !== 200) {
    result.unexpected.push(`claim answered ${response.status}: ${JSON.stringify(response.body)}`);
    return null;
  }
  return (response.body as { task: { assignmentId: string } | null }).task?.assignmentId ?? null;
}

async function submit(post: Post, worker: BenchWorker, assignmentId: string, result: LoadResult) {
  const idempotencyKey = `restart-${assignmentId}`;
  const headers = { authorization: `Bearer ${worker.token}`, "content-type": "application/json" };
  const body = JSON.stringify({ strength: -2, idempotencyKey });
  const response = await withRetries(result, () => send(post, `/api/v1/assignments/${assignmentId}/judgment`, headers, body));
  if (response.status === 201) result.acknowledged.push({ idempotencyKey, assignmentId, at: performance.now() });
  else if (response.status === 410) result.refused++;
  else result.unexpected.push(`submit answered ${response.status}: ${JSON.stringify(response.body)}`);
}

/** Runs every worker until `until()` says stop; each finishes the task in hand (acknowledged or refused) first. */
export async function runLoad({ post, workers, slug, until }: { post: Post; workers: BenchWorker[]; slug: string; until: () => boolean }): Promise<LoadResult> {
  const result: LoadResult = { acknowledged: [], unexpected: [], retries: 0, refused: 0 };
  await Promise.all(
    workers.map(async (worker) => {
      try {
        while (!until()) {
          const assignmentId = await claim(post, worker, slug, result);
          if (assignmentId) await submit(post, worker, assignmentId, result);
          else await sleep(RETRY_DELAY_MS);
        }
      } catch (error) {
        result.unexpected.push((error as Error).message);
      }
    }),
  );
  return result;
}
