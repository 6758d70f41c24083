// Why a sample failed. The kind picks the sentence a worker reads, which never names a model, an
// address or a status code; the detail is exact and shown only to admins.

export const FAILURE_SENTENCES = {
  timeout: "This response took too long and was stopped.",
  "rate-limited": "The model is busy right now.",
  "server-error": "The model's server had an error.",
  unreachable: "The model could not be reached.",
  refused: "The model's server refused the request.",
  invalid: "The model's answer could not be read.",
  "cut-off": "The model's answer was cut off.",
  empty: "The model gave an empty answer.",
  cancelled: "This response was stopped.",
  stopped: "The server generating this response stopped.",
} as const;

export type FailureKind = keyof typeof FAILURE_SENTENCES;

export class SampleFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = "SampleFailure";
  }
}

/** What a worker reads about a failed sample. */
export function failureSentence(kind: string | null): string {
  const sentence = FAILURE_SENTENCES[(kind ?? "") as FailureKind] ?? FAILURE_SENTENCES.invalid;
  return kind === "cancelled" ? sentence : `${sentence} You can regenerate it.`;
}
