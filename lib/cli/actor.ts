import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/data/users";

/** The user named by --as, or else the first admin; null when there is no such user. */
export async function findCliActor(email?: string): Promise<Actor | null> {
  return db().user.findFirst({
    where: email ? { email: email.toLowerCase() } : { role: "ADMIN", blockedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, name: true, role: true },
  });
}

/**
 * Who a command acts as, for the records it writes (batch creator, export requester): the admin
 * named by --as, or else the first admin. Running the CLI already means holding the database.
 */
export async function resolveCliActor(email?: string): Promise<Actor> {
  const user = await findCliActor(email);
  if (!user) {
    throw new AppError(
      "NOT_FOUND",
      email ? `No user with email ${email}` : "There is no admin yet: npm run preflab -- user create --email you@example.com --role ADMIN",
    );
  }
  return user;
}
