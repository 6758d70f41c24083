"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { sendTurnsForReview } from "@/lib/data/review-batches";
import type { SendTurnsForReviewInput } from "@/lib/validations/review";

export async function sendTurnsForReviewAction(input: SendTurnsForReviewInput) {
  // The session's actor last, so nothing in the client's input can stand in for it.
  const result = await runAction("project:manage", (actor) => sendTurnsForReview({ ...input, actor }));
  if (result.ok) revalidatePath(`/admin/projects/${result.data.projectSlug}`);
  return result;
}
