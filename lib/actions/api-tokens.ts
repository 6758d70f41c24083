"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { createApiToken, revokeApiToken } from "@/lib/data/api-tokens";

export async function createApiTokenAction(formData: FormData) {
  const result = await runAction("token:manage-own", async (actor) => {
    const { token, secret } = await createApiToken({
      actor,
      input: { name: String(formData.get("name") ?? ""), scopes: formData.getAll("scopes").map(String) },
    });
    return { secret, name: token.name };
  });
  if (result.ok) revalidatePath("/settings/tokens");
  return result;
}

export async function revokeApiTokenAction(tokenId: string): Promise<ActionResult<null>> {
  const result = await runAction("token:manage-own", async (actor) => {
    await revokeApiToken({ actor, tokenId });
    return null;
  });
  if (result.ok) revalidatePath("/settings/tokens");
  return result;
}
