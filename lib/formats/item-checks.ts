// What an import format allows but the project or PostgreSQL does not: a NUL character (text and
// jsonb cannot hold one), metadata nested too deep to serialise, the wrong number of responses.
import { MAX_JSON_DEPTH } from "@/lib/formats/import-limits";
import type { ItemInput } from "@/lib/formats/item";
import { hasUsableReference, referenceNeededMessage, type ItemRoleName } from "@/lib/formats/reference-preference";
import type { FieldError } from "@/lib/formats/zod-issues";

const NUL_MESSAGE = "contains a NUL character (\\u0000), which cannot be stored";
const DEEP_MESSAGE = `is nested deeper than ${MAX_JSON_DEPTH} levels`;

type JsonFacts = { nul: boolean; tooDeep: boolean; chars: number };

/** Walks a parsed JSON value without recursion (it may be nested a million deep): NULs, depth, size. */
export function inspectJson(value: unknown): JsonFacts {
  const facts: JsonFacts = { nul: false, tooDeep: false, chars: 0 };
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current === "string") {
      facts.chars += current.length;
      facts.nul ||= current.includes("\u0000");
    } else if (current !== null && typeof current === "object") {
      if (depth >= MAX_JSON_DEPTH) {
        facts.tooDeep = true;
        continue;
      }
      for (const [key, child] of Object.entries(current)) {
        if (!Array.isArray(current)) stack.push([key, depth + 1]);
        stack.push([child, depth + 1]);
      }
    } else facts.chars += 8;
  }
  return facts;
}

function jsonProblems(field: string, value: unknown): FieldError[] {
  const facts = inspectJson(value);
  return [...(facts.nul ? [{ field, message: NUL_MESSAGE }] : []), ...(facts.tooDeep ? [{ field, message: DEEP_MESSAGE }] : [])];
}

/** What keeps an item out of a project; role is the batch's (a check item must have a usable reference). */
export function itemProblems(item: ItemInput, { pairwise, role = "task" }: { pairwise: boolean; role?: ItemRoleName }): FieldError[] {
  const problems: FieldError[] = [];
  if (role !== "task" && !hasUsableReference(item.candidates.map((candidate) => candidate.referenceRank))) {
    problems.push({ field: "candidates", message: referenceNeededMessage(role) });
  }
  if (pairwise && item.candidates.length !== 2) {
    problems.push({ field: "responses", message: `this project compares pairs: expected 2 responses, got ${item.candidates.length}` });
  }
  if (item.externalId?.includes("\u0000")) problems.push({ field: "id", message: NUL_MESSAGE });
  item.context.forEach((message, i) => {
    if (message.content.includes("\u0000")) problems.push({ field: `messages[${i}].content`, message: NUL_MESSAGE });
  });
  item.candidates.forEach((candidate, i) => {
    if (candidate.text.includes("\u0000")) problems.push({ field: `responses[${i}].text`, message: NUL_MESSAGE });
    if (candidate.model?.includes("\u0000")) problems.push({ field: `responses[${i}].model`, message: NUL_MESSAGE });
    problems.push(...jsonProblems(`responses[${i}]`, candidate.meta));
  });
  problems.push(...jsonProblems("meta", item.meta));
  if (item.referenceNote?.includes("\u0000")) problems.push({ field: "explanation", message: NUL_MESSAGE });
  return problems;
}

/** About how much memory an item holds, in characters: what an insert chunk is sized by. */
export function itemSize(item: ItemInput): number {
  const texts = [...item.context.map((m) => m.content), ...item.candidates.map((c) => c.text)];
  const metas = [item.meta, ...item.candidates.map((c) => c.meta)];
  return texts.reduce((sum, text) => sum + text.length, 0) + metas.reduce((sum, meta) => sum + inspectJson(meta).chars, 0);
}
