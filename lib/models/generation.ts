import "server-only";
// Runs a sample's request in this process: claim the row, stream from the endpoint, store the text as
// it arrives (the first piece at once, then at most every FLUSH_MS, so a browser re-attaching on any
// process sees it), and complete or fail the row. A generation does not belong to a browser: it goes on
// when the worker refreshes or closes the tab, and it is stopped by a change to its row (the
// conversation ended, the sample was replaced), which its next write notices.
import { pool } from "@/lib/db/prisma";
import { appendSampleText, claimSample, completeSample, failSample, sampleStillStreaming, type GenerationJob } from "@/lib/data/conversation-samples";
import { streamChat } from "@/lib/models/chat-stream";
import { resolveApiKey, resolveBaseUrl } from "@/lib/models/endpoint-access";
import { SampleFailure } from "@/lib/models/sample-failure";
import { subscribeToTurn, wakeLocalStreams } from "@/lib/models/turn-events";

const FLUSH_MS = 50;
const CHECK_MS = 500;
// Other processes' streams of the turn hear of new text at most this often (and poll each second).
const NOTIFY_MS = 250;

const globalForGeneration = globalThis as unknown as { preflabGenerating?: Set<string> };

/** Samples this process is generating now: the dispatcher does not start them twice. */
export function samplesInFlight(): Set<string> {
  globalForGeneration.preflabGenerating ??= new Set();
  return globalForGeneration.preflabGenerating;
}

/** Starts each sample in the background; a sample another process already took is left to it. */
export function startGeneration(sampleIds: string[]): void {
  for (const sampleId of sampleIds) {
    inBackground(sampleId, async () => {
      const job = await claimSample(pool(), sampleId);
      if (job) await generateClaimed(job);
    });
  }
}

/** Runs samples already claimed (in the transaction that made them): the request to the model starts at once. */
export function startClaimedGeneration(jobs: GenerationJob[]): void {
  for (const job of jobs) inBackground(job.sampleId, () => generateClaimed(job));
}

function inBackground(sampleId: string, run: () => Promise<void>) {
  if (samplesInFlight().has(sampleId)) return;
  samplesInFlight().add(sampleId);
  run()
    .catch((error) => console.error(`[models] sample ${sampleId} could not be generated:`, error))
    .finally(() => samplesInFlight().delete(sampleId));
}

async function generateClaimed(job: GenerationJob): Promise<void> {
  const { sampleId } = job;
  const started = performance.now();
  const controller = new AbortController();
  const writer = new SampleWriter(job, controller);
  // A stalled stream writes nothing, so it would not notice its conversation ending: any change to the
  // turn (sent by whichever process made it) makes it look at its row.
  const watch = subscribeToTurn(job.turnId, () => writer.checkStillWanted());
  try {
    const result = await streamChat(
      {
        baseURL: resolveBaseUrl(job.endpoint),
        apiKey: resolveApiKey(job.endpoint),
        modelId: job.settings.modelId,
        messages: job.messages,
        settings: job.settings,
        idleTimeoutMs: job.endpoint.timeoutSeconds * 1000,
        signal: controller.signal,
      },
      (text) => writer.push(text),
    );
    await writer.settle();
    if (writer.cancelled) return;
    if (writer.total === 0) throw new SampleFailure("empty", "the stream finished without any text");
    const durationMs = Math.round(performance.now() - started);
    await completeSample(pool(), { sampleId, attempt: job.attempt, rest: writer.takePending(), ...result, durationMs });
    wakeLocalStreams(job.turnId);
  } catch (error) {
    if (writer.cancelled) return; // the row moved on (regenerated or ended): nothing of this stream is kept
    const failure = error instanceof SampleFailure ? error : new SampleFailure("invalid", error instanceof Error ? error.message : String(error));
    await failSample(pool(), { sampleId, attempt: job.attempt, failure });
    wakeLocalStreams(job.turnId);
  } finally {
    writer.dispose();
    watch.unsubscribe();
  }
}

/** Batches streamed text into the sample's row, one write at a time, in order. */
class SampleWriter {
  private pending = "";
  private lastWrite = 0;
  private lastNotify = 0;
  private lastCheck = 0;
  private checkTimer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  total = 0;
  cancelled = false;

  constructor(
    private readonly job: GenerationJob,
    private readonly controller: AbortController,
  ) {}

  push(text: string) {
    this.pending += text;
    this.total += text.length;
    const due = this.lastWrite === 0 || performance.now() - this.lastWrite >= FLUSH_MS;
    if (due) this.write();
    else this.timer ??= setTimeout(() => this.write(), FLUSH_MS);
  }

  /** Waits for the writes under way; what is still pending goes with the completion. */
  async settle() {
    this.stop();
    await this.chain;
  }

  takePending(): string {
    const rest = this.pending;
    this.pending = "";
    return rest;
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Ends the look-outs too: the stream is over. */
  dispose() {
    this.stop();
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = null;
  }

  /**
   * Looks at the row after a change to the turn. Every flush of every sample of the turn is such a
   * change, so looks are spaced CHECK_MS apart (a write tells the same as a look); a change in
   * between is looked at when the space is over, not dropped.
   */
  checkStillWanted() {
    if (this.cancelled || this.checkTimer) return;
    const wait = Math.max(0, CHECK_MS - (performance.now() - Math.max(this.lastWrite, this.lastCheck)));
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      this.lastCheck = performance.now();
      sampleStillStreaming(pool(), { sampleId: this.job.sampleId, attempt: this.job.attempt })
        .then((streaming) => streaming || this.cancel())
        .catch((error) => console.warn(`[models] could not look at sample ${this.job.sampleId}: ${error.message}`));
    }, wait);
  }

  private cancel() {
    this.cancelled = true;
    this.controller.abort();
  }

  private write() {
    this.stop();
    const text = this.takePending();
    if (!text) return;
    this.lastWrite = performance.now();
    const notify = this.lastWrite - this.lastNotify >= NOTIFY_MS;
    if (notify) this.lastNotify = this.lastWrite;
    this.chain = this.chain.then(async () => {
      if (this.cancelled) return;
      const stillWanted = await appendSampleText(pool(), { sampleId: this.job.sampleId, attempt: this.job.attempt, text, notify });
      if (!stillWanted) return this.cancel();
      wakeLocalStreams(this.job.turnId);
    });
  }
}
