import { createUser } from "@/lib/data/users";
import type { CreateUserInput } from "@/lib/validations/user";

export async function createUserCommand(options: CreateUserInput) {
  const { user, password } = await createUser(options);
  console.log(`Created ${user.role.toLowerCase()} ${user.email}${options.password ? "." : ` with password: ${password}`}`);
}
