// Text PostgreSQL cannot store: a NUL character (refused by text and jsonb columns alike, so it would
// fail the query and answer 500) and unpaired UTF-16 surrogates (written as U+FFFD by the driver, so
// what was stored would not be what was sent). Checked on whole inputs, keys included, at every boundary.

export type PathPart = string | number;

// Far deeper than any body Preflab takes; a deeper one is refused before anything walks it recursively.
export const MAX_NESTING_DEPTH = 32;

type Pending = { value: unknown; path: PathPart[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character (\\u0000), which cannot be stored";
  if (!text.isWellFormed()) return "contains an unpaired surrogate (a broken \\ud800-\\udfff escape), which is not valid Unicode text";
  return null;
}

/** The first string (or key) in `value` that cannot be stored, with its path; null when all can be. */
export function findUnstorableText(value: unknown): { path: PathPart[]; message: string } | null {
  // A stack, not recursion: a body of a million nested arrays must be refused, not overflow the stack.
  const pending: Pending[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === "string") {
      const problem = textProblem(current);
      if (problem) return { path, message: problem };
      continue;
    }
    const isArray = Array.isArray(current);
    if (!isArray && !isPlainObject(current)) continue;
    if (path.length >= MAX_NESTING_DEPTH) return { path, message: `is nested more than ${MAX_NESTING_DEPTH} levels deep` };
    const entries: [PathPart, unknown][] = isArray ? current.map((item, index) => [index, item]) : Object.entries(current);
    for (const [key] of entries) {
      const keyProblem = typeof key === "string" ? textProblem(key) : null;
      if (keyProblem) return { path: [...path, key], message: `has a field name that ${keyProblem}` };
    }
    // Reversed onto the stack, so the first problem in reading order is the one reported.
    for (const [key, item] of entries.reverse()) pending.push({ value: item, path: [...path, key] });
  }
  return null;
}
