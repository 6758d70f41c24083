// The counts a live-conversation project's pages show: conversations by status and answered turns, for
// each project on its own, and on the staff overview next to the other projects' judgment counts.
import { describe, expect, it } from "vitest";
import { findConversationCounts, findProjectConversationCounts } from "@/lib/data/conversation-counts";
import { findProjectsWithProgress } from "@/lib/data/projects";
import { db } from "@/lib/db/prisma";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { createDialogueProjectRecord, createEndpointRecord } from "@/prisma/factories";

type Status = "ACTIVE" | "COMPLETED" | "ABANDONED";

/** A conversation inserted directly, with `answered` answered turns and `open` turns still waiting for a pick. */
async function addConversation(projectId: string, batchId: string, status: Status, { answered = 0, open = 0 } = {}) {
  const worker = await createTestUser();
  const conversation = await db().conversation.create({ data: { projectId, batchId, workerId: worker.id, status, turnCount: answered + open } });
  for (let index = 0; index < answered + open; index++) {
    await db().conversationTurn.create({
      data: {
        conversationId: conversation.id,
        index,
        idempotencyKey: `turn-${index}`,
        context: [{ role: "user", content: `Message ${index}` }],
        answeredAt: index < answered ? new Date() : null,
      },
    });
  }
}

async function createLiveProject() {
  const endpoint = await createEndpointRecord(db(), { modelId: "ok" });
  const project = await createDialogueProjectRecord(db(), { endpointIds: [endpoint.id] });
  const batch = await db().batch.create({ data: { projectId: project.id, name: "Live", sourceFormat: "live", status: "ACTIVE" } });
  return { project, batchId: batch.id };
}

describe("findConversationCounts", () => {
  it("counts each project's conversations by status and the turns answered in them, and nothing of other projects", async () => {
    const live = await createLiveProject();
    await addConversation(live.project.id, live.batchId, "ACTIVE", { answered: 2, open: 1 });
    await addConversation(live.project.id, live.batchId, "ACTIVE");
    await addConversation(live.project.id, live.batchId, "COMPLETED", { answered: 4 });
    await addConversation(live.project.id, live.batchId, "ABANDONED", { answered: 1, open: 1 });
    const other = await createLiveProject();
    await addConversation(other.project.id, other.batchId, "COMPLETED", { answered: 3 });
    const quiet = await createLiveProject();

    const counts = await findConversationCounts({ projectIds: [live.project.id, other.project.id, quiet.project.id] });
    expect(Object.fromEntries(counts)).toEqual({
      [live.project.id]: { active: 2, completed: 1, abandoned: 1, answeredTurns: 7 },
      [other.project.id]: { active: 0, completed: 1, abandoned: 0, answeredTurns: 3 },
      [quiet.project.id]: { active: 0, completed: 0, abandoned: 0, answeredTurns: 0 },
    });
    expect(await findProjectConversationCounts({ projectId: live.project.id })).toEqual({ active: 2, completed: 1, abandoned: 1, answeredTurns: 7 });
    expect(await findConversationCounts({ projectIds: [] })).toEqual(new Map());
  });
});

describe("findProjectsWithProgress", () => {
  it("gives a live-conversation project its conversation counts and the other projects none", async () => {
    const live = await createLiveProject();
    await addConversation(live.project.id, live.batchId, "COMPLETED", { answered: 2 });
    const pairwise = await createTestProject();
    const projects = await findProjectsWithProgress();
    expect(projects.find((project) => project.id === live.project.id)).toMatchObject({
      judgmentKind: "DIALOGUE",
      conversations: { active: 0, completed: 1, abandoned: 0, answeredTurns: 2 },
    });
    expect(projects.find((project) => project.id === pairwise.id)).toMatchObject({ judgmentKind: "PAIRWISE", conversations: null });
  });
});
