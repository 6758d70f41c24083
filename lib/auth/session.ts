import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { readSession } from "@/lib/auth/session-token";
import { can, type Permission } from "@/lib/auth/permissions";
import { findActiveUserById, type Actor } from "@/lib/data/users";

/**
 * The signed-in user as stored now, once per request; blocked users count as signed out, and so do
 * platform accounts whose study session has ended (lib/data/users.ts).
 */
export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  const session = await readSession();
  return session ? findActiveUserById(session.userId, session.studySessionId) : null;
});

/** For pages: sends signed-out visitors to sign in and answers 403 to the wrong role. */
export async function requirePagePermission(permission: Permission): Promise<Actor> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  if (!can(user.role, permission)) forbidden();
  return user;
}
