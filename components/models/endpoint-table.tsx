import { EndpointRow } from "@/components/models/endpoint-row";
import { DataTable } from "@/components/ui/data-table";
import type { EndpointView } from "@/lib/data/model-endpoints";

const COLUMNS = ["Name", "Model id", "Base URL", "API key", "Sampling", "Limits", "Projects", "Status"];

export function EndpointTable({ endpoints }: { endpoints: EndpointView[] }) {
  if (endpoints.length === 0) {
    return (
      <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">
        No model endpoints yet. Add one below: any server that speaks OpenAI&apos;s Chat Completions (vLLM, Ollama, llama.cpp, a hosted API).
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <DataTable
        columns={[
          ...COLUMNS,
          <span key="actions" className="sr-only">
            Actions
          </span>,
        ]}
      >
        {endpoints.map((endpoint) => (
          <EndpointRow key={endpoint.id} endpoint={endpoint} />
        ))}
      </DataTable>
    </div>
  );
}
