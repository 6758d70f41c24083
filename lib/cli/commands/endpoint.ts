import { text } from "node:stream/consumers";
import { resolveCliActor } from "@/lib/cli/actor";
import { printColumns } from "@/lib/cli/columns";
import { archiveEndpoint, createEndpoint, findEndpointIdByName, findEndpoints, restoreEndpoint, testEndpoint } from "@/lib/data/model-endpoints";
import type { Actor } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { describeKeySource, describeLimits, describeSampling } from "@/lib/models/endpoint-summary";
import { ensureAuthSecret } from "@/lib/runner/auth-secret";
import { projectRoot } from "@/lib/project-root";
import { unescapeStop } from "@/lib/validations/model-endpoint";

type CreateOptions = {
  name: string;
  baseUrl: string;
  model: string;
  apiKey?: string;
  apiKeyEnv?: string;
  apiKeyStdin?: boolean;
  temperature?: string;
  topP?: string;
  maxTokens?: string;
  stop?: string;
  seed?: string;
  systemPrompt?: string;
  timeout?: string;
  maxConcurrent?: string;
  as?: string;
};

// Stored keys are sealed with the server secret and the built-in models' key is derived from it, so the
// CLI must hold the secret the server uses: AUTH_SECRET, or else the one `npm start` keeps in .preflab/.
function useServerSecret() {
  process.env.AUTH_SECRET = ensureAuthSecret(projectRoot());
}

// The audit log names the admin given by --as; without it the change is recorded as made from the command line.
async function actorFor(as: string | undefined): Promise<Actor | null> {
  return as ? resolveCliActor(as) : null;
}

async function readApiKey({ apiKey, apiKeyStdin }: CreateOptions): Promise<string | undefined> {
  if (apiKey && apiKeyStdin) throw new AppError("INVALID_INPUT", "give --api-key or --api-key-stdin, not both");
  if (apiKey) console.error("warning: --api-key lands in your shell history; prefer --api-key-env NAME or --api-key-stdin");
  return apiKeyStdin ? (await text(process.stdin)).trim() : apiKey;
}

export async function createEndpointCommand(options: CreateOptions) {
  const { as, model, apiKey: _apiKey, apiKeyStdin: _stdin, stop, timeout, ...settings } = options;
  const apiKey = await readApiKey(options);
  if (apiKey) useServerSecret();
  const input = { ...settings, modelId: model, apiKey, stop: stop?.split(",").map(unescapeStop), timeoutSeconds: timeout };
  const endpoint = await createEndpoint({ actor: await actorFor(as), input });
  console.log(`Created model endpoint ${endpoint.name} (${model}). Check that it answers: npm run preflab -- endpoint test --name ${endpoint.name}`);
}

export async function listEndpointsCommand() {
  const endpoints = await findEndpoints();
  if (endpoints.length === 0) {
    console.log("No model endpoints yet: npm run preflab -- endpoint create --name NAME --base-url URL --model ID");
    return;
  }
  const rows = endpoints.map((endpoint) => [
    endpoint.name,
    endpoint.modelId,
    endpoint.builtin ? "(this app)" : endpoint.baseUrl,
    describeKeySource(endpoint.apiKey),
    endpoint.archived ? "archived" : "active",
    String(endpoint.projectCount),
    describeLimits(endpoint),
    describeSampling(endpoint),
  ]);
  printColumns(["NAME", "MODEL", "BASE URL", "KEY", "STATUS", "PROJECTS", "LIMITS", "SAMPLING"], rows);
}

/** Prints the answer, or the exact error with exit code 1. */
export async function testEndpointCommand({ name }: { name: string }) {
  useServerSecret();
  const result = await testEndpoint({ actor: null, endpointId: await findEndpointIdByName({ name }) });
  if (result.ok) {
    const firstToken = result.firstTokenMs === null ? "" : `, first token after ${result.firstTokenMs} ms`;
    console.log(`${name} answered in ${result.totalMs} ms${firstToken}:\n${result.text}`);
    return;
  }
  console.error(`error: ${name} failed the test (${result.kind}): ${result.error}`);
  process.exitCode = 1;
  // The embedded server's package exits with code 0 from its own beforeExit hook (see main.ts); keep ours.
  process.once("exit", () => (process.exitCode = 1));
}

export async function archiveEndpointCommand({ name, as }: { name: string; as?: string }) {
  await archiveEndpoint({ actor: await actorFor(as), endpointId: await findEndpointIdByName({ name }) });
  console.log(`Archived ${name}: it is no longer drawn for new turns.`);
}

export async function restoreEndpointCommand({ name, as }: { name: string; as?: string }) {
  await restoreEndpoint({ actor: await actorFor(as), endpointId: await findEndpointIdByName({ name }) });
  console.log(`Restored ${name}: projects that list it draw it again.`);
}
