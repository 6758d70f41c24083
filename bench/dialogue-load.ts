// The load shape both sides of the dialogue benchmark share: N conversations at once, each holding
// its turns one after another, with a first turn that warms up and is not counted.
import { percentile } from "./stats";

/** One streamed sample: characters received, and when its first and last text arrived (performance.now()). */
export type StreamStats = { chars: number; firstAt: number; lastAt: number };

export type TurnResult = { startedAt: number; ttftMs: number; streams: StreamStats[] };

export type Phase<T extends TurnResult> = { turns: T[]; errors: number };

type LoadOptions<C, T> = {
  conversations: number;
  turns: number;
  /** Conversations start spread over this time, as workers arrive one by one rather than all in the same millisecond. */
  staggerMs: number;
  open: (index: number) => Promise<C>;
  turn: (conversation: C, index: number) => Promise<T>;
};

export async function runConversations<C, T extends TurnResult>({ conversations, turns, staggerMs, open, turn }: LoadOptions<C, T>): Promise<Phase<T>> {
  const phase: Phase<T> = { turns: [], errors: 0 };
  await Promise.all(
    Array.from({ length: conversations }, async (_, n) => {
      await new Promise((resolve) => setTimeout(resolve, (staggerMs * n) / conversations));
      try {
        const conversation = await open(n);
        // Turn 0 loads the server's code, fills its pools and prepares its statements.
        for (let index = 0; index <= turns; index++) {
          const result = await turn(conversation, index);
          if (index > 0) phase.turns.push(result);
        }
      } catch (error) {
        // A conversation whose turn went wrong cannot go on: it stops, and the error is counted.
        if (++phase.errors <= 3) console.error(`[bench] ${(error as Error).message}`);
      }
    }),
  );
  return phase;
}

/** Characters a second: summed over every stream across the measured turns' span, and the median of each stream's own rate. */
export function throughput(phase: Phase<TurnResult>): { summed: number; perStream: number } {
  const streams = phase.turns.flatMap((turn) => turn.streams);
  const from = Math.min(...phase.turns.map((turn) => turn.startedAt));
  const to = Math.max(...streams.map((stream) => stream.lastAt));
  const chars = streams.reduce((sum, stream) => sum + stream.chars, 0);
  const rates = streams.filter((stream) => stream.lastAt > stream.firstAt).map((stream) => stream.chars / ((stream.lastAt - stream.firstAt) / 1000));
  return {
    summed: chars / ((to - from) / 1000),
    perStream: percentile(
      rates.sort((a, b) => a - b),
      0.5,
    ),
  };
}
