"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { createProject, updateProject } from "@/lib/data/projects";
import { projectInputFromForm, type CreateProjectInput, type UpdateProjectInput } from "@/lib/validations/project";

export async function createProjectAction(formData: FormData): Promise<ActionResult<never>> {
  const result = await runAction("project:manage", (actor) => createProject({ actor, input: projectInputFromForm(formData) as CreateProjectInput }));
  if (!result.ok) return result;
  revalidatePath("/admin");
  redirect(`/admin/projects/${result.data.slug}`);
}

export async function updateProjectAction(slug: string, formData: FormData): Promise<ActionResult<{ changed: string[] }>> {
  const result = await runAction("project:manage", (actor) => updateProject({ actor, slug, input: projectInputFromForm(formData) as UpdateProjectInput }));
  if (result.ok) {
    revalidatePath("/admin");
    revalidatePath(`/admin/projects/${slug}`);
  }
  return result.ok ? { ok: true, data: { changed: result.data.changed } } : result;
}
