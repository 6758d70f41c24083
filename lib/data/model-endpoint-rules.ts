import "server-only";
// What an endpoint's row holds for admins, where its key comes from, and what a change to it may do.
import { requireAuthSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sealSecret } from "@/lib/models/secret-box";
import { SAMPLING_FIELDS } from "@/lib/validations/model-endpoint";

export const endpointSelect = {
  id: true,
  name: true,
  builtin: true,
  baseUrl: true,
  modelId: true,
  apiKeyEnv: true,
  apiKeyEncrypted: true,
  temperature: true,
  topP: true,
  maxTokens: true,
  stop: true,
  seed: true,
  systemPrompt: true,
  timeoutSeconds: true,
  maxConcurrent: true,
  archivedAt: true,
} as const;

export type EndpointRow = Prisma.ModelEndpointGetPayload<{ select: typeof endpointSelect }>;

/** Where an endpoint's key comes from; the key itself never leaves the server. */
export type ApiKeySource = { kind: "env"; name: string } | { kind: "stored" } | { kind: "none" } | { kind: "builtin" };

export function apiKeySource(row: Pick<EndpointRow, "builtin" | "apiKeyEnv" | "apiKeyEncrypted">): ApiKeySource {
  if (row.builtin) return { kind: "builtin" };
  if (row.apiKeyEnv) return { kind: "env", name: row.apiKeyEnv };
  return row.apiKeyEncrypted ? { kind: "stored" } : { kind: "none" };
}

/** A change of key source, with what the audit log says of it: never the key. */
export type KeyChange = { data: { apiKeyEncrypted: string | null; apiKeyEnv: string | null }; before: { apiKey: string }; after: { apiKey: string } };

type KeyFields = { apiKey?: string; apiKeyEnv?: string; clearApiKey?: boolean };

function describeSource(source: ApiKeySource): string {
  return source.kind === "env" ? `from ${source.name}` : source.kind;
}

/** One source at a time: a new key replaces a variable and the other way round; null when nothing changes. */
export function keyChange(current: EndpointRow, { apiKey, apiKeyEnv, clearApiKey }: KeyFields): KeyChange | null {
  const before = { apiKey: describeSource(apiKeySource(current)) };
  if (apiKey) return { data: { apiKeyEncrypted: sealSecret(apiKey, requireAuthSecret()), apiKeyEnv: null }, before, after: { apiKey: "changed" } };
  if (apiKeyEnv && apiKeyEnv !== current.apiKeyEnv) return { data: { apiKeyEncrypted: null, apiKeyEnv }, before, after: { apiKey: `from ${apiKeyEnv}` } };
  if (clearApiKey && (current.apiKeyEnv || current.apiKeyEncrypted))
    return { data: { apiKeyEncrypted: null, apiKeyEnv: null }, before, after: { apiKey: "none" } };
  return null;
}

/** A built-in endpoint is the app's own demo model: its name, address, model id and key are fixed. */
export function refuseBuiltinChanges(changedFields: string[], keyChanged: boolean) {
  const fixed = [...changedFields.filter((field) => !(SAMPLING_FIELDS as string[]).includes(field)), ...(keyChanged ? ["apiKey"] : [])];
  if (fixed.length === 0) return;
  throw new AppError(
    "CONFLICT",
    `A built-in model's name, address, model id and key are the app's own: only its sampling settings and limits can change (not ${fixed.join(", ")})`,
    fixed.map((field) => ({ field, message: "fixed for a built-in model" })),
  );
}
