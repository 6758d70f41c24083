// How the models page and the CLI's list describe an endpoint in a few words (client-safe).
import type { ApiKeySource } from "@/lib/data/model-endpoint-rules";
import type { EndpointSampling } from "@/lib/models/sampling";

export function describeKeySource(source: ApiKeySource): string {
  if (source.kind === "env") return `from $${source.name}`;
  if (source.kind === "stored") return "stored (encrypted)";
  return source.kind === "builtin" ? "built in" : "none";
}

/** "temperature 0.7 · top-p 0.9 · max 512 tokens · 2 stop sequences · seed 7 · system prompt", or the server's defaults. */
export function describeSampling(endpoint: EndpointSampling): string {
  const parts = [
    endpoint.temperature !== null && `temperature ${endpoint.temperature}`,
    endpoint.topP !== null && `top-p ${endpoint.topP}`,
    endpoint.maxTokens !== null && `max ${endpoint.maxTokens} tokens`,
    endpoint.stop.length > 0 && (endpoint.stop.length === 1 ? "1 stop sequence" : `${endpoint.stop.length} stop sequences`),
    endpoint.seed !== null && `seed ${endpoint.seed}`,
    endpoint.systemPrompt && "system prompt",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : "server defaults";
}

export function describeLimits(endpoint: { timeoutSeconds: number; maxConcurrent: number }): string {
  return `${endpoint.timeoutSeconds} s timeout · ${endpoint.maxConcurrent} at once`;
}
