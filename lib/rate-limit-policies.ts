// The rate limits by name, as plain data: lib/rate-limit.ts enforces them, lib/env.ts checks the
// RATE_LIMITS overrides against these names, and README and docs/api.md list them.

export type RateLimitPolicy = {
  /** How many attempts (or requests) a key may make in one window. */
  points: number;
  /** The window, in seconds, counted from the key's first attempt in it. */
  windowSeconds: number;
  /** Once over the limit, how long the key waits; without it, until the window ends. */
  blockSeconds?: number;
  /** What the refusal says there were too many of. */
  what: "attempts" | "requests";
};

const POLICIES = {
  // Failed sign-ins (a right password takes its attempt back). Per email whether or not the account
  // exists, so the limit does not tell which do; five guesses, then five minutes.
  "sign-in-email": { points: 5, windowSeconds: 60, blockSeconds: 300, what: "attempts" },
  // Failed sign-ins from one address across emails: credential stuffing. High enough for a lab
  // behind one address where people mistype.
  "sign-in-client": { points: 30, windowSeconds: 60, blockSeconds: 300, what: "attempts" },
  // Sign-ups that get as far as hashing a password (the invite was live): each costs 128 MiB and
  // a third of a second of CPU. Per invite: a link for a class still lets 20 people in a minute.
  "invite-sign-up-invite": { points: 20, windowSeconds: 60, what: "attempts" },
  "invite-sign-up-client": { points: 20, windowSeconds: 60, what: "attempts" },
  // Study links make an account per participant id: a participant reloading is fine, a script
  // minting ids is not. Per study, high enough for a Prolific launch.
  "study-entry-client": { points: 30, windowSeconds: 60, what: "attempts" },
  "study-entry-study": { points: 600, windowSeconds: 60, what: "attempts" },
  // Every request made with one API token, generous: a script claiming and submitting flat out.
  "api-token": { points: 600, windowSeconds: 60, what: "requests" },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof POLICIES;

export const RATE_LIMIT_POLICIES: Record<RateLimitPolicyName, RateLimitPolicy> = POLICIES;

export const RATE_LIMIT_POLICY_NAMES = Object.keys(RATE_LIMIT_POLICIES) as RateLimitPolicyName[];

export function isRateLimitPolicyName(name: string): name is RateLimitPolicyName {
  return Object.hasOwn(RATE_LIMIT_POLICIES, name);
}
