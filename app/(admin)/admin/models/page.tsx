import type { Metadata } from "next";
import { EndpointForm } from "@/components/models/endpoint-form";
import { EndpointTable } from "@/components/models/endpoint-table";
import { requirePagePermission } from "@/lib/auth/session";
import { findEndpoints } from "@/lib/data/model-endpoints";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  await requirePagePermission("model:manage");
  const endpoints = await findEndpoints();
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold">Models</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          The OpenAI-compatible servers that live conversations draw their samples from. Workers never see these names. An archived endpoint is no longer drawn
          for new turns; what it already answered stays.
        </p>
        <EndpointTable endpoints={endpoints} />
      </section>
      <section className="max-w-2xl">
        <h2 className="mb-4 text-lg font-semibold">New model endpoint</h2>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <EndpointForm />
        </div>
      </section>
    </div>
  );
}
