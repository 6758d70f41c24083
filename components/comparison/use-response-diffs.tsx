"use client";

import { useState } from "react";
import { ResponseDiff } from "@/components/comparison/response-diff";
import { loadResponseDiffsAction } from "@/lib/actions/tasks";
import type { ResponseDiff as Diff } from "@/lib/data/response-diffs";

/** The differences view: fetched from the server the first time it is shown, then kept. */
export function useResponseDiffs(assignmentId: string) {
  const [shown, setShown] = useState(false);
  const [diffs, setDiffs] = useState<Diff[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const toggle = () => {
    setShown((current) => !current);
    if (diffs || error) return;
    void loadResponseDiffsAction(assignmentId).then(
      (result) => (result.ok ? setDiffs(result.data) : setError(result.error)),
      () => setError("Could not reach the server to compare the responses."),
    );
  };

  const view = (label: string) => {
    if (error)
      return (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      );
    const diff = diffs?.find((candidate) => candidate.label === label);
    return diff ? <ResponseDiff diff={diff} /> : <p className="text-sm text-slate-600">Comparing…</p>;
  };

  return { shown, toggle, view };
}
