// The app's side of the dialogue benchmark, as a worker's script over the JSON API: send the message,
// follow the turn's events until every sample is complete, answer it, and go on with the next message.
import type { StreamStats, TurnResult } from "./dialogue-load";
import { readEventStream } from "./event-stream";
import { createJsonClient } from "./http-client";
import type { BenchWorker } from "./seed-submit";

/** A turn through the app; times are performance.now(), firstTextAt is when the first text was revealed. */
export type AppTurn = TurnResult & { turnId: string; postMs: number; sseOpenMs: number; firstTextAt: number };

type AppConversation = { id: string; headers: Record<string, string> };

type SamplesEvent = { samples: ({ label: string; append: string } | { label: string; failed: string })[] };

export function benchMessage(index: number): string {
  return `Turn ${index + 1}: how do tides work, and why are there two a day?`;
}

/**
 * A keep-alive socket the server closes as it is reused gives ECONNRESET (likelier on a loaded machine,
 * where the client's idle timer fires late). Every request here is idempotent (keys, or "your
 * conversation in progress"), so it is sent once more, as a real client would.
 */
function retryingClient(baseUrl: string, maxSockets: number): ReturnType<typeof createJsonClient> {
  const post = createJsonClient(baseUrl, maxSockets);
  return (path, headers, body) =>
    post(path, headers, body).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ECONNRESET") throw error;
      return post(path, headers, body);
    });
}

export function appDriver(baseUrl: string, slug: string, workers: BenchWorker[]) {
  const post = retryingClient(baseUrl, workers.length);
  return {
    open: async (n: number): Promise<AppConversation> => {
      const headers = { authorization: `Bearer ${workers[n].token}`, "content-type": "application/json" };
      const started = await post(`/api/v1/projects/${slug}/conversations`, headers, "{}");
      if (started.status !== 201 && started.status !== 200)
        throw new Error(`starting a conversation answered ${started.status}: ${JSON.stringify(started.body)}`);
      return { id: (started.body as { conversation: { id: string } }).conversation.id, headers };
    },
    turn: async (conversation: AppConversation, index: number): Promise<AppTurn> => {
      const path = `/api/v1/conversations/${conversation.id}`;
      const startedAt = performance.now();
      const body = JSON.stringify({ content: benchMessage(index), idempotencyKey: `send-${conversation.id}-${index}` });
      const sent = await post(`${path}/messages`, conversation.headers, body);
      const postMs = performance.now() - startedAt;
      if (sent.status !== 202) throw new Error(`sending a message answered ${sent.status}: ${JSON.stringify(sent.body)}`);
      const { turnId } = (sent.body as { turn: { turnId: string } }).turn;
      const followed = await followTurn(`${baseUrl}${path}/turns/${turnId}/events`, conversation.headers.authorization);
      const answer = JSON.stringify({ answer: { strength: -2, idempotencyKey: `answer-${conversation.id}-${index}` } });
      const answered = await post(`${path}/turns/${turnId}/answer`, conversation.headers, answer);
      if (answered.status !== 201) throw new Error(`answering a turn answered ${answered.status}: ${JSON.stringify(answered.body)}`);
      return { turnId, startedAt, postMs, ttftMs: followed.firstTextAt - startedAt, ...followed };
    },
  };
}

/** Reads the turn's events until `ready`: when text first showed, and each label's characters and pace. */
async function followTurn(url: string, authorization: string): Promise<{ sseOpenMs: number; firstTextAt: number; streams: StreamStats[] }> {
  const opened = performance.now();
  const response = await fetch(url, { headers: { authorization, accept: "text/event-stream" } });
  const sseOpenMs = performance.now() - opened;
  if (!response.ok || !response.body) throw new Error(`the turn's events answered ${response.status}`);
  const labels = new Map<string, StreamStats>();
  let firstTextAt: number | undefined;
  for await (const { event, data, at } of readEventStream(response.body)) {
    if (event === "ready") {
      if (firstTextAt === undefined) throw new Error("the turn was ready without any text");
      return { sseOpenMs, firstTextAt, streams: [...labels.values()] };
    }
    if (event !== "samples") throw new Error(`the turn's events sent ${event}: ${data}`);
    for (const sample of (JSON.parse(data) as SamplesEvent).samples) {
      if ("failed" in sample) throw new Error(`sample ${sample.label} failed: ${sample.failed}`);
      if (!sample.append) continue;
      firstTextAt ??= at;
      const stream = labels.get(sample.label) ?? { chars: 0, firstAt: at, lastAt: at };
      labels.set(sample.label, { ...stream, chars: stream.chars + sample.append.length, lastAt: at });
    }
  }
  throw new Error("the turn's events ended before the turn was ready");
}
