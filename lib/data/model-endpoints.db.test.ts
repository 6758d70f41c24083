import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveEndpoint, createEndpoint, findEndpoints, restoreEndpoint, testEndpoint, updateEndpoint } from "@/lib/data/model-endpoints";
import { db } from "@/lib/db/prisma";
import { openSecret } from "@/lib/models/secret-box";
import { createTestUser } from "@/lib/testing/factories";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";
import { createDialogueProjectRecord, createEndpointRecord } from "@/prisma/factories";

const SECRET = "model-endpoints-test-secret-0123456789abcdef";
const KEY = "sk-test-3f9a1c7e5b2d4f6a8c0e";
let open: FakeOpenAiServer;
let guarded: FakeOpenAiServer;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  [open, guarded] = await Promise.all([startFakeOpenAiServer(), startFakeOpenAiServer({ apiKey: KEY })]);
});

afterAll(async () => {
  await Promise.all([open.close(), guarded.close()]);
});

const unique = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}`;
const auditOf = (targetId: string) =>
  db().auditEvent.findMany({ where: { targetId }, orderBy: { seq: "asc" }, select: { action: true, before: true, after: true } });

describe("creating and changing model endpoints", () => {
  it("seals a typed key, never shows it in the list or the audit log, and records each change", async () => {
    const admin = await createTestUser("ADMIN");
    const name = unique("llama");
    const created = await createEndpoint({ actor: admin, input: { name, baseUrl: `${guarded.baseUrl}/`, modelId: "ok", apiKey: KEY, temperature: 0.7 } });

    const row = await db().modelEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ baseUrl: guarded.baseUrl, apiKeyEnv: null, timeoutSeconds: 60, maxConcurrent: 4, temperature: 0.7 });
    expect(row.apiKeyEncrypted).toMatch(/^v1:/);
    expect(row.apiKeyEncrypted).not.toContain(KEY);
    expect(openSecret(row.apiKeyEncrypted!, SECRET)).toBe(KEY);

    const listed = (await findEndpoints()).find((endpoint) => endpoint.id === created.id)!;
    expect(listed).toMatchObject({ name, apiKey: { kind: "stored" }, archived: false, projectCount: 0 });
    expect(JSON.stringify(await findEndpoints())).not.toMatch(new RegExp(`${KEY}|${row.apiKeyEncrypted}`));

    await updateEndpoint({ actor: admin, endpointId: created.id, input: { temperature: 0.2, stop: ["###"], apiKeyEnv: "PREFLAB_TEST_API_KEY" } });
    // The same values again change nothing and record nothing.
    await updateEndpoint({ actor: admin, endpointId: created.id, input: { temperature: 0.2, stop: ["###"], apiKeyEnv: "PREFLAB_TEST_API_KEY", apiKey: "" } });
    await updateEndpoint({ actor: admin, endpointId: created.id, input: { apiKey: "sk-another-key" } });
    await updateEndpoint({ actor: admin, endpointId: created.id, input: { clearApiKey: true } });
    expect(await db().modelEndpoint.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ apiKeyEnv: null, apiKeyEncrypted: null, stop: ["###"] });

    const audit = await auditOf(created.id);
    expect(audit.map((event) => [event.action, event.before, event.after])).toEqual([
      ["endpoint.create", null, expect.objectContaining({ name, baseUrl: guarded.baseUrl, modelId: "ok", temperature: 0.7, apiKey: "changed" })],
      ["endpoint.update", { temperature: 0.7, stop: [], apiKey: "stored" }, { temperature: 0.2, stop: ["###"], apiKey: "from PREFLAB_TEST_API_KEY" }],
      ["endpoint.update", { apiKey: "from PREFLAB_TEST_API_KEY" }, { apiKey: "changed" }],
      ["endpoint.update", { apiKey: "stored" }, { apiKey: "none" }],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/sk-test|sk-another|v1:/);
  });

  it.each(["AUTH_SECRET", "DATABASE_URL", "openai_api_key"])("refuses %s as the variable holding the key, and stores nothing", async (apiKeyEnv) => {
    const admin = await createTestUser("ADMIN");
    const name = unique("env");
    await expect(createEndpoint({ actor: admin, input: { name, baseUrl: open.baseUrl, modelId: "ok", apiKeyEnv } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [{ field: "apiKeyEnv", message: expect.stringContaining("never send the app's own secrets (AUTH_SECRET, DATABASE_URL)") }],
    });
    expect(await db().modelEndpoint.count({ where: { name } })).toBe(0);
    const endpoint = await createEndpoint({ actor: admin, input: { name, baseUrl: open.baseUrl, modelId: "ok" } });
    await expect(updateEndpoint({ actor: admin, endpointId: endpoint.id, input: { apiKeyEnv } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await db().modelEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).apiKeyEnv).toBeNull();
  });

  it("refuses a name already taken and unknown fields", async () => {
    const admin = await createTestUser("ADMIN");
    const name = unique("taken");
    await createEndpoint({ actor: admin, input: { name, baseUrl: open.baseUrl, modelId: "ok" } });
    await expect(createEndpoint({ actor: admin, input: { name, baseUrl: open.baseUrl, modelId: "ok" } })).rejects.toMatchObject({
      code: "CONFLICT",
      details: [{ field: "name", message: "already taken" }],
    });
    const input = { name: unique("x"), baseUrl: open.baseUrl, modelId: "ok", builtin: true } as never;
    await expect(createEndpoint({ actor: admin, input })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("lets a built-in endpoint change only its sampling settings and limits", async () => {
    const admin = await createTestUser("ADMIN");
    const builtin = await createEndpointRecord(db(), { name: unique("demo"), modelId: "demo-helpful", builtin: true, baseUrl: "builtin" });
    const result = await updateEndpoint({ actor: admin, endpointId: builtin.id, input: { name: builtin.name, temperature: 1, maxConcurrent: 8 } });
    expect(result.changed).toEqual(["temperature", "maxConcurrent"]);
    for (const input of [{ name: unique("renamed") }, { baseUrl: open.baseUrl }, { modelId: "other" }, { apiKey: KEY }]) {
      await expect(updateEndpoint({ actor: admin, endpointId: builtin.id, input })).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining("only its sampling settings and limits can change"),
      });
    }
    expect((await findEndpoints()).find((endpoint) => endpoint.id === builtin.id)).toMatchObject({ apiKey: { kind: "builtin" }, temperature: 1 });
  });
});

describe("archiving", () => {
  it("never leaves a live-conversation project without a model, names the project, and restores", async () => {
    const admin = await createTestUser("ADMIN");
    const [first, second] = [await createEndpointRecord(db(), { modelId: "ok" }), await createEndpointRecord(db(), { modelId: "ok" })];
    const project = await createDialogueProjectRecord(db(), { endpointIds: [first.id, second.id], name: unique("Chat") });

    await archiveEndpoint({ actor: admin, endpointId: first.id });
    await archiveEndpoint({ actor: admin, endpointId: first.id });
    await expect(archiveEndpoint({ actor: admin, endpointId: second.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `"${second.name}" is the last active model of the live-conversation project "${project.name}" (${project.slug}): add another model to that project before archiving it`,
    });
    const listed = await findEndpoints();
    expect(listed.find((endpoint) => endpoint.id === first.id)).toMatchObject({ archived: true, projectCount: 1 });
    expect(listed.find((endpoint) => endpoint.id === second.id)).toMatchObject({ archived: false });

    await restoreEndpoint({ actor: admin, endpointId: first.id });
    await archiveEndpoint({ actor: admin, endpointId: second.id });
    expect((await auditOf(first.id)).map((event) => event.action)).toEqual(["endpoint.archive", "endpoint.restore"]);
    expect((await auditOf(second.id)).map((event) => [event.action, event.before])).toEqual([["endpoint.archive", { archivedAt: null }]]);
  });
});

describe("testing an endpoint", () => {
  async function endpointFor(options: { baseUrl?: string; modelId: string; apiKey?: string; apiKeyEnv?: string; timeoutSeconds?: number }) {
    const admin = await createTestUser("ADMIN");
    const { baseUrl = open.baseUrl, ...rest } = options;
    const endpoint = await createEndpoint({ actor: admin, input: { name: unique("test"), baseUrl, ...rest } });
    return testEndpoint({ actor: admin, endpointId: endpoint.id });
  }

  it("returns the answer and its timings, sending the test prompt with at most 40 tokens", async () => {
    const result = await endpointFor({ modelId: "ok:length=60" });
    expect(result).toMatchObject({ ok: true, text: expect.stringMatching(/\S/), firstTokenMs: expect.any(Number), totalMs: expect.any(Number) });
    const body = open.requests.at(-1)!.body as { messages: unknown[]; max_tokens: number; stream: boolean };
    expect(body).toMatchObject({
      stream: true,
      max_tokens: 40,
      messages: [{ role: "user", content: "Reply with one short sentence to say you are working." }],
    });
  });

  it("returns a server error with its exact HTTP detail, at once", async () => {
    const started = Date.now();
    const result = await endpointFor({ modelId: "500" });
    expect(result).toMatchObject({ ok: false, kind: "server-error", error: expect.stringMatching(/^HTTP 500: /) });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("returns refused 401 for a wrong key, and the answer for the stored right one", async () => {
    expect(await endpointFor({ baseUrl: guarded.baseUrl, modelId: "ok", apiKey: "sk-wrong-key" })).toMatchObject({
      ok: false,
      kind: "refused",
      error: expect.stringMatching(/^HTTP 401: /),
    });
    expect(await endpointFor({ baseUrl: guarded.baseUrl, modelId: "ok", apiKey: KEY })).toMatchObject({ ok: true });
  });

  it("reads a key from its variable, and says so when the variable is unset", async () => {
    process.env.PREFLAB_TEST_API_KEY = KEY;
    expect(await endpointFor({ baseUrl: guarded.baseUrl, modelId: "ok", apiKeyEnv: "PREFLAB_TEST_API_KEY" })).toMatchObject({ ok: true });
    delete process.env.PREFLAB_TEST_API_KEY;
    expect(await endpointFor({ baseUrl: guarded.baseUrl, modelId: "ok", apiKeyEnv: "PREFLAB_TEST_API_KEY" })).toEqual({
      ok: false,
      kind: "refused",
      error: "the environment variable PREFLAB_TEST_API_KEY, named as this endpoint's API key, is not set",
    });
  });

  it("gives up on a stalled stream after the endpoint's timeout, and names an unreachable server", async () => {
    expect(await endpointFor({ modelId: "stall:after=5", timeoutSeconds: 1 })).toEqual({ ok: false, kind: "timeout", error: "no token for 1 s" });
    expect(await endpointFor({ baseUrl: "http://127.0.0.1:1/v1", modelId: "ok" })).toMatchObject({ ok: false, kind: "unreachable" });
  });
});
