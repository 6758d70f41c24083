import { resolveCliActor } from "@/lib/cli/actor";
import { createApiToken } from "@/lib/data/api-tokens";

export async function createTokenCommand(options: { email: string; name: string; scopes: string }) {
  const actor = await resolveCliActor(options.email);
  const { token, secret } = await createApiToken({ actor, input: { name: options.name, scopes: options.scopes.split(",").map((s) => s.trim()) } });
  console.log(`Created token "${token.name}" for ${actor.email} (scopes: ${token.scopes.join(", ")}). It is shown only once:`);
  console.log(secret);
}
