// Bad files over HTTP, the way scripts and the admin page send them: the one-shot import and the
// staged upload, check and commit. Each is refused with a 4xx (or, once a check or commit has begun
// streaming, its NDJSON error line) in the documented shape, with line numbers, and leaves no rows.
import http from "node:http";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { badImportFiles, detailsMismatch, type BadImportFile } from "@/lib/testing/bad-import-files";
import { bearer, createToken } from "./api-tokens";
import { e2eDb } from "./test-database";
import { closeTestProjects, createTestProject } from "./test-data";
import { E2E_USERS } from "./users";

test.afterAll(closeTestProjects);

let token: string;
test.beforeAll(async () => {
  token = await createToken(E2E_USERS.admin.email, ["admin"]);
});

const GOOD = '{"prompt": "Q", "responses": [{"text": "a"}, {"text": "b"}]}\n';
type ApiError = { code: string; message: string; details: { line?: number; field?: string; message: string }[] };

async function stored(projectId: string) {
  return {
    batches: await e2eDb().batch.count({ where: { projectId } }),
    items: await e2eDb().item.count({ where: { projectId } }),
    allBatches: await e2eDb().batch.count(),
  };
}

/** The outcome of a check or commit: an HTTP error, or the last line of its NDJSON answer. */
async function stepOutcome(response: APIResponse): Promise<{ status: number; result?: unknown; error?: ApiError }> {
  if (response.headers()["content-type"]?.startsWith("application/json")) return { status: response.status(), ...(await response.json()) };
  const lines = (await response.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { result?: unknown; error?: ApiError });
  return { status: response.status(), ...lines.at(-1) };
}

function expectRefusal(error: ApiError | undefined, file: BadImportFile) {
  expect(error).toMatchObject({ code: file.code, message: expect.stringContaining("nothing was imported") });
  expect(detailsMismatch(error!.details, file.details)).toBeNull();
}

async function upload(request: APIRequestContext, slug: string, body: Buffer, filename = "bad.jsonl") {
  const response = await request.post(`/api/v1/projects/${slug}/uploads?filename=${encodeURIComponent(filename)}`, { headers: bearer(token), data: body });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { upload: { uploadId: string } }).upload.uploadId;
}

for (const file of badImportFiles()) {
  test(`${file.name}: refused whole by the one-shot import and the staged one, nothing stored`, async ({ request }) => {
    const project = await createTestProject("bad-import", { judgmentKind: "PAIRWISE" });
    const before = await stored(project.id);
    const query = new URLSearchParams({ format: file.format, ...(file.map ? { map: file.map } : {}) });
    const oneShot = await request.post(`/api/v1/projects/${project.slug}/imports?${query}`, { headers: bearer(token), data: file.body });
    expect(oneShot.status()).toBe(422);
    expectRefusal(((await oneShot.json()) as { error: ApiError }).error, file);

    const uploadId = await upload(request, project.slug, file.body);
    const choices = { format: file.format, mapping: file.mapping, skipDuplicates: false };
    const check = await stepOutcome(await request.post(`/api/v1/uploads/${uploadId}/check`, { headers: bearer(token), data: choices }));
    expect(check.status).toBe(200); // the stream had begun: the refusal is its last line
    expectRefusal(check.error, file);
    const commit = await stepOutcome(await request.post(`/api/v1/uploads/${uploadId}/commit`, { headers: bearer(token), data: { ...choices, name: "bad" } }));
    expectRefusal(commit.error, file);
    expect(await stored(project.id)).toEqual(before);
    expect(await e2eDb().upload.findUniqueOrThrow({ where: { id: uploadId } })).toMatchObject({ batchId: null });
  });
}

test("a second commit of an upload is 410 GONE, whether after the first or at the same time", async ({ request }) => {
  const project = await createTestProject("commit-twice");
  const commit = (uploadId: string) => request.post(`/api/v1/uploads/${uploadId}/commit`, { headers: bearer(token), data: { format: "auto" } });

  const first = await upload(request, project.slug, Buffer.from(GOOD), "once.jsonl");
  expect((await stepOutcome(await commit(first))).result).toMatchObject({ itemCount: 1 });
  const again = await commit(first);
  expect(again.status()).toBe(410);
  expect((await again.json()).error).toMatchObject({ code: "GONE", details: [{ field: "batchId" }] });

  const second = await upload(request, project.slug, Buffer.from(GOOD.replace("Q", "Q2")), "twice.jsonl");
  const both = await Promise.all([commit(second), commit(second)]);
  expect(both.map((response) => response.status()).sort()).toEqual([200, 410]);
  const outcomes = await Promise.all(both.map(stepOutcome));
  expect(outcomes.find((o) => o.status === 200)?.result).toMatchObject({ itemCount: 1 });
  expect(outcomes.find((o) => o.status === 410)?.error).toMatchObject({ code: "GONE" });
  expect(await e2eDb().batch.count({ where: { projectId: project.id } })).toBe(2);
});

test("what is known before reading is an HTTP status: an unknown upload, a mapping the header lacks", async ({ request }) => {
  const project = await createTestProject("known-before");
  const missing = await request.post(`/api/v1/uploads/00000000-0000-4000-8000-000000000000/check`, { headers: bearer(token), data: { format: "auto" } });
  expect(missing.status()).toBe(404);
  const csv = await upload(request, project.slug, Buffer.from("question,a,b\nQ,x,y\n"), "pairs.csv");
  const mapping = { prompt: "prompt", responses: [{ text: "a" }, { text: "b" }] };
  for (const step of ["check", "commit"]) {
    const response = await request.post(`/api/v1/uploads/${csv}/${step}`, { headers: bearer(token), data: { format: "csv", mapping } });
    expect(response.status()).toBe(422);
    expect((await response.json()).error).toMatchObject({
      code: "INVALID_FILE",
      details: [{ line: 1, field: "prompt", message: 'no column named "prompt" in the header (question, a, b)' }],
    });
  }
  expect(await stored(project.id)).toMatchObject({ batches: 0, items: 0 });
});

test("a NUL in a batch name or a file name is refused naming the field", async ({ request }) => {
  const project = await createTestProject("nul-names");
  const oneShot = await request.post(`/api/v1/projects/${project.slug}/imports?name=a%00b`, { headers: bearer(token), data: GOOD });
  expect(oneShot.status()).toBe(422);
  expect((await oneShot.json()).error).toMatchObject({ code: "INVALID_INPUT", details: [{ field: "name", message: expect.stringContaining("NUL") }] });

  const named = await request.post(`/api/v1/projects/${project.slug}/uploads?filename=a%00.jsonl`, { headers: bearer(token), data: GOOD });
  expect(named.status()).toBe(422);
  expect((await named.json()).error).toMatchObject({ code: "INVALID_INPUT", details: [{ field: "filename" }] });

  const uploadId = await upload(request, project.slug, Buffer.from(GOOD));
  const commit = await request.post(`/api/v1/uploads/${uploadId}/commit`, { headers: bearer(token), data: { format: "auto", name: "a\u0000b" } });
  expect(commit.status()).toBe(422);
  expect((await commit.json()).error).toMatchObject({ code: "INVALID_INPUT", details: [{ field: "name" }] });
  expect(await stored(project.id)).toMatchObject({ batches: 0, items: 0 });
});

/** POSTs a body announced as over 1 GB, sends a little of it, and reads the answer without sending the rest. */
function postAnnouncingTooMuch(path: string): Promise<{ status: number; body: { error: ApiError } }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "localhost", port: Number(process.env.E2E_PORT), path, method: "POST", headers: { ...bearer(token), "content-length": String(1024 ** 3 + 1) } },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
        });
      },
    );
    request.on("error", reject);
    request.write(GOOD);
  });
}

test("a body announced as over 1 GB is refused 413 before it is read, by both ways in", async () => {
  const project = await createTestProject("too-large");
  for (const path of [`/api/v1/projects/${project.slug}/imports`, `/api/v1/projects/${project.slug}/uploads?filename=big.jsonl`]) {
    const { status, body } = await postAnnouncingTooMuch(path);
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("larger than 1 GB") });
  }
  expect(await stored(project.id)).toMatchObject({ batches: 0, items: 0 });
  expect(await e2eDb().upload.count({ where: { projectId: project.id } })).toBe(0);
});
