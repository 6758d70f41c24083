import "server-only";
import { diffWordsWithSpace } from "diff";
import type { Actor } from "@/lib/data/users";
import { findTaskForWorker } from "@/lib/data/assignments";

// A word diff costs up to the product of the lengths, and runs on the server's one thread:
// beyond these bounds the worker is told the responses are too long to compare.
const MAX_DIFF_CHARS = 20_000;
const DIFF_TIMEOUT_MS = 150;

export type ResponseDiff = { label: string; otherLabel: string; parts: { text: string; added: boolean }[] | null };

/**
 * For each response of one of the worker's tasks, its words marked where the next response (the
 * last one: the first) does not have them. Computed only when the worker asks for the view.
 */
export async function findResponseDiffs({ actor, assignmentId }: { actor: Actor; assignmentId: string }): Promise<ResponseDiff[]> {
  const { responses } = await findTaskForWorker({ actor, assignmentId });
  return responses.map((response, index) => {
    const other = responses[(index + 1) % responses.length];
    const changes =
      response.text.length + other.text.length > MAX_DIFF_CHARS ? undefined : diffWordsWithSpace(other.text, response.text, { timeout: DIFF_TIMEOUT_MS });
    return {
      label: response.label,
      otherLabel: other.label,
      parts: changes ? changes.filter((change) => !change.removed).map((change) => ({ text: change.value, added: change.added })) : null,
    };
  });
}
