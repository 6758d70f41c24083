import { resolveCliActor } from "@/lib/cli/actor";
import { sendTurnsForReview } from "@/lib/data/review-batches";

export type ReviewCommandOptions = { from: string; to: string; k?: string; includeEdits?: boolean; as?: string };

export async function createReviewCommand(options: ReviewCommandOptions) {
  const actor = await resolveCliActor(options.as);
  const sent = await sendTurnsForReview({
    actor,
    sourceProjectSlug: options.from,
    targetProjectSlug: options.to,
    k: options.k,
    includeEdits: options.includeEdits ?? false,
  });
  const edits = sent.edits > 0 ? ` and ${sent.edits} ${sent.edits === 1 ? "edit" : "edits"}` : "";
  console.log(
    `Sent ${sent.turns} ${sent.turns === 1 ? "turn" : "turns"}${edits} of ${options.from} to ${sent.projectSlug} as the draft batch "${sent.batchName}" ` +
      `(${sent.batchId}), k = ${sent.k}. Activate it on its batch page to let workers judge it.`,
  );
}
