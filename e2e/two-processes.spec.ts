// Two production app processes on one database, as `npm start --processes 2` or two machines behind a
// load balancer run them: a session made on one works on the other, the k-judgments limit and the
// exactly-once submit hold across them, and an export run in the background by either is downloadable
// from both. Process A is Playwright's server, B one this spec starts.
import { createHash } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer, createToken } from "./api-tokens";
import { startSecondServer, type SecondServer } from "./second-server";
import { closeTestProjects, createTestProject, createTestWorker } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

test.describe.configure({ mode: "serial" });

let processB: SecondServer;
let a: string;
let b: string;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(90_000);
  processB = await startSecondServer();
  a = testInfo.project.use.baseURL!;
  b = processB.baseUrl;
});

test.afterAll(async () => {
  await closeTestProjects();
  await processB?.stop();
});

test("a session signed in on one process works on the other", async ({ page }) => {
  await page.goto(`${a}/signin`);
  await page.getByLabel("Email").fill(E2E_USERS.researcher.email);
  await page.getByLabel("Password").fill(E2E_USERS.researcher.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${a}/projects`);

  await page.goto(`${b}/projects`);
  await expect(page).toHaveURL(`${b}/projects`);
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  const session = await (await page.request.get(`${b}/api/auth/session`)).json();
  expect(session?.user?.email).toBe(E2E_USERS.researcher.email);
});

async function claim(request: APIRequestContext, origin: string, token: string, slug: string): Promise<string | null> {
  const response = await request.post(`${origin}/api/v1/projects/${slug}/claim`, { headers: bearer(token) });
  expect(response.status()).toBe(200);
  return ((await response.json()).task?.assignmentId as string | undefined) ?? null;
}

test("k judgments per item and exactly-once submits hold across the two processes", async ({ request }) => {
  const project = await createTestProject("two-processes", { judgmentsPerItem: 2 }, { count: 1 });
  const workers = await Promise.all([1, 2, 3].map((n) => createTestWorker(`two-processes-${n}`)));
  const tokens = await Promise.all(workers.map((worker) => createToken(worker.email, ["tasks"])));

  // Three workers claim the one item at once, through both processes: k = 2 leases, no more.
  const claimed = await Promise.all(tokens.map((token, n) => claim(request, n % 2 === 0 ? a : b, token, project.slug)));
  expect(claimed.filter(Boolean)).toHaveLength(2);
  const holders = claimed.flatMap((assignmentId, n) => (assignmentId ? [{ assignmentId, token: tokens[n] }] : []));

  // Each answer is sent to both processes at once with the same idempotency key, as a client retrying elsewhere does.
  for (const [n, { assignmentId, token }] of holders.entries()) {
    const send = (origin: string) =>
      request.post(`${origin}/api/v1/assignments/${assignmentId}/judgment`, {
        headers: bearer(token),
        data: { strength: -2, idempotencyKey: `two-processes-${n}` },
      });
    const answers = await Promise.all([send(a), send(b)]);
    expect(answers.map((answer) => answer.status())).toEqual([201, 201]);
    const [first, second] = await Promise.all(answers.map(async (answer) => (await answer.json()).judgment.judgmentId));
    expect(second).toBe(first);
    expect(answers.map((answer) => answer.headers()["idempotent-replayed"] ?? "").sort()).toEqual(["", "true"]);
  }

  const judgments = await e2eDb().judgment.findMany({ where: { projectId: project.id }, select: { assignmentId: true, idempotencyKey: true } });
  expect(judgments.map((judgment) => judgment.idempotencyKey).sort()).toEqual(["two-processes-0", "two-processes-1"]);
  expect(new Set(judgments.map((judgment) => judgment.assignmentId)).size).toBe(2);
  expect(await e2eDb().item.findFirstOrThrow({ where: { projectId: project.id }, select: { judgmentCount: true, isComplete: true } })).toEqual({
    judgmentCount: 2,
    isComplete: true,
  });
  // The third worker gets nothing from either process: the item has its k judgments.
  for (const origin of [a, b])
    expect(
      await claim(
        request,
        origin,
        tokens.find((_, n) => !claimed[n])!,
        project.slug,
      ),
    ).toBeNull();
});

test("a background export started on one process is downloadable from both", async ({ request }) => {
  const project = await createTestProject("two-processes-export", { judgmentsPerItem: 1 }, { count: 3 });
  const worker = await createTestWorker("two-processes-export");
  const workerToken = await createToken(worker.email, ["tasks"]);
  for (let n = 0; n < 3; n++) {
    const assignmentId = await claim(request, n % 2 === 0 ? a : b, workerToken, project.slug);
    const submitted = await request.post(`${b}/api/v1/assignments/${assignmentId}/judgment`, {
      headers: bearer(workerToken),
      data: { strength: 3, idempotencyKey: `two-processes-export-${n}` },
    });
    expect(submitted.status()).toBe(201);
  }

  const token = await createToken(E2E_USERS.researcher.email, ["export"]);
  const started = await request.post(`${a}/api/v1/exports`, { headers: bearer(token), data: { format: "trl", projects: [project.slug] } });
  expect(started.status()).toBe(202);
  const { id } = (await started.json()).export as { id: string };
  await expect
    .poll(async () => (await (await request.get(`${b}/api/v1/exports/${id}`, { headers: bearer(token) })).json()).export.status, { timeout: 30_000 })
    .toBe("COMPLETE");

  // Whichever process ran the job wrote the file; the other reads it from the shared folder.
  const record = await e2eDb().export.findUniqueOrThrow({ where: { id } });
  expect(record.rowCount).toBe(3);
  for (const origin of [a, b]) {
    const download = await request.get(`${origin}/api/v1/exports/${id}/file`, { headers: bearer(token) });
    expect(download.status()).toBe(200);
    const body = await download.body();
    expect({ bytes: BigInt(body.length), sha256: createHash("sha256").update(body).digest("hex") }).toEqual({ bytes: record.byteSize, sha256: record.sha256 });
  }
});
