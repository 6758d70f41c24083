import "server-only";
// Where a sample's request goes and with which key, read when the request is made (never stored with the
// sample, never sent to a browser). The built-in demo responder is the app itself, reached over HTTP on
// its own address like any other server, with a key derived from the server secret.
import { env, requireAuthSecret } from "@/lib/env";
import type { EndpointAccess } from "@/lib/data/conversation-samples";
import { demoModelKey } from "@/lib/models/demo-model-key";
import { openSecret } from "@/lib/models/secret-box";
import { SampleFailure } from "@/lib/models/sample-failure";

export const BUILTIN_DEMO_PATH = "/api/demo-model/v1";

// Servers that need no key (Ollama, llama.cpp, vLLM without --api-key) still get a non-empty one: the
// client requires it, and they ignore it.
const NO_KEY = "not-needed";

const EVERY_INTERFACE = new Set(["0.0.0.0", "::"]);

/** The app's own address as seen from inside it, for the built-in demo responder. */
export function internalOrigin(): string {
  const { PREFLAB_INTERNAL_URL, HOST, PORT } = env();
  if (PREFLAB_INTERNAL_URL) return PREFLAB_INTERNAL_URL;
  // Listening on one interface (HOST), the app is reachable only there.
  if (!HOST || EVERY_INTERFACE.has(HOST)) return `http://127.0.0.1:${PORT}`;
  return `http://${HOST.includes(":") ? `[${HOST}]` : HOST}:${PORT}`;
}

export function resolveBaseUrl(endpoint: Pick<EndpointAccess, "builtin" | "baseUrl">): string {
  return endpoint.builtin ? `${internalOrigin()}${BUILTIN_DEMO_PATH}` : endpoint.baseUrl;
}

/** The API key to send; a key that cannot be read fails the sample with a message an admin can act on. */
export function resolveApiKey(endpoint: Pick<EndpointAccess, "builtin" | "apiKeyEnv" | "apiKeyEncrypted">): string {
  if (endpoint.builtin) return demoModelKey();
  if (endpoint.apiKeyEnv) {
    const value = process.env[endpoint.apiKeyEnv];
    if (!value) throw new SampleFailure("refused", `the environment variable ${endpoint.apiKeyEnv}, named as this endpoint's API key, is not set`);
    return value;
  }
  if (endpoint.apiKeyEncrypted) {
    const key = openSecret(endpoint.apiKeyEncrypted, requireAuthSecret());
    if (key === null) throw new SampleFailure("refused", "the stored API key cannot be decrypted (AUTH_SECRET changed?): enter it again");
    return key;
  }
  return NO_KEY;
}
