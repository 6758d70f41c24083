"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { createProject } from "@/lib/data/projects";

export async function createProjectAction(_previous: ActionResult<never> | null, formData: FormData): Promise<ActionResult<never> | null> {
  const result = await runAction("project:manage", (actor) =>
    createProject({
      actor,
      input: {
        slug: String(formData.get("slug") ?? ""),
        name: String(formData.get("name") ?? ""),
        question: String(formData.get("question") ?? "") || undefined,
        judgmentsPerItem: String(formData.get("judgmentsPerItem") ?? "") || undefined,
      },
    }),
  );
  if (!result.ok) return result;
  revalidatePath("/admin");
  redirect(`/admin/projects/${result.data.slug}`);
}
