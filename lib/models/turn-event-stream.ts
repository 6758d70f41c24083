import "server-only";
// The server-sent events a worker's browser (or a script) follows for one turn. Each event carries only
// labels and text, paced to the slowest sample; its id is the position reached, so EventSource's
// automatic reconnect (Last-Event-ID) resumes exactly there, on any process. Events:
//   samples  {"samples":[{"label":"A","append":"...","reset":false} | {"label":"B","failed":"sentence"}]}
//   ready    {} every sample is complete: the turn can be answered (the stream ends)
//   over     {} the turn was answered or its conversation ended (the stream ends)
import { readTurnProgress, type TurnProgress } from "@/lib/data/turn-progress";
import { responseLabel } from "@/lib/judgment-scales";
import { decodeShown, encodeShown, nextReveal, type ShownSample } from "@/lib/models/pacing";
import { failureSentence } from "@/lib/models/sample-failure";
import { subscribeToTurn } from "@/lib/models/turn-events";

// Notifications wake the stream at once; this poll only covers one missed while reconnecting.
const POLL_MS = 1000;
const KEEP_ALIVE_MS = 15_000;

type SamplePayload = { label: string; append: string; reset: boolean } | { label: string; failed: string };

export function turnEventStream({
  turnId,
  lastEventId,
  signal,
}: {
  turnId: string;
  lastEventId: string | null;
  signal: AbortSignal;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const shown = decodeShown(lastEventId);
  let wake: () => void = () => {};
  let closed = false;
  let readerGone = false;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => !closed && controller.enqueue(encoder.encode(text));
      const subscription = subscribeToTurn(turnId, () => wake());
      const stop = () => {
        closed = true;
        wake();
      };
      signal.addEventListener("abort", stop, { once: true });
      try {
        await subscription.ready;
        send("retry: 1000\n\n");
        let lastSent = Date.now();
        while (!closed) {
          const woken = new Promise<void>((resolve) => (wake = resolve));
          const progress = await readTurnProgress(turnId, shown);
          const payload = revealStep(progress, shown);
          if (payload.length > 0) {
            send(`id: ${encodeShown(shown)}\nevent: samples\ndata: ${JSON.stringify({ samples: payload })}\n\n`);
            lastSent = Date.now();
          }
          if (progress.ready || progress.over) {
            send(`event: ${progress.ready ? "ready" : "over"}\ndata: {}\n\n`);
            break;
          }
          if (Date.now() - lastSent > KEEP_ALIVE_MS) {
            send(": keep-alive\n\n"); // proxies close a connection that stays silent
            lastSent = Date.now();
          }
          await Promise.race([woken, new Promise((resolve) => setTimeout(resolve, POLL_MS))]);
        }
      } catch (error) {
        console.error(`[models] the stream of turn ${turnId} failed:`, error);
        send(`event: error\ndata: ${JSON.stringify({ message: "The stream was interrupted; reconnecting" })}\n\n`);
      } finally {
        subscription.unsubscribe();
        signal.removeEventListener("abort", stop);
        closed = true;
        if (!readerGone) controller.close();
      }
    },
    cancel() {
      closed = true;
      readerGone = true;
      wake();
    },
  });
}

/** What to send now, recording it in `shown`. Slices count code points, as PostgreSQL's lengths do. */
function revealStep(progress: TurnProgress, shown: Map<number, ShownSample>): SamplePayload[] {
  const payload: SamplePayload[] = [];
  for (const step of nextReveal(progress.samples, shown)) {
    const sample = progress.samples.find((candidate) => candidate.label === step.label)!;
    const label = responseLabel(step.label);
    if (step.failed) {
      payload.push({ label, failed: failureSentence(sample.failure_kind) });
      shown.set(step.label, { attempt: step.attempt, chars: -1 });
      continue;
    }
    const append = Array.from(sample.unseen)
      .slice(step.from - sample.unseenFrom, step.to - sample.unseenFrom)
      .join("");
    payload.push({ label, append, reset: step.reset });
    shown.set(step.label, { attempt: step.attempt, chars: step.to });
  }
  return payload;
}
