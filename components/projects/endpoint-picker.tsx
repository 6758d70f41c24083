import Link from "next/link";
import type { EndpointChoice } from "@/lib/data/endpoint-choices";

/** The model endpoints a live-conversation project draws its samples from, by name and model id. */
export function EndpointPicker({ endpoints, defaultValue, error }: { endpoints: EndpointChoice[]; defaultValue: string[]; error: string }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">
        Models to draw from <span className="font-normal text-slate-500">(workers never see their names)</span>
      </legend>
      {endpoints.length === 0 ? (
        <p className="text-sm text-slate-600">
          There are no model endpoints yet.{" "}
          <Link href="/admin/models" className="text-indigo-700 underline">
            Add a model first
          </Link>
          .
        </p>
      ) : (
        <ul className="space-y-1">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id}>
              <label className="flex flex-wrap items-center gap-x-2 text-sm">
                <input type="checkbox" name="endpointIds" value={endpoint.id} defaultChecked={defaultValue.includes(endpoint.id)} />
                {endpoint.name}
                <span className="font-mono text-slate-500">{endpoint.modelId}</span>
                {endpoint.archived && <span className="text-amber-800">(archived: not drawn for new turns)</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}
