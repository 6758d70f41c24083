// `preflab project create --kind DIALOGUE ...` in its own process: endpoints named on the command line
// become the project's endpoints, and a name that does not resolve stores nothing.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { createTestUser } from "@/lib/testing/factories";
import { runCli } from "@/lib/testing/run-cli";
import { createEndpointRecord } from "@/prisma/factories";

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}`;

async function twoEndpoints() {
  const [first, second] = [unique("cli-llama"), unique("cli-qwen")];
  return [await createEndpointRecord(db(), { name: first, modelId: "llama3.1:8b" }), await createEndpointRecord(db(), { name: second, modelId: "qwen2.5:7b" })];
}

const endpointIdsOf = async (projectId: string) =>
  (await db().projectEndpoint.findMany({ where: { projectId }, select: { endpointId: true } })).map((row) => row.endpointId).sort();

describe("preflab project create --kind DIALOGUE", () => {
  it("stores the conversation settings and the endpoints named, and records them for the admin given", async () => {
    const [llama, qwen] = await twoEndpoints();
    const admin = await createTestUser("ADMIN");
    const slug = unique("cli-live");
    const run = await runCli([
      ...["project", "create", "--slug", slug, "--name", "CLI live", "--kind", "DIALOGUE", "--endpoints", `${llama.name}, ${qwen.name}`],
      ...["--samples-per-turn", "2", "--min-turns", "1", "--max-turns", "5", "--pairing", "RANDOM_MODELS", "--red-team"],
      ...["--question", "Choose the more harmful response.", "--polarity", "RED_TEAM", "--as", admin.email],
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(
      `Created project ${slug} ("CLI live"): live conversations (red team) with ${llama.name}, ${qwen.name}, 2 samples a turn, red_team polarity.\n`,
    );
    const project = await db().project.findUniqueOrThrow({ where: { slug } });
    expect(project).toMatchObject({
      judgmentKind: "DIALOGUE",
      samplesPerTurn: 2,
      minTurns: 1,
      maxTurns: 5,
      pairingRule: "RANDOM_MODELS",
      redTeam: true,
      question: "Choose the more harmful response.",
      polarity: "RED_TEAM",
      // A conversation has one judgment per turn and always a pick.
      judgmentsPerItem: 1,
      allowBothBad: false,
    });
    expect(await endpointIdsOf(project.id)).toEqual([llama.id, qwen.id].sort());
    const [event] = await db().auditEvent.findMany({ where: { targetId: project.id }, select: { actorId: true, action: true, after: true } });
    expect(event).toMatchObject({ actorId: admin.id, action: "project.create", after: { endpointIds: [llama.id, qwen.id] } });
  });

  it("takes the other rules and sample counts, defaulting what is not given", async () => {
    const [llama] = await twoEndpoints();
    const slug = unique("cli-same");
    const run = await runCli([
      "project",
      "create",
      "--slug",
      slug,
      "--name",
      "CLI same",
      "--kind",
      "DIALOGUE",
      "--endpoints",
      llama.name,
      "--pairing",
      "SAME_MODEL",
      "--samples-per-turn",
      "3",
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const project = await db().project.findUniqueOrThrow({ where: { slug } });
    expect(project).toMatchObject({ samplesPerTurn: 3, minTurns: 1, maxTurns: 5, pairingRule: "SAME_MODEL", redTeam: false });
    expect(await endpointIdsOf(project.id)).toEqual([llama.id]);
  });

  it("refuses an unknown endpoint by its name, with exit code 1 and no project", async () => {
    const [llama] = await twoEndpoints();
    const slug = unique("cli-unknown-endpoint");
    const run = await runCli([
      "project",
      "create",
      "--slug",
      slug,
      "--name",
      "CLI unknown",
      "--kind",
      "DIALOGUE",
      "--endpoints",
      `${llama.name},no-such-model`,
    ]);
    expect(run).toMatchObject({ code: 1, stdout: "", stderr: 'error: No model endpoint called "no-such-model"\n' });
    expect(await db().project.count({ where: { slug } })).toBe(0);
  });

  it("refuses an archived endpoint, which would never be drawn", async () => {
    const archived = await createEndpointRecord(db(), { name: unique("cli-archived"), modelId: "old", archivedAt: new Date() });
    const slug = unique("cli-archived-endpoint");
    const run = await runCli([
      "project",
      "create",
      "--slug",
      slug,
      "--name",
      "CLI archived",
      "--kind",
      "DIALOGUE",
      "--endpoints",
      archived.name,
      "--pairing",
      "SAME_MODEL",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: Archived, so never drawn: "${archived.name}". Restore it first (endpoint restore) or leave it out\n`);
    expect(await db().project.count({ where: { slug } })).toBe(0);
  });

  it("refuses settings that do not fit: different models from one endpoint, more minimum turns than maximum, 5 samples", async () => {
    const [llama] = await twoEndpoints();
    const slug = unique("cli-misfit");
    const base = ["project", "create", "--slug", slug, "--name", "CLI misfit", "--kind", "DIALOGUE", "--endpoints", llama.name];
    const pairing = await runCli([...base, "--pairing", "BALANCED"]);
    expect(pairing.code).toBe(1);
    expect(pairing.stderr).toContain("comparing different models needs at least two endpoints");
    const turns = await runCli([...base, "--pairing", "SAME_MODEL", "--min-turns", "4", "--max-turns", "3"]);
    expect(turns.code).toBe(1);
    expect(turns.stderr).toContain("the minimum number of turns is above the maximum");
    const samples = await runCli([...base, "--pairing", "SAME_MODEL", "--samples-per-turn", "5"]);
    expect(samples.code).toBe(1);
    expect(samples.stderr).toContain("at most 4 samples a turn");
    expect(await db().project.count({ where: { slug } })).toBe(0);
  });

  it("refuses conversation options without --kind DIALOGUE, naming them", async () => {
    const [llama] = await twoEndpoints();
    const slug = unique("cli-not-dialogue");
    const run = await runCli(["project", "create", "--slug", slug, "--name", "CLI pairwise", "--endpoints", llama.name, "--red-team"]);
    expect(run).toMatchObject({ code: 1, stdout: "", stderr: "error: --endpoints, --red-team: only with --kind DIALOGUE\n" });
    expect(await db().project.count({ where: { slug } })).toBe(0);
  });
});
