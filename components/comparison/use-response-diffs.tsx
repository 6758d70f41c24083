"use client";

import { useState } from "react";
import { ResponseDiff } from "@/components/comparison/response-diff";
import { NETWORK_ERROR, useServerAction } from "@/components/ui/use-server-action";
import { loadResponseDiffsAction } from "@/lib/actions/tasks";

/** The differences view: fetched from the server the first time it is shown, then kept. */
export function useResponseDiffs(assignmentId: string) {
  const [shown, setShown] = useState(false);
  const { run, pending, result } = useServerAction(loadResponseDiffsAction);
  const error = result && !result.ok ? (result.code === NETWORK_ERROR ? "Could not reach the server to compare the responses." : result.error) : null;

  const toggle = () => {
    setShown((current) => !current);
    if (!result && !pending) void run(assignmentId);
  };

  const view = (label: string) => {
    if (error)
      return (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      );
    const diff = result?.ok ? result.data.find((candidate) => candidate.label === label) : undefined;
    return diff ? <ResponseDiff diff={diff} /> : <p className="text-sm text-slate-600">Comparing…</p>;
  };

  return { shown, toggle, view };
}
