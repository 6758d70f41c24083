import { findCliActor, resolveCliActor } from "@/lib/cli/actor";
import { createProject } from "@/lib/data/projects";
import type { CreateProjectInput } from "@/lib/validations/project";

export async function createProjectCommand(options: CreateProjectInput & { as?: string }) {
  const { as, ...input } = options;
  // A user named by --as must exist. Without it the first admin is recorded, or nobody (the command
  // line) on a fresh install whose first project comes before its first admin.
  const actor = as ? await resolveCliActor(as) : await findCliActor();
  const project = await createProject({ actor, input });
  console.log(
    `Created project ${project.slug} ("${project.name}"): ${project.judgmentKind.toLowerCase()}, ${project.judgmentsPerItem} judgment(s) per item, ${project.polarity.toLowerCase()} polarity.`,
  );
}
