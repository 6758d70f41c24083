import "server-only";
import { unlessCapped } from "@/lib/data/assignments";
import { isAppError } from "@/lib/errors";

/**
 * The next task after an answer that was stored: "list" when the claim refuses the worker (paused, or
 * failed the practice set), so the list says why instead of the stored answer looking refused.
 */
export async function claimAfterAnswer(claim: Promise<string | null>): Promise<string | null | "capped" | "list"> {
  try {
    return await unlessCapped(claim);
  } catch (error) {
    if (isAppError(error) && error.code === "FORBIDDEN") return "list";
    throw error;
  }
}
