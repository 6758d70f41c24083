import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EndpointPicker } from "@/components/projects/endpoint-picker";

describe("EndpointPicker", () => {
  it("sends an admin without endpoints to the models page", () => {
    const html = renderToStaticMarkup(<EndpointPicker endpoints={[]} defaultValue={[]} error="" />);
    expect(html).toContain('<a class="text-indigo-700 underline" href="/admin/models">Add a model first</a>');
    expect(html).not.toContain('type="checkbox"');
  });

  it("lists each endpoint by name and model id, ticks the project's, and marks an archived one", () => {
    const endpoints = [
      { id: "e1", name: "llama3", modelId: "llama3.1:8b", archived: false },
      { id: "e2", name: "old-qwen", modelId: "qwen2:7b", archived: true },
    ];
    const html = renderToStaticMarkup(<EndpointPicker endpoints={endpoints} defaultValue={["e2"]} error="pick one" />);
    expect(html).toContain('<input type="checkbox" name="endpointIds" value="e1"/>llama3<span class="font-mono text-slate-500">llama3.1:8b</span>');
    expect(html).toContain('<input type="checkbox" name="endpointIds" checked="" value="e2"/>old-qwen');
    expect(html).toContain("(archived: not drawn for new turns)");
    expect(html).toContain("pick one");
  });
});
