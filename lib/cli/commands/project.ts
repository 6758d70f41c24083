import { resolveCliActor } from "@/lib/cli/actor";
import { createProject } from "@/lib/data/projects";
import type { CreateProjectInput } from "@/lib/validations/project";

export async function createProjectCommand(options: CreateProjectInput & { as?: string }) {
  const { as, ...input } = options;
  const actor = await resolveCliActor(as).catch(() => null);
  const project = await createProject({ actor, input });
  console.log(
    `Created project ${project.slug} ("${project.name}"): ${project.judgmentKind.toLowerCase()}, ${project.judgmentsPerItem} judgment(s) per item, ${project.polarity.toLowerCase()} polarity.`,
  );
}
