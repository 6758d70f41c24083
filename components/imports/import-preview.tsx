"use client";

import { useState } from "react";
import { Conversation } from "@/components/comparison/conversation";
import { MarkdownText } from "@/components/comparison/markdown-text";
import { ResponsePanel } from "@/components/comparison/response-panel";
import type { ItemInput } from "@/lib/formats/item";

const LABELS = "ABCDEFGHI";

/**
 * The first items as a worker will see them: the same conversation and response components and
 * the same markdown path, so model text renders inert here too. Admins also see each response's
 * model and the file's reference preference, labelled, which workers never do.
 */
function PreviewItem({ line, item }: { line: number; item: ItemInput }) {
  const [expanded, setExpanded] = useState<string[]>([]);
  return (
    <article aria-label={`Preview of line ${line}`} className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4">
      <h4 className="text-sm font-semibold text-slate-600">
        Line {line}
        {item.externalId ? ` · id ${item.externalId}` : ""}
      </h4>
      <Conversation messages={item.context} />
      <div className={`grid gap-4 ${item.candidates.length === 2 ? "md:grid-cols-2" : "md:grid-cols-2 xl:grid-cols-3"}`}>
        {item.candidates.map((candidate, index) => {
          const label = LABELS[index];
          return (
            <ResponsePanel
              key={label}
              label={label}
              body={<MarkdownText text={candidate.text} />}
              diff={null}
              showDiff={false}
              expanded={expanded.includes(label)}
              onToggleExpanded={() => setExpanded((current) => (current.includes(label) ? current.filter((l) => l !== label) : [...current, label]))}
            >
              <p className="mt-2 text-xs text-slate-500">
                Admin only: model {candidate.model ?? "not given"}
                {candidate.referenceRank !== null ? ` · reference rank ${candidate.referenceRank}` : ""}
              </p>
            </ResponsePanel>
          );
        })}
      </div>
    </article>
  );
}

export function ImportPreview({ items }: { items: { line: number; item: ItemInput }[] }) {
  return (
    <section aria-label="Preview" className="space-y-3">
      <h3 className="font-semibold">Preview: the first {items.length === 1 ? "item" : `${items.length} items`} as workers will see them</h3>
      {items.map(({ line, item }) => (
        <PreviewItem key={line} line={line} item={item} />
      ))}
    </section>
  );
}
