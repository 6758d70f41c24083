import type { TaskProject } from "@/lib/data/task-view";
import type { Draft } from "@/lib/validations/judgment";

/** What the task page hands the browser: the lease, the answer rules, the labels and the draft. */
export type WorkspaceTask = {
  assignmentId: string;
  leaseExpiresAt: string;
  leaseExtensionsLeft: number;
  firstInProject: boolean;
  project: Omit<TaskProject, "instructions"> & { hasInstructions: boolean };
  labels: string[];
  previews: Record<string, string>;
  draft: { value: Draft; savedAt: string } | null;
};
