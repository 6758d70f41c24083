import { generateTokenSecret, hashTokenSecret } from "@/lib/auth/token-secret";
import { e2eDb } from "./test-database";

/** A personal API token for one of the e2e users, written straight to the database. */
export async function createToken(email: string, scopes: string[]): Promise<string> {
  const user = await e2eDb().user.findUniqueOrThrow({ where: { email } });
  const secret = generateTokenSecret();
  await e2eDb().apiToken.create({ data: { userId: user.id, name: "e2e", scopes, tokenHash: hashTokenSecret(secret), prefix: secret.slice(0, 10) } });
  return secret;
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}
