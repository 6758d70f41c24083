// API keys of model endpoints at rest: AES-256-GCM under a key derived (HKDF) from the server secret,
// so a database dump alone does not give them away. Rotating AUTH_SECRET makes stored keys unreadable;
// the admin then enters them again (or names an environment variable instead).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "preflab", "model-endpoint-api-key", 32));
}

export function sealSecret(plain: string, serverSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(serverSecret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The key in clear, or null when it was sealed under another server secret (or tampered with). */
export function openSecret(sealed: string, serverSecret: string): string | null {
  const [version, payload] = sealed.split(":");
  if (version !== VERSION || !payload) return null;
  const bytes = Buffer.from(payload, "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(serverSecret), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null; // authentication failed: wrong secret or altered bytes, both mean "cannot read"
  }
}
