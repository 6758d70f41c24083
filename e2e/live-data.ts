// Live-conversation projects a spec makes for itself, on endpoints of a fake OpenAI-compatible server
// running in the Playwright worker (the app reaches it on 127.0.0.1 like any model server).
import { randomBytes } from "node:crypto";
import { createDialogueProjectRecord, createEndpointRecord } from "@/prisma/factories";
import { test } from "@playwright/test";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";
import { e2eDb } from "./test-database";

type DialogueFields = Omit<NonNullable<Parameters<typeof createDialogueProjectRecord>[1]>, "endpointIds">;

const createdEndpointIds: string[] = [];

export async function createLiveProject(label: string, server: FakeOpenAiServer, models: string[], fields: Partial<DialogueFields> = {}) {
  const suffix = randomBytes(3).toString("hex");
  const endpoints = [];
  for (const [index, modelId] of models.entries()) {
    endpoints.push(
      await createEndpointRecord(e2eDb(), { name: `${label}-model-${index + 1}-${suffix}`, modelId, baseUrl: server.baseUrl, timeoutSeconds: 20 }),
    );
  }
  createdEndpointIds.push(...endpoints.map((endpoint) => endpoint.id));
  const project = await createDialogueProjectRecord(e2eDb(), {
    ...fields,
    slug: `${label}-${suffix}`,
    name: `${label} ${suffix}`,
    endpointIds: endpoints.map((endpoint) => endpoint.id),
  });
  return { project, endpoints };
}

/**
 * Archives the endpoints made here, for afterAll: a live project with a model is offered on every
 * worker's task list, which later specs would see.
 */
export async function closeLiveProjects() {
  await e2eDb().modelEndpoint.updateMany({ where: { id: { in: createdEndpointIds } }, data: { archivedAt: new Date() } });
}

/**
 * For a spec file: a fake model server started before its tests, and after them its live projects'
 * endpoints archived and the server closed. Returns a getter (the server exists once beforeAll ran).
 */
export function withFakeModelServer(): () => FakeOpenAiServer {
  let server: FakeOpenAiServer | undefined;
  test.beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  test.afterAll(async () => {
    await closeLiveProjects();
    await server?.close();
  });
  return () => server!;
}
