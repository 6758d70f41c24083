"use client";

import { useState } from "react";
import { useServerAction } from "@/components/ui/use-server-action";
import { previewInstructionsAction } from "@/lib/actions/instructions-preview";

/** Markdown instructions with a Preview tab rendered on the server by the workers' own component. */
export function InstructionsEditor({ defaultValue }: { defaultValue: string }) {
  const [text, setText] = useState(defaultValue);
  const [tab, setTab] = useState<"write" | "preview">("write");
  const { run, pending, result, error } = useServerAction(previewInstructionsAction);
  const preview = result?.ok ? result.data : null;

  const showPreview = () => {
    setTab("preview");
    void run(text);
  };
  const tabClass = (active: boolean) => `rounded-t px-3 py-1 text-sm ${active ? "border border-b-0 border-slate-300 bg-white font-medium" : "text-slate-600"}`;

  return (
    <div>
      <div role="tablist" aria-label="Instructions" className="flex gap-1">
        <button
          type="button"
          role="tab"
          id="instructions-write-tab"
          aria-selected={tab === "write"}
          aria-controls="instructions-write"
          onClick={() => setTab("write")}
          className={tabClass(tab === "write")}
        >
          Write
        </button>
        <button
          type="button"
          role="tab"
          id="instructions-preview-tab"
          aria-selected={tab === "preview"}
          aria-controls="instructions-preview"
          onClick={showPreview}
          className={tabClass(tab === "preview")}
        >
          Preview
        </button>
      </div>
      <div id="instructions-write" role="tabpanel" aria-labelledby="instructions-write-tab" hidden={tab !== "write"}>
        <textarea
          name="instructions"
          aria-label="Instructions (markdown)"
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={10}
          className="w-full rounded-b rounded-tr border border-slate-300 px-3 py-2 font-mono text-sm"
        />
      </div>
      <div
        id="instructions-preview"
        role="tabpanel"
        aria-labelledby="instructions-preview-tab"
        hidden={tab !== "preview"}
        aria-busy={pending}
        className="min-h-24 rounded-b rounded-tr border border-slate-300 bg-white p-3"
      >
        {pending ? (
          <p className="text-sm text-slate-500">Rendering…</p>
        ) : error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : (
          (preview ?? <p className="text-sm text-slate-500">Nothing to preview yet.</p>)
        )}
      </div>
    </div>
  );
}
