"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { createProject, updateProject } from "@/lib/data/projects";
import { projectInputFromForm, type CreateProjectInput, type UpdateProjectInput } from "@/lib/validations/project";

export type ProjectFormState = ActionResult<{ changed: string[] }> | null;

export async function createProjectAction(_previous: ActionResult<never> | null, formData: FormData): Promise<ActionResult<never> | null> {
  const result = await runAction("project:manage", (actor) => createProject({ actor, input: projectInputFromForm(formData) as CreateProjectInput }));
  if (!result.ok) return result;
  revalidatePath("/admin");
  redirect(`/admin/projects/${result.data.slug}`);
}

export async function updateProjectAction(slug: string, _previous: ProjectFormState, formData: FormData): Promise<ProjectFormState> {
  const result = await runAction("project:manage", (actor) => updateProject({ actor, slug, input: projectInputFromForm(formData) as UpdateProjectInput }));
  if (result.ok) {
    revalidatePath("/admin");
    revalidatePath(`/admin/projects/${slug}`);
  }
  return result.ok ? { ok: true, data: { changed: result.data.changed } } : result;
}
