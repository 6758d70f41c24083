import { EndpointField, inputClass } from "@/components/models/endpoint-field";
import type { EndpointView } from "@/lib/data/model-endpoints";
import { describeKeySource } from "@/lib/models/endpoint-summary";

type Props = { endpoint?: EndpointView; errorOf: (field: string) => string };

/**
 * Where the endpoint is and how it signs in. The key is write-only: the field starts empty and an empty
 * field keeps the stored key. A built-in endpoint's address and key are the app's own, so they are shown, not edited.
 */
export function EndpointConnectionFields({ endpoint, errorOf }: Props) {
  if (endpoint?.builtin) {
    return (
      <p className="text-sm text-slate-600">
        {endpoint.name} is a built-in demo model ({endpoint.modelId}), served by this app: only its sampling settings and limits can change.
      </p>
    );
  }
  return (
    <>
      <EndpointField label="Name" hint="what researchers see in exports; never shown to workers" error={errorOf("name")}>
        <input name="name" required maxLength={100} defaultValue={endpoint?.name} className={inputClass} />
      </EndpointField>
      <EndpointField label="Base URL" hint="the server's /v1 address" error={errorOf("baseUrl")}>
        <input name="baseUrl" type="url" required placeholder="http://localhost:11434/v1" defaultValue={endpoint?.baseUrl} className={inputClass} />
      </EndpointField>
      <EndpointField label="Model id" hint="as the server names it" error={errorOf("modelId")}>
        <input name="modelId" required maxLength={200} placeholder="llama3.1:8b" defaultValue={endpoint?.modelId} className={inputClass} />
      </EndpointField>
      <fieldset className="space-y-2 rounded border border-slate-200 p-3 text-sm">
        <legend className="px-1 font-medium">
          API key{endpoint && <span className="font-normal text-slate-500"> (now: {describeKeySource(endpoint.apiKey)})</span>}
        </legend>
        <EndpointField
          label={endpoint ? "New API key" : "API key"}
          hint={endpoint ? "empty keeps the current one" : "stored encrypted; empty for none"}
          error={errorOf("apiKey")}
        >
          <input name="apiKey" type="password" autoComplete="new-password" defaultValue="" className={inputClass} />
        </EndpointField>
        <EndpointField label="Or the environment variable that holds it" hint="ending in _API_KEY" error={errorOf("apiKeyEnv")}>
          <input name="apiKeyEnv" placeholder="OPENAI_API_KEY" className={`${inputClass} font-mono`} />
        </EndpointField>
        {endpoint && endpoint.apiKey.kind !== "none" && (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="clearApiKey" /> Send no key from now on
          </label>
        )}
        {errorOf("clearApiKey") && <p className="text-red-700">{errorOf("clearApiKey")}</p>}
      </fieldset>
    </>
  );
}
