"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

const COLLAPSED_HEIGHT_PX = 480;

/**
 * One response. Long ones start collapsed to a readable height with a button to show all; the
 * diff view (words this response does not share with the other) replaces the text on demand.
 */
export function ResponsePanel({
  label,
  body,
  diff,
  showDiff,
  expanded,
  onToggleExpanded,
  children,
}: {
  label: string;
  body: ReactNode;
  diff: ReactNode;
  showDiff: boolean;
  expanded: boolean;
  onToggleExpanded: () => void;
  children?: ReactNode;
}) {
  const content = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = content.current;
    if (element) setOverflows(element.scrollHeight > COLLAPSED_HEIGHT_PX + 40);
  }, [showDiff]);
  const collapsed = overflows && !expanded;
  return (
    <section aria-label={`Response ${label}`} className="min-w-0 rounded-lg border-2 border-slate-200 bg-white p-4">
      <h2 className="mb-2 text-sm font-bold text-slate-700">Response {label}</h2>
      <div
        ref={content}
        id={`response-${label}`}
        style={collapsed ? { maxHeight: COLLAPSED_HEIGHT_PX } : undefined}
        className={collapsed ? "relative overflow-hidden" : ""}
      >
        {showDiff ? diff : body}
        {collapsed && <div aria-hidden className="absolute inset-x-0 bottom-0 h-16 bg-gradient-to-t from-white" />}
      </div>
      {overflows && (
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={`response-${label}`}
          onClick={onToggleExpanded}
          className="mt-2 text-sm text-indigo-700 underline"
        >
          {expanded ? `Collapse response ${label}` : `Show all of response ${label}`}
        </button>
      )}
      {children}
    </section>
  );
}
