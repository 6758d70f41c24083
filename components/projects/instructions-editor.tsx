"use client";

import { useState } from "react";
import { InstructionsPreviewPanel } from "@/components/projects/instructions-preview-panel";
import { InstructionsTab } from "@/components/projects/instructions-tab";
import { useServerAction } from "@/components/ui/use-server-action";
import { previewInstructionsAction } from "@/lib/actions/instructions-preview";

/** Markdown instructions with a Preview tab rendered on the server by the workers' own component. */
export function InstructionsEditor({ defaultValue }: { defaultValue: string }) {
  const [text, setText] = useState(defaultValue);
  const [tab, setTab] = useState<"write" | "preview">("write");
  const preview = useServerAction(previewInstructionsAction);

  const showPreview = () => {
    setTab("preview");
    void preview.run(text);
  };

  return (
    <div>
      <div role="tablist" aria-label="Instructions" className="flex gap-1">
        <InstructionsTab name="write" selected={tab === "write"} onSelect={() => setTab("write")}>
          Write
        </InstructionsTab>
        <InstructionsTab name="preview" selected={tab === "preview"} onSelect={showPreview}>
          Preview
        </InstructionsTab>
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
      <InstructionsPreviewPanel
        hidden={tab !== "preview"}
        pending={preview.pending}
        error={preview.error}
        preview={preview.result?.ok ? preview.result.data : null}
      />
    </div>
  );
}
