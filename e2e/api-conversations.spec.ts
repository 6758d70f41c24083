// A script holds a live conversation through the JSON API with a token: start, send, follow the samples
// as server-sent events, answer, end. Nothing on the wire names a model.
import { expect, test } from "@playwright/test";
import { bearer, createToken } from "./api-tokens";
import { createLiveProject, withFakeModelServer } from "./live-data";
import { createTestWorker } from "./test-data";
import { e2eDb } from "./test-database";

const fakeServer = withFakeModelServer();

/** Reads an SSE response to its end, as the events a client sees. */
function parseEvents(body: string) {
  return body
    .split("\n\n")
    .filter((block) => block.includes("data: "))
    .map((block) => ({
      event: block.match(/^event: (.*)$/m)?.[1] ?? "message",
      data: JSON.parse(block.match(/^data: (.*)$/m)![1]),
    }));
}

test("a script holds a conversation over the API, following the samples as server-sent events, with no model named on the wire", async ({
  request,
  baseURL,
}) => {
  const { project, endpoints } = await createLiveProject("api-live", fakeServer(), ["ok:chunk=3,delay=5,length=150", "ok:chunk=7,delay=2,length=260"], {
    minTurns: 1,
  });
  const worker = await createTestWorker("api-live");
  const headers = bearer(await createToken(worker.email, ["tasks"]));

  const started = await request.post(`/api/v1/projects/${project.slug}/conversations`, { headers, data: {} });
  expect(started.status()).toBe(201);
  const { conversation } = await started.json();
  const again = await request.post(`/api/v1/projects/${project.slug}/conversations`, { headers, data: {} });
  expect(again.status()).toBe(200);
  expect((await again.json()).conversation.id).toBe(conversation.id);

  const message = { content: "Name three rivers.", idempotencyKey: "api-live-send-1" };
  const sent = await request.post(`/api/v1/conversations/${conversation.id}/messages`, { headers, data: message });
  expect(sent.status()).toBe(202);
  const { turn } = await sent.json();
  const replayed = await request.post(`/api/v1/conversations/${conversation.id}/messages`, { headers, data: message });
  expect(replayed.headers()["idempotent-replayed"]).toBe("true");

  // Playwright's request reads the whole body: the stream ends with "ready" once both samples are complete.
  const stream = await fetch(`${baseURL}/api/v1/conversations/${conversation.id}/turns/${turn.turnId}/events`, { headers });
  expect(stream.headers.get("content-type")).toContain("text/event-stream");
  const raw = await stream.text();
  const events = parseEvents(raw);
  expect(events.at(-1)!.event).toBe("ready");
  const texts: Record<string, string> = {};
  for (const event of events.filter((e) => e.event === "samples")) {
    for (const sample of event.data.samples) texts[sample.label] = (texts[sample.label] ?? "") + sample.append;
  }
  const stored = await e2eDb().turnSample.findMany({ where: { turnId: turn.turnId }, orderBy: { label: "asc" } });
  expect(texts).toEqual({ A: stored[0].text, B: stored[1].text });
  for (const secret of ["chatcmpl", "fp_", "system_fingerprint", ...endpoints.flatMap((e) => [e.name, e.modelId])]) expect(raw).not.toContain(secret);

  const view = await (await request.get(`/api/v1/conversations/${conversation.id}`, { headers })).json();
  expect(JSON.stringify(view)).not.toContain(endpoints[0].name);
  expect(view.conversation.current.samples.map((sample: { text: string }) => sample.text)).toEqual([stored[0].text, stored[1].text]);

  const answered = await request.post(`/api/v1/conversations/${conversation.id}/turns/${turn.turnId}/answer`, {
    headers,
    data: { answer: { strength: 2, idempotencyKey: "api-live-answer-1" } },
  });
  expect(answered.status()).toBe(201);
  expect((await answered.json()).turn.reply).toBe(stored[1].text);

  const refused = await request.post(`/api/v1/conversations/${conversation.id}/end`, { headers, data: { rating: 9 } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.details).toEqual([{ field: "rating", message: "choose one of 1, 2, 3, 4, 5" }]);
  const misspelt = await request.post(`/api/v1/conversations/${conversation.id}/end`, { headers, data: { rating: 4, coment: "typo" } });
  expect(misspelt.status()).toBe(422);
  const ended = await request.post(`/api/v1/conversations/${conversation.id}/end`, { headers, data: { rating: 4 } });
  expect(ended.status()).toBe(200);
  expect(await e2eDb().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({ status: "COMPLETED", rating: 4 });
});

test("another worker, a token without the tasks scope, and no token at all are refused", async ({ request }) => {
  const { project } = await createLiveProject("api-live-access", fakeServer(), ["ok", "ok"]);
  const owner = await createTestWorker("api-live-owner");
  const other = await createTestWorker("api-live-other");
  const ownerHeaders = bearer(await createToken(owner.email, ["tasks"]));
  const { conversation } = await (await request.post(`/api/v1/projects/${project.slug}/conversations`, { headers: ownerHeaders, data: {} })).json();
  expect((await request.get(`/api/v1/conversations/${conversation.id}`, { headers: bearer(await createToken(other.email, ["tasks"])) })).status()).toBe(404);
  expect((await request.get(`/api/v1/conversations/${conversation.id}`, { headers: bearer(await createToken(owner.email, ["export"])) })).status()).toBe(403);
  expect((await request.get(`/api/v1/conversations/${conversation.id}`)).status()).toBe(401);
});
