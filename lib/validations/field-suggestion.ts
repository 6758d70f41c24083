// "strenght: unknown field; did you mean strength?": the field names a schema takes at a path, and the
// one closest to a misspelt name. A typo is then one glance to fix, not a search through the docs.
import type { z } from "zod";

type AnySchema = z.core.$ZodType;

// Wrappers whose inner schema decides what the input looks like.
function unwrap(schema: AnySchema): AnySchema {
  const def = schema._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema; out?: AnySchema };
  if (def.innerType) return unwrap(def.innerType);
  // A pipe is either schema.transform(...) (the input is `in`) or z.preprocess(...) (a transform, then `out`).
  if (def.type === "pipe" && def.in && def.out) return unwrap(def.in._zod.def.type === "transform" ? def.out : def.in);
  return schema;
}

function childAt(schema: AnySchema, part: PropertyKey): AnySchema | undefined {
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema; valueType?: AnySchema };
  if (def.type === "object") return def.shape?.[String(part)];
  if (def.type === "array") return def.element;
  if (def.type === "record") return def.valueType;
  return undefined;
}

/** The field names the object schema at `path` takes (none when the path leads elsewhere). */
export function fieldNamesAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let current: AnySchema | undefined = schema;
  for (const part of path) current = current && childAt(current, part);
  const def = current && (unwrap(current)._zod.def as { type: string; shape?: Record<string, AnySchema> });
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The known name a typo most likely meant: same letters in another case, or at most a third of them wrong. */
export function closestFieldName(name: string, known: readonly string[]): string | undefined {
  const folded = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(folded, candidate.toLowerCase());
    if (distance <= Math.max(1, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}
