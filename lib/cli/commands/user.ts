import { resolveCliActor } from "@/lib/cli/actor";
import { blockUser, changeUserRole, unblockUser } from "@/lib/data/people-admin";
import { createUser, findUserByEmail, type Actor } from "@/lib/data/users";
import type { CreateUserInput } from "@/lib/validations/user";

export async function createUserCommand(options: CreateUserInput) {
  const { user, password } = await createUser(options);
  console.log(`Created ${user.role.toLowerCase()} ${user.email}${options.password ? "." : ` with password: ${password}`}`);
}

type PersonOptions = { email: string; as?: string };

// The audit log names the admin given by --as; without it the change is recorded as made from the command line.
async function actorFor(as: string | undefined): Promise<Actor | null> {
  return as ? resolveCliActor(as) : null;
}

export async function blockUserCommand({ email, as }: PersonOptions) {
  const user = await findUserByEmail({ email });
  const { revokedLeases } = await blockUser({ actor: await actorFor(as), input: { userId: user.id } });
  console.log(`Blocked ${user.email}; ${revokedLeases === 1 ? "1 open task went" : `${revokedLeases} open tasks went`} back to the pool.`);
}

export async function unblockUserCommand({ email, as }: PersonOptions) {
  const user = await findUserByEmail({ email });
  await unblockUser({ actor: await actorFor(as), input: { userId: user.id } });
  console.log(`Unblocked ${user.email}.`);
}

export async function changeRoleCommand({ email, role, as }: PersonOptions & { role: string }) {
  const user = await findUserByEmail({ email });
  await changeUserRole({ actor: await actorFor(as), input: { userId: user.id, role } });
  console.log(`${user.email} is now ${role.toLowerCase()} (was ${user.role.toLowerCase()}).`);
}
