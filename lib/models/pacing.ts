// Blinding in time: what a worker may see of a turn's samples at this moment. Each sample shows at most
// as many characters as the least advanced unfinished sample has received (all of them once none is
// unfinished), so text appears at the pace of the slowest model and speed cannot tell models apart.
// A failed sample is shown as failed and stops counting; it never holds the others back.

export type SampleStatusName = "PENDING" | "STREAMING" | "COMPLETE" | "FAILED";

/** What the server knows of a sample: its label, how it is doing, and how much text it has. */
export type SampleProgress = { label: number; status: SampleStatusName; attempt: number; received: number };

/** What a viewer has been shown of one label: which attempt, and how many characters of it. */
export type ShownSample = { attempt: number; chars: number };

export type RevealStep = { label: number; attempt: number; from: number; to: number; reset: boolean; failed: boolean };

function isUnfinished(sample: SampleProgress): boolean {
  return sample.status === "PENDING" || sample.status === "STREAMING";
}

/** How many characters of each sample may be shown now (null for a failed one). */
export function revealLimits(samples: SampleProgress[]): Map<number, number | null> {
  const unfinished = samples.filter(isUnfinished);
  const cap = unfinished.length === 0 ? Infinity : Math.min(...unfinished.map((sample) => sample.received));
  return new Map(samples.map((sample) => [sample.label, sample.status === "FAILED" ? null : Math.min(sample.received, cap)]));
}

/**
 * What to send a viewer who has seen `shown`: for each label, the characters [from, to) to add, or a
 * reset when the sample was regenerated (a new attempt starts from nothing). Text already shown is
 * never taken back, so a regenerated sample only holds back what the others show from then on.
 */
export function nextReveal(samples: SampleProgress[], shown: Map<number, ShownSample>): RevealStep[] {
  const limits = revealLimits(samples);
  const steps: RevealStep[] = [];
  for (const sample of samples) {
    const seen = shown.get(sample.label);
    const reset = seen !== undefined && seen.attempt !== sample.attempt;
    const from = seen && !reset ? seen.chars : 0;
    const limit = limits.get(sample.label);
    if (limit === null) {
      if (!reset && seen?.chars === -1) continue; // already told it failed
      steps.push({ label: sample.label, attempt: sample.attempt, from, to: from, reset, failed: true });
    } else if (limit! > from || reset) {
      steps.push({ label: sample.label, attempt: sample.attempt, from, to: Math.max(from, limit!), reset, failed: false });
    }
  }
  return steps;
}

/** The position a viewer has reached, as an SSE event id ("1:120,2:-1": attempt and characters per label; -1 is failed). */
export function encodeShown(shown: Map<number, ShownSample>): string {
  return [...shown.entries()]
    .sort(([a], [b]) => a - b)
    .map(([label, seen]) => `${label}:${seen.attempt}:${seen.chars}`)
    .join(",");
}

// Positions go to SQL as int4: a larger one (a hand-made 1e21) would fail the stream's query.
const MAX_POSITION = 2_147_483_647;

/** Reads a Last-Event-ID back; anything malformed counts as having seen nothing. */
export function decodeShown(eventId: string | null): Map<number, ShownSample> {
  const shown = new Map<number, ShownSample>();
  if (!eventId) return shown;
  for (const part of eventId.split(",")) {
    const [label, attempt, chars] = part.split(":").map(Number);
    const inRange = label >= 0 && label <= 8 && attempt >= 1 && attempt <= MAX_POSITION && chars >= -1 && chars <= MAX_POSITION;
    if (![label, attempt, chars].every(Number.isInteger) || !inRange) return new Map();
    shown.set(label, { attempt, chars });
  }
  return shown;
}
