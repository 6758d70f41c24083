import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/** AUTH_SECRET from the environment, or one generated once and kept in .preflab/ (git-ignored). */
export function ensureAuthSecret(root: string): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  const file = path.join(root, ".preflab", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}
