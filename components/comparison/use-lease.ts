"use client";

import { useCallback, useState } from "react";
import type { WorkspaceTask } from "@/components/comparison/workspace-task";
import { useServerAction } from "@/components/ui/use-server-action";
import { extendLeaseAction } from "@/lib/actions/tasks";

export type LeaseEnd = "expired" | "withdrawn";

/** The task's lease on the page: its time, more time when asked for (E), and why it ended. */
export function useLease(task: WorkspaceTask) {
  const [lease, setLease] = useState({ expiresAt: task.leaseExpiresAt, extensionsLeft: task.leaseExtensionsLeft });
  // Why the lease ended under the worker: its time ran out, or an admin closed its batch.
  const [ended, setEnded] = useState<LeaseEnd | null>(null);
  const extending = useServerAction(extendLeaseAction);

  const extend = async () => {
    if (lease.extensionsLeft === 0 || extending.pending || ended) return;
    const result = await extending.run(task.assignmentId);
    if (result?.ok) setLease({ expiresAt: result.data.leaseExpiresAt, extensionsLeft: result.data.extensionsLeft });
  };
  const onExpired = useCallback(() => setEnded((current) => current ?? "expired"), []);

  return { ...lease, extending: extending.pending, error: extending.error, extend, ended, setEnded, onExpired };
}
