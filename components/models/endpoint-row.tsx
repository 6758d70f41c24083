"use client";

import { useState } from "react";
import { EndpointForm } from "@/components/models/endpoint-form";
import { EndpointTestOutcome } from "@/components/models/endpoint-test-outcome";
import { FormError } from "@/components/ui/form-error";
import { Modal } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";
import { archiveEndpointAction, restoreEndpointAction, testEndpointAction } from "@/lib/actions/model-endpoints";
import type { EndpointView } from "@/lib/data/model-endpoints";
import { describeKeySource, describeLimits, describeSampling } from "@/lib/models/endpoint-summary";

const smallButton = "rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:opacity-50";

/** One endpoint: its settings, and below them what its last test, edit or archive said. */
export function EndpointRow({ endpoint }: { endpoint: EndpointView }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string[] | null>(null);
  const test = useServerAction(testEndpointAction);
  const status = useServerAction((archive: boolean) => (archive ? archiveEndpointAction(endpoint.id) : restoreEndpointAction(endpoint.id)));
  const runTest = () => {
    setSaved(null);
    void test.run(endpoint.id);
  };
  return (
    <>
      <tr className="border-t border-slate-100 align-top">
        <th scope="row" className="p-3 font-medium">
          {endpoint.name}
        </th>
        <td className="p-3 font-mono">{endpoint.modelId}</td>
        <td className="p-3 font-mono break-all">{endpoint.builtin ? "this app" : endpoint.baseUrl}</td>
        <td className="p-3">{describeKeySource(endpoint.apiKey)}</td>
        <td className="p-3">{describeSampling(endpoint)}</td>
        <td className="p-3">{describeLimits(endpoint)}</td>
        <td className="p-3">{endpoint.projectCount}</td>
        <td className="p-3">{endpoint.archived ? "archived" : "active"}</td>
        <td className="p-3">
          <div className="flex gap-2">
            <button type="button" onClick={runTest} disabled={test.pending} aria-label={`Test ${endpoint.name}`} className={smallButton}>
              {test.pending ? "Testing…" : "Test"}
            </button>
            <button type="button" onClick={() => setEditing(true)} aria-label={`Edit ${endpoint.name}`} className={smallButton}>
              Edit
            </button>
            <button
              type="button"
              onClick={() => void status.run(!endpoint.archived)}
              disabled={status.pending}
              aria-label={`${endpoint.archived ? "Restore" : "Archive"} ${endpoint.name}`}
              className={smallButton}
            >
              {endpoint.archived ? "Restore" : "Archive"}
            </button>
          </div>
          <Modal open={editing} title={`Edit ${endpoint.name}`} onClose={() => setEditing(false)}>
            <EndpointForm
              endpoint={endpoint}
              onSaved={(changed) => {
                setEditing(false);
                setSaved(changed);
              }}
            />
          </Modal>
        </td>
      </tr>
      <tr>
        <td colSpan={9} className="px-3">
          {/* Always there, so screen readers hear what appears in it; empty, it takes no room. Its width is
              capped: a cell spanning the table would otherwise stretch the table to the answer's length. */}
          <div role="status" aria-live="polite" aria-label={`About ${endpoint.name}`} className="max-w-4xl pb-3 text-sm empty:pb-0">
            {saved && <p className="text-green-800">{saved.length > 0 ? `Saved ${endpoint.name}: ${saved.join(", ")}.` : "Nothing changed."}</p>}
            {!saved && <EndpointTestOutcome result={test.result} />}
          </div>
          <FormError message={status.error} className="pb-3" />
        </td>
      </tr>
    </>
  );
}
