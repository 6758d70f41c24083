import "server-only";
// The server-sent events a worker's browser (or a script) follows for one turn. Each event carries only
// labels and text, paced to the slowest sample; its id is the position reached, so EventSource's
// automatic reconnect (Last-Event-ID) resumes exactly there, on any process. Events:
//   samples  {"samples":[{"label":"A","append":"...","reset":false} | {"label":"B","failed":"sentence"}]}
//   ready    {} every sample is complete: the turn can be answered (the stream ends)
//   over     {} the turn was answered or its conversation ended (the stream ends)
import { readRevealedText, readTurnProgress, type TurnProgress } from "@/lib/data/turn-progress";
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
          const progress = await readTurnProgress(turnId);
          const payload = await revealStep(turnId, progress, shown);
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

/** What to send now, recording it in `shown`. */
async function revealStep(turnId: string, progress: TurnProgress, shown: Map<number, ShownSample>): Promise<SamplePayload[]> {
  const steps = nextReveal(progress.samples, shown);
  if (steps.length === 0) return [];
  const texts = await readRevealedText(turnId, steps);
  const payload: SamplePayload[] = [];
  for (const step of steps) {
    const label = responseLabel(step.label);
    if (step.failed) {
      const failure = progress.samples.find((sample) => sample.label === step.label)?.failure_kind ?? null;
      payload.push({ label, failed: failureSentence(failure) });
      shown.set(step.label, { attempt: step.attempt, chars: -1 });
      continue;
    }
    const text = texts.get(step.label);
    if (text === undefined && step.to > step.from) continue; // regenerated while we read: the next round has it
    payload.push({ label, append: text ?? "", reset: step.reset });
    shown.set(step.label, { attempt: step.attempt, chars: step.to });
  }
  return payload;
}
