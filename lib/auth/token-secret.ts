import { createHash, randomBytes } from "node:crypto";

const TOKEN_PREFIX = "pfl_";

export function generateTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
}

/** Tokens are long random secrets, so a plain SHA-256 is enough to store them safely and find them fast. */
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function looksLikeTokenSecret(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && value.length > TOKEN_PREFIX.length + 16;
}
