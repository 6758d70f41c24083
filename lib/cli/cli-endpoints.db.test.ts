// `preflab endpoint ...` in its own process: what it stores and prints, and its exit codes, against a
// fake OpenAI-compatible server running in this test process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { openSecret } from "@/lib/models/secret-box";
import { createTestUser } from "@/lib/testing/factories";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";
import { runCli } from "@/lib/testing/run-cli";
import { createDialogueProjectRecord } from "@/prisma/factories";

const SECRET = "cli-endpoints-test-secret-0123456789abcdef";
const KEY = "sk-cli-8d2f6b0a4c9e1f3a";
let server: FakeOpenAiServer;

beforeAll(async () => {
  // The CLI runs in a child process, which inherits it: the secret the server would use.
  process.env.AUTH_SECRET = SECRET;
  server = await startFakeOpenAiServer({ apiKey: KEY });
});

afterAll(async () => {
  await server.close();
});

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}`;
const stored = (name: string) => db().modelEndpoint.findUniqueOrThrow({ where: { name } });

describe("preflab endpoint", () => {
  it("is listed in --help with its commands", async () => {
    expect((await runCli(["--help"])).stdout).toMatch(/^ {2}endpoint\s+manage model endpoints/m);
    const help = await runCli(["endpoint", "--help"]);
    for (const command of ["create", "list", "test", "archive", "restore"]) expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
  });

  it("creates an endpoint with every setting, recorded for the admin given by --as, and lists it", async () => {
    const admin = await createTestUser("ADMIN");
    const name = unique("llama3");
    const run = await runCli([
      ...["endpoint", "create", "--name", name, "--base-url", "http://localhost:11434/v1/", "--model", "llama3.1:8b"],
      ...["--api-key-env", "OLLAMA_API_KEY", "--temperature", "0.7", "--top-p", "0.9", "--max-tokens", "256", "--stop", "\\n\\nUser:,###"],
      ...["--seed", "7", "--system-prompt", "Be brief.", "--timeout", "30", "--max-concurrent", "2", "--as", admin.email],
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(`Created model endpoint ${name} (llama3.1:8b). Check that it answers: npm run preflab -- endpoint test --name ${name}\n`);
    const endpoint = await stored(name);
    expect(endpoint).toMatchObject({
      baseUrl: "http://localhost:11434/v1",
      modelId: "llama3.1:8b",
      apiKeyEnv: "OLLAMA_API_KEY",
      apiKeyEncrypted: null,
      temperature: 0.7,
      topP: 0.9,
      maxTokens: 256,
      stop: ["\n\nUser:", "###"],
      seed: 7,
      systemPrompt: "Be brief.",
      timeoutSeconds: 30,
      maxConcurrent: 2,
    });
    expect(await db().auditEvent.findMany({ where: { targetId: endpoint.id }, select: { actorId: true, action: true } })).toEqual([
      { actorId: admin.id, action: "endpoint.create" },
    ]);

    const list = await runCli(["endpoint", "list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^NAME\s+MODEL\s+BASE URL\s+KEY\s+STATUS\s+PROJECTS\s+LIMITS\s+SAMPLING$/m);
    const line = list.stdout.split("\n").find((row) => row.startsWith(`${name} `))!;
    expect(line.split(/ {2,}/)).toEqual([
      name,
      "llama3.1:8b",
      "http://localhost:11434/v1",
      "from $OLLAMA_API_KEY",
      "active",
      "0",
      "30 s timeout · 2 at once",
      "temperature 0.7 · top-p 0.9 · max 256 tokens · 2 stop sequences · seed 7 · system prompt",
    ]);
  });

  it("stores a key given with --api-key sealed, warns about the shell history, and tests the endpoint with it", async () => {
    const name = unique("guarded");
    const run = await runCli(["endpoint", "create", "--name", name, "--base-url", server.baseUrl, "--model", "ok", "--api-key", KEY]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("warning: --api-key lands in your shell history; prefer --api-key-env NAME or --api-key-stdin\n");
    const { apiKeyEncrypted } = await stored(name);
    expect(openSecret(apiKeyEncrypted!, SECRET)).toBe(KEY);

    const test = await runCli(["endpoint", "test", "--name", name]);
    expect(test).toMatchObject({ code: 0, stderr: "" });
    expect(test.stdout).toMatch(new RegExp(`^${name} answered in \\d+ ms, first token after \\d+ ms:\\n\\S.*\\n$`));
    const list = await runCli(["endpoint", "list"]);
    expect(list.stdout).toMatch(new RegExp(`^${name} .*stored \\(encrypted\\)`, "m"));
    expect(list.stdout).not.toContain(KEY);
    expect(list.stdout).not.toContain(apiKeyEncrypted!);
  });

  it("reads a key from standard input with --api-key-stdin", async () => {
    const name = unique("stdin");
    const run = await runCli(["endpoint", "create", "--name", name, "--base-url", server.baseUrl, "--model", "ok", "--api-key-stdin"], { input: `${KEY}\n` });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(openSecret((await stored(name)).apiKeyEncrypted!, SECRET)).toBe(KEY);
  });

  it("exits with 1 and the exact error when a test fails or the endpoint does not exist", async () => {
    const name = unique("broken");
    await runCli(["endpoint", "create", "--name", name, "--base-url", server.baseUrl, "--model", "500", "--api-key-env", "PREFLAB_CLI_TEST_API_KEY"]);
    const unset = await runCli(["endpoint", "test", "--name", name]);
    expect(unset).toMatchObject({ code: 1, stdout: "" });
    expect(unset.stderr).toBe(
      `error: ${name} failed the test (refused): the environment variable PREFLAB_CLI_TEST_API_KEY, named as this endpoint's API key, is not set\n`,
    );
    process.env.PREFLAB_CLI_TEST_API_KEY = KEY;
    const failing = await runCli(["endpoint", "test", "--name", name]);
    delete process.env.PREFLAB_CLI_TEST_API_KEY;
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(new RegExp(`^error: ${name} failed the test \\(server-error\\): HTTP 500: `));

    const missing = await runCli(["endpoint", "test", "--name", "no-such-endpoint"]);
    expect(missing).toMatchObject({ code: 1, stderr: 'error: No model endpoint called "no-such-endpoint"\n' });
  });

  it("refuses a variable that is not an API key's, and stores nothing", async () => {
    const name = unique("secret");
    const run = await runCli(["endpoint", "create", "--name", name, "--base-url", server.baseUrl, "--model", "ok", "--api-key-env", "AUTH_SECRET"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("never send the app's own secrets (AUTH_SECRET, DATABASE_URL)");
    expect(await db().modelEndpoint.count({ where: { name } })).toBe(0);
  });

  it("archives and restores, and refuses to archive a live-conversation project's last model", async () => {
    const [name, last] = [unique("spare"), unique("last")];
    for (const each of [name, last]) await runCli(["endpoint", "create", "--name", each, "--base-url", server.baseUrl, "--model", "ok"]);
    const project = await createDialogueProjectRecord(db(), { endpointIds: [(await stored(last)).id] });

    expect(await runCli(["endpoint", "archive", "--name", name])).toMatchObject({
      code: 0,
      stdout: `Archived ${name}: it is no longer drawn for new turns.\n`,
    });
    expect((await stored(name)).archivedAt).toBeInstanceOf(Date);
    expect((await runCli(["endpoint", "list"])).stdout).toMatch(new RegExp(`^${name} .* archived `, "m"));
    expect((await runCli(["endpoint", "restore", "--name", name])).code).toBe(0);
    expect((await stored(name)).archivedAt).toBeNull();

    const refused = await runCli(["endpoint", "archive", "--name", last]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`the live-conversation project "${project.name}" (${project.slug})`);
    expect((await stored(last)).archivedAt).toBeNull();
  });
});
