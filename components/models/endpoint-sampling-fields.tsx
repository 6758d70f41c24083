import { EndpointField, inputClass } from "@/components/models/endpoint-field";
import type { EndpointView } from "@/lib/data/model-endpoints";
import { stopListToText } from "@/lib/validations/model-endpoint";

type Props = { endpoint?: EndpointView; errorOf: (field: string) => string };

const fromNumber = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

/** How the endpoint samples (empty: the server's default) and its limits. */
export function EndpointSamplingFields({ endpoint, errorOf }: Props) {
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <EndpointField label="Temperature" hint="0 to 2" error={errorOf("temperature")}>
          <input name="temperature" type="number" min={0} max={2} step="any" defaultValue={fromNumber(endpoint?.temperature)} className={inputClass} />
        </EndpointField>
        <EndpointField label="Top-p" hint="0 to 1" error={errorOf("topP")}>
          <input name="topP" type="number" min={0} max={1} step="any" defaultValue={fromNumber(endpoint?.topP)} className={inputClass} />
        </EndpointField>
        <EndpointField label="Max tokens" hint="per answer" error={errorOf("maxTokens")}>
          <input name="maxTokens" type="number" min={1} max={32768} defaultValue={fromNumber(endpoint?.maxTokens)} className={inputClass} />
        </EndpointField>
        <EndpointField label="Seed" error={errorOf("seed")}>
          <input name="seed" type="number" step={1} defaultValue={fromNumber(endpoint?.seed)} className={inputClass} />
        </EndpointField>
      </div>
      <EndpointField label="Stop sequences" hint="up to 4, one a line; \n for a line break" error={errorOf("stop")}>
        <textarea name="stop" rows={2} defaultValue={stopListToText(endpoint?.stop ?? [])} className={`${inputClass} font-mono`} />
      </EndpointField>
      <EndpointField label="System prompt" hint="sent before every conversation; empty for none" error={errorOf("systemPrompt")}>
        <textarea name="systemPrompt" rows={3} maxLength={20000} defaultValue={endpoint?.systemPrompt ?? ""} className={inputClass} />
      </EndpointField>
      <div className="grid gap-3 sm:grid-cols-2">
        <EndpointField label="Timeout (seconds)" hint="without a token" error={errorOf("timeoutSeconds")}>
          <input name="timeoutSeconds" type="number" min={1} max={600} required defaultValue={endpoint?.timeoutSeconds ?? 60} className={inputClass} />
        </EndpointField>
        <EndpointField label="Requests at once" hint="across every app process" error={errorOf("maxConcurrent")}>
          <input name="maxConcurrent" type="number" min={1} max={256} required defaultValue={endpoint?.maxConcurrent ?? 4} className={inputClass} />
        </EndpointField>
      </div>
    </>
  );
}
