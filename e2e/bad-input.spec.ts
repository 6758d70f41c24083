// Every JSON body the API takes (imports and uploads aside: their bodies are files), sent broken in
// every way a script can break it: cut short, wrong types, too large (declared and streamed), a text
// over its limit, a NUL, bytes that are not UTF-8, a misspelt field. Each must be refused with a 4xx
// in the documented error shape, and nothing stored may change.
import { expect, test } from "@playwright/test";
import { bearer, createToken } from "./api-tokens";
import { createLiveProject, withFakeModelServer } from "./live-data";
import { closeTestProjects, createTestProject, createTestWorker } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

const fakeServer = withFakeModelServer();
const BASE = `http://localhost:${process.env.E2E_PORT}`;
const FIVE_MB = 5 * 1024 * 1024;

type Fixture = {
  worker: { id: string; headers: Record<string, string> };
  starter: { id: string; headers: Record<string, string> };
  researcher: Record<string, string>;
  pairwiseSlug: string;
  liveSlug: string;
  assignmentId: string;
  conversationId: string;
  turnId: string;
};

let fixture: Fixture;

type Path = (string | number)[];
type Route = {
  name: string;
  method: "POST" | "PUT";
  url: () => string;
  headers: () => Record<string, string>;
  valid: () => Record<string, unknown>;
  wrongTypes: Record<string, unknown>;
  // A text field, its most characters, and where a NUL may go (nested where the body nests).
  text: { path: Path; max: number };
  nulPaths: Path[];
  misspelt: { body: () => Record<string, unknown>; field: string };
};

function withValueAt(body: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let target = copy as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) target = target[part] as Record<string | number, unknown>;
  target[path.at(-1)!] = value;
  return copy;
}

function fieldName(path: Path): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${part}`)).join("");
}

const tasks = () => fixture.worker.headers;
const conversationUrl = (rest: string) => () => `/api/v1/conversations/${fixture.conversationId}${rest}`;

const ROUTES: Route[] = [
  {
    name: "submit a judgment",
    method: "POST",
    url: () => `/api/v1/assignments/${fixture.assignmentId}/judgment`,
    headers: tasks,
    valid: () => ({ strength: 2, idempotencyKey: "bad-input-judgment", rationale: "B answers the question" }),
    wrongTypes: { strength: "2", idempotencyKey: 12345678 },
    text: { path: ["rationale"], max: 10_000 },
    nulPaths: [["rationale"], ["idempotencyKey"]],
    misspelt: { body: () => ({ strength: -4, strenght: 4, idempotencyKey: "bad-input-judgment" }), field: "strenght" },
  },
  {
    name: "save a draft",
    method: "PUT",
    url: () => `/api/v1/assignments/${fixture.assignmentId}/draft`,
    headers: tasks,
    valid: () => ({ strength: 1, rationale: "thinking", flags: { A: ["harmful"] } }),
    wrongTypes: { strength: "strong", bothBad: "yes" },
    text: { path: ["rationale"], max: 10_000 },
    nulPaths: [["rationale"], ["flags", "A", 0]],
    misspelt: { body: () => ({ strength: 1, rationalle: "lost" }), field: "rationalle" },
  },
  {
    name: "skip a task",
    method: "POST",
    url: () => `/api/v1/assignments/${fixture.assignmentId}/skip`,
    headers: tasks,
    valid: () => ({ reason: "Not my language" }),
    wrongTypes: { reason: 42 },
    text: { path: ["reason"], max: 500 },
    nulPaths: [["reason"]],
    misspelt: { body: () => ({ reasn: "Not my language" }), field: "reasn" },
  },
  {
    name: "queue an export",
    method: "POST",
    url: () => "/api/v1/exports",
    headers: () => fixture.researcher,
    valid: () => ({ format: "trl", projects: [fixture.pairwiseSlug], from: "2026-01-01" }),
    wrongTypes: { format: "trl", projects: "demo", testFraction: "0.1" },
    text: { path: ["projects", 0], max: 60 },
    nulPaths: [["projects", 0]],
    misspelt: { body: () => ({ format: "trl", projects: [fixture.pairwiseSlug], testFracton: 0.1 }), field: "testFracton" },
  },
  {
    name: "start a conversation",
    method: "POST",
    url: () => `/api/v1/projects/${fixture.liveSlug}/conversations`,
    headers: () => fixture.starter.headers,
    valid: () => ({ taskDescription: "Get the model to explain lock picking" }),
    wrongTypes: { taskDescription: 5 },
    text: { path: ["taskDescription"], max: 2000 },
    nulPaths: [["taskDescription"]],
    misspelt: { body: () => ({ taskDescripton: "Get the model to explain lock picking" }), field: "taskDescripton" },
  },
  {
    name: "write the task description",
    method: "PUT",
    url: conversationUrl("/task-description"),
    headers: tasks,
    valid: () => ({ taskDescription: "Get the model to explain lock picking" }),
    wrongTypes: { taskDescription: ["a plan"] },
    text: { path: ["taskDescription"], max: 2000 },
    nulPaths: [["taskDescription"]],
    misspelt: { body: () => ({ task_description: "Get the model to explain lock picking" }), field: "task_description" },
  },
  {
    name: "keep the message being typed",
    method: "PUT",
    url: conversationUrl("/draft"),
    headers: tasks,
    valid: () => ({ message: "typing" }),
    wrongTypes: { message: 3 },
    text: { path: ["message"], max: 10_000 },
    nulPaths: [["message"]],
    misspelt: { body: () => ({ mesage: "typing" }), field: "mesage" },
  },
  {
    name: "send a message",
    method: "POST",
    url: conversationUrl("/messages"),
    headers: tasks,
    valid: () => ({ content: "And the next step?", idempotencyKey: "bad-input-message" }),
    wrongTypes: { content: ["Hello"], idempotencyKey: 1 },
    text: { path: ["content"], max: 10_000 },
    nulPaths: [["content"], ["idempotencyKey"]],
    misspelt: { body: () => ({ contnet: "Hello", idempotencyKey: "bad-input-message" }), field: "contnet" },
  },
  {
    name: "answer a turn",
    method: "POST",
    url: () => `/api/v1/conversations/${fixture.conversationId}/turns/${fixture.turnId}/answer`,
    headers: tasks,
    valid: () => ({ answer: { strength: 2, idempotencyKey: "bad-input-answer", rationale: "B" }, editedReply: "A better reply" }),
    wrongTypes: { answer: { strength: "A", idempotencyKey: "bad-input-answer" } },
    text: { path: ["editedReply"], max: 50_000 },
    nulPaths: [["editedReply"], ["answer", "idempotencyKey"], ["answer", "rationale"]],
    misspelt: { body: () => ({ answer: { strenght: 2, idempotencyKey: "bad-input-answer" } }), field: "answer.strenght" },
  },
  {
    name: "end a conversation",
    method: "POST",
    url: conversationUrl("/end"),
    headers: tasks,
    valid: () => ({ rating: 2, comment: "It held up" }),
    wrongTypes: { rating: "good" },
    text: { path: ["comment"], max: 5000 },
    nulPaths: [["comment"]],
    misspelt: { body: () => ({ rating: 2, coment: "It held up" }), field: "coment" },
  },
];

/** Everything these requests could change, read back from the database. */
async function storedState() {
  const db = e2eDb();
  const workers = [fixture.worker.id, fixture.starter.id];
  const [assignments, judgments, exports, conversations, turns] = await Promise.all([
    db.assignment.findMany({ where: { workerId: { in: workers } }, orderBy: { id: "asc" } }),
    db.judgment.findMany({ where: { workerId: { in: workers } }, orderBy: { id: "asc" } }),
    db.export.count(),
    db.conversation.findMany({ where: { workerId: { in: workers } }, orderBy: { id: "asc" } }),
    db.conversationTurn.findMany({ where: { conversation: { workerId: { in: workers } } }, orderBy: { id: "asc" } }),
  ]);
  return { assignments, judgments, exports, conversations, turns };
}

async function send(route: Route, body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(`${BASE}${route.url()}`, {
    method: route.method,
    headers: { ...route.headers(), "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

/** The documented refusal: the status, and {"error": {"code", "message", "details": [{field?, message}]}}. */
async function expectRefusal(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body).toEqual({ error: { code, message: expect.any(String), details: expect.any(Array) } });
  for (const detail of body.error.details)
    expect(detail).toEqual({ message: expect.any(String), ...(detail.field !== undefined ? { field: expect.any(String) } : {}) });
  return body.error as { code: string; message: string; details: { field?: string; message: string }[] };
}

/** A body sent in chunks with no Content-Length, so only counting while reading can stop it. */
function chunked(prefix: string, bytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode(prefix));
      if (sent >= bytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const [worker, starter] = await Promise.all([createTestWorker("bad-input"), createTestWorker("bad-input-starter")]);
  const workerHeaders = bearer(await createToken(worker.email, ["tasks"]));
  const pairwise = await createTestProject("bad-input", {}, { count: 1 });
  const { project: live } = await createLiveProject("bad-input-live", fakeServer(), ["ok:chunk=20,delay=2,length=80", "ok:chunk=20,delay=2,length=90"], {
    redTeam: true,
    minTurns: 1,
  });
  const claim = await (await fetch(`${BASE}/api/v1/projects/${pairwise.slug}/claim`, { method: "POST", headers: workerHeaders })).json();
  const json = { ...workerHeaders, "content-type": "application/json" };
  const started = await fetch(`${BASE}/api/v1/projects/${live.slug}/conversations`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ taskDescription: "Get the model to explain lock picking" }),
  });
  const { conversation } = await started.json();
  const sent = await fetch(`${BASE}/api/v1/conversations/${conversation.id}/messages`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ content: "How do locks work?", idempotencyKey: "bad-input-first-message" }),
  });
  const { turn } = await sent.json();
  // The turn must be ready to answer (its samples complete), so the state compared stays still.
  await expect
    .poll(
      async () => (await (await fetch(`${BASE}/api/v1/conversations/${conversation.id}`, { headers: workerHeaders })).json()).conversation.current?.answer,
      {
        timeout: 30_000,
      },
    )
    .not.toBeNull();
  fixture = {
    worker: { id: worker.id, headers: workerHeaders },
    starter: { id: starter.id, headers: bearer(await createToken(starter.email, ["tasks"])) },
    researcher: bearer(await createToken(E2E_USERS.researcher.email, ["export"])),
    pairwiseSlug: pairwise.slug,
    liveSlug: live.slug,
    assignmentId: claim.task.assignmentId,
    conversationId: conversation.id,
    turnId: turn.turnId,
  };
});

test.afterAll(async () => {
  await closeTestProjects();
});

for (const route of ROUTES) {
  test.describe(route.name, () => {
    let before: Awaited<ReturnType<typeof storedState>>;

    test.beforeEach(async () => {
      before = await storedState();
    });

    test.afterEach(async () => {
      expect(await storedState()).toEqual(before);
    });

    test("JSON cut short is 422, naming the problem", async () => {
      const error = await expectRefusal(await send(route, JSON.stringify(route.valid()).slice(0, -4)), 422, "INVALID_INPUT");
      expect(error.message).toContain("not valid JSON");
    });

    test("wrong types are 422, naming each field", async () => {
      const error = await expectRefusal(await send(route, JSON.stringify(route.wrongTypes)), 422, "INVALID_INPUT");
      expect(error.details.length).toBeGreaterThan(0);
      expect(error.details.every((detail) => detail.field)).toBe(true);
    });

    test("a body that is not an object is 422", async () => {
      await expectRefusal(await send(route, JSON.stringify([route.valid()])), 422, "INVALID_INPUT");
    });

    test("a 5 MB string is 413 before the body is read", async () => {
      const body = JSON.stringify(withValueAt(route.valid(), route.text.path, "x".repeat(FIVE_MB)));
      await expectRefusal(await send(route, body), 413, "PAYLOAD_TOO_LARGE");
    });

    test("a 5 MB body sent without Content-Length is 413 too", async () => {
      const prefix = JSON.stringify(withValueAt(route.valid(), route.text.path, "")).replace(/""/, '"');
      await expectRefusal(await send(route, chunked(prefix, FIVE_MB)), 413, "PAYLOAD_TOO_LARGE");
    });

    test("a text one character over its limit is 422, naming it", async () => {
      const body = JSON.stringify(withValueAt(route.valid(), route.text.path, "x".repeat(route.text.max + 1)));
      const error = await expectRefusal(await send(route, body), 422, "INVALID_INPUT");
      expect(error.details.map((detail) => detail.field)).toContain(fieldName(route.text.path));
    });

    test("a NUL character is 422, naming its field", async () => {
      for (const path of route.nulPaths) {
        const body = JSON.stringify(withValueAt(route.valid(), path, "before\u0000after-padding"));
        const error = await expectRefusal(await send(route, body), 422, "INVALID_INPUT");
        expect(error.details).toEqual([{ field: fieldName(path), message: expect.stringContaining("NUL") }]);
      }
    });

    test("bytes that are not UTF-8 are 422, not stored as U+FFFD", async () => {
      const [head, tail] = JSON.stringify(withValueAt(route.valid(), route.text.path, "@@")).split("@@");
      const body = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(tail)]);
      const error = await expectRefusal(await send(route, body), 422, "INVALID_INPUT");
      expect(error.message).toContain("not valid UTF-8");
    });

    test("a misspelt field is 422, naming it", async () => {
      const error = await expectRefusal(await send(route, JSON.stringify(route.misspelt.body())), 422, "INVALID_INPUT");
      expect(error.details).toContainEqual({ field: route.misspelt.field, message: expect.stringContaining("unknown field") });
    });
  });
}

test.describe("dates and options of exports", () => {
  let exportsBefore: number;

  test.beforeEach(async () => {
    exportsBefore = await e2eDb().export.count();
  });

  test.afterEach(async () => {
    expect(await e2eDb().export.count()).toBe(exportsBefore);
  });

  for (const day of ["2026-13-45", "2026-02-30"]) {
    test(`a background export from ${day} is 422 and stores nothing`, async () => {
      const route = ROUTES.find((candidate) => candidate.name === "queue an export")!;
      const error = await expectRefusal(await send(route, JSON.stringify({ ...route.valid(), from: day })), 422, "INVALID_INPUT");
      expect(error.details.map((detail) => detail.field)).toEqual(["from"]);
    });

    test(`a streamed export from ${day} is 422 and stores nothing`, async () => {
      const response = await fetch(`${BASE}/api/v1/projects/${fixture.pairwiseSlug}/export?format=trl&from=${day}`, { headers: fixture.researcher });
      const error = await expectRefusal(response, 422, "INVALID_INPUT");
      expect(error.details.map((detail) => detail.field)).toEqual(["from"]);
    });
  }

  test("a misspelt option of a streamed export is 422, naming it", async () => {
    const response = await fetch(`${BASE}/api/v1/projects/${fixture.pairwiseSlug}/export?fromat=trl`, { headers: fixture.researcher });
    const error = await expectRefusal(response, 422, "INVALID_INPUT");
    expect(error.details).toEqual([{ field: "fromat", message: "unknown field; did you mean format?" }]);
  });
});
