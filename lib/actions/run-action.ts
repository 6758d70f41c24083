import "server-only";
import { unstable_rethrow } from "next/navigation";
import { can, type Permission } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/data/users";
import { databaseUnavailableError } from "@/lib/db/unavailable";
import { AppError, isAppError, type ErrorDetail } from "@/lib/errors";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: string; error: string; details: ErrorDetail[] };

/** A failed action's result: known errors as they are (a database out of reach among them), the rest logged. */
export function actionFailure(error: unknown): ActionResult<never> {
  const known = isAppError(error) ? error : databaseUnavailableError(error);
  if (known) return { ok: false, code: known.code, error: known.message, details: known.details };
  console.error(error);
  return { ok: false, code: "INTERNAL", error: "Something went wrong on the server; it has been logged", details: [] };
}

/**
 * The one path of every Server Action: session -> permission -> the data function, with known
 * errors returned to the form and unknown ones logged and shown as a generic message.
 */
export async function runAction<T>(permission: Permission, run: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await getCurrentUser();
    if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended: sign in again (your work is kept)");
    if (!can(actor.role, permission)) throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not do this`);
    return { ok: true, data: await run(actor) };
  } catch (error) {
    unstable_rethrow(error);
    return actionFailure(error);
  }
}
