import { findCliActor, resolveCliActor } from "@/lib/cli/actor";
import { findEndpointIdsByNames } from "@/lib/data/endpoint-choices";
import { createProject } from "@/lib/data/projects";
import { AppError } from "@/lib/errors";
import type { CreateProjectInput } from "@/lib/validations/project";

type CreateOptions = Omit<CreateProjectInput, "endpointIds"> & { as?: string; endpoints?: string };

// Options only a live-conversation project reads: given without --kind DIALOGUE they would be stored
// unused on a project that never draws a model.
const DIALOGUE_OPTIONS = {
  endpoints: "--endpoints",
  samplesPerTurn: "--samples-per-turn",
  minTurns: "--min-turns",
  maxTurns: "--max-turns",
  pairingRule: "--pairing",
  redTeam: "--red-team",
} as const;

export async function createProjectCommand(options: CreateOptions) {
  const { as, endpoints, ...input } = options;
  if (input.judgmentKind !== "DIALOGUE") {
    const given = (Object.keys(DIALOGUE_OPTIONS) as (keyof typeof DIALOGUE_OPTIONS)[]).filter((option) => options[option] !== undefined);
    if (given.length > 0) throw new AppError("INVALID_INPUT", `${given.map((option) => DIALOGUE_OPTIONS[option]).join(", ")}: only with --kind DIALOGUE`);
  }
  const names = endpoints
    ?.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const endpointIds = names && (await findEndpointIdsByNames({ names }));
  // A user named by --as must exist. Without it the first admin is recorded, or nobody (the command
  // line) on a fresh install whose first project comes before its first admin.
  const actor = as ? await resolveCliActor(as) : await findCliActor();
  const project = await createProject({ actor, input: { ...input, endpointIds } });
  console.log(`Created project ${project.slug} ("${project.name}"): ${summary(project, names)}, ${project.polarity.toLowerCase()} polarity.`);
}

function summary(project: { judgmentKind: string; judgmentsPerItem: number; samplesPerTurn: number; redTeam: boolean }, names: string[] | undefined) {
  if (project.judgmentKind !== "DIALOGUE") return `${project.judgmentKind.toLowerCase()}, ${project.judgmentsPerItem} judgment(s) per item`;
  const models = names?.length ? `with ${names.join(", ")}` : "with no model yet";
  return `live conversations${project.redTeam ? " (red team)" : ""} ${models}, ${project.samplesPerTurn} samples a turn`;
}
