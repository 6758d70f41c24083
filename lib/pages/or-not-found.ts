import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/** For pages: a NOT_FOUND from the data layer renders the 404 page; anything else propagates. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
