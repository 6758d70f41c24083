// The fake Chat Completions server picks its behaviour from the request's model id, so a test or a
// benchmark chooses it per request without configuring the server: `behaviour` or
// `behaviour:key=value,key=value`, e.g. `slow:delay=40` or `429:retry=1,times=2`.
//   ok         a deterministic answer (any model id that is not a behaviour, too)
//   slow       ok with delay=50 by default
//   stall      `after` characters, then silence until the client goes away
//   429, 500   OpenAI's rate-limit (with Retry-After: `retry`) or server error
//   malformed  `after` characters, then a data line of broken JSON, then [DONE]
//   cutoff     `after` characters, then the response ends: no finish_reason, no [DONE]
//   garbage    200 with an HTML page, as a misconfigured proxy answers
//   empty      a stream with no content
// With `times=N` a behaviour applies to the first N requests of that exact model id, then it answers
// as ok with the same parameters.

export const FAKE_BEHAVIOURS = ["ok", "slow", "stall", "429", "500", "malformed", "cutoff", "garbage", "empty"] as const;
export type FakeBehaviour = (typeof FAKE_BEHAVIOURS)[number];

export type FakeParams = {
  /** Characters per content delta. */
  chunk: number;
  /** Milliseconds between content deltas. */
  delay: number;
  /** Milliseconds before the first content delta. */
  first: number;
  /** Approximate answer length in characters. */
  length: number;
  /** Characters sent before `stall`, `malformed` and `cutoff` misbehave. */
  after: number;
  /** Seconds in the `Retry-After` header of a 429. */
  retry: number;
  /** How many requests of this exact model id misbehave before it answers as `ok`; null: every request. */
  times: number | null;
};

export type FakeModel = { behaviour: FakeBehaviour; params: FakeParams };

const DEFAULTS: FakeParams = { chunk: 4, delay: 0, first: 0, length: 200, after: 10, retry: 1, times: null };
const SLOW_DELAY_MS = 50;

function isBehaviour(name: string): name is FakeBehaviour {
  return (FAKE_BEHAVIOURS as readonly string[]).includes(name);
}

/** Any name that is not a behaviour (a real model id such as `gpt-4o`, or `ft:...`) answers as `ok` with the defaults. */
export function parseFakeModelId(model: string): FakeModel {
  const colon = model.indexOf(":");
  const name = colon === -1 ? model : model.slice(0, colon);
  if (!isBehaviour(name)) return { behaviour: "ok", params: { ...DEFAULTS } };
  const params: FakeParams = { ...DEFAULTS, delay: name === "slow" ? SLOW_DELAY_MS : DEFAULTS.delay };
  const pairs = colon === -1 ? [] : model.slice(colon + 1).split(",");
  for (const pair of pairs) {
    const [key, raw] = pair.split("=", 2).map((part) => part.trim());
    const value = Number(raw);
    // A typo must not silently become 0 (Number("") is 0), so only real non-negative numbers count.
    if (!(key in DEFAULTS) || !raw || !Number.isFinite(value) || value < 0) continue;
    // Retry-After may be fractional so app tests need not wait whole seconds; counts are whole.
    params[key as keyof FakeParams] = key === "retry" || key === "delay" || key === "first" ? value : Math.floor(value);
  }
  params.chunk = Math.max(1, params.chunk);
  return { behaviour: name, params };
}
