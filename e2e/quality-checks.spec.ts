import { expect, test } from "@playwright/test";
import { createQualityFixture } from "@/lib/testing/quality-fixture";
import { createItemsRecord, createProjectRecord, createUserRecord } from "@/prisma/factories";
import { bearer, createToken } from "./api-tokens";
import { expectNoSeriousViolations } from "./axe";
import { openPage } from "./navigation";
import { signIn } from "./sign-in";
import { readStoredAnswer, waitForTask } from "./task-page";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

const PASSWORD = "quality-checks-pass";
const REASON = "gold accuracy 30% (3 of 10), below 70%";

/** A worker of their own, so their standings and answers are this test's alone. */
async function freshWorker(label: string) {
  const email = `${label}-${crypto.randomUUID().slice(0, 8)}@e2e.example`;
  const user = await createUserRecord(e2eDb(), { email, role: "WORKER", password: PASSWORD });
  return { ...user, password: PASSWORD };
}

test.describe("qualification", () => {
  test("a worker answers a practice item and sees the reference in their own labels before going on", async ({ page }) => {
    const project = await createProjectRecord(e2eDb(), { qualificationPassMark: 0.5, judgmentsPerItem: 1 });
    await createItemsRecord(e2eDb(), {
      projectId: project.id,
      count: 2,
      role: "PRACTICE",
      referenceNote: "The first answer quotes the source; the other guesses.",
    });
    await createItemsRecord(e2eDb(), { projectId: project.id, count: 2 });
    const worker = await freshWorker("practising");
    await signIn(page, worker);

    await openPage(page, "/tasks");
    const entry = page.getByRole("listitem").filter({ hasText: project.name });
    await expect(entry.getByTestId("standing-note")).toHaveText(/Practice first: 0 of 2 answered\..*pass mark of 50%/);
    await expectNoSeriousViolations(page, "the task list of a practising worker");
    await entry.getByRole("button", { name: "Next task" }).click();
    const assignmentId = await waitForTask(page);
    const { assignment, labelOf } = await readStoredAnswer(assignmentId);
    // The engine hands out the practice set first (claim-task.ts).
    const item = await e2eDb().item.findUniqueOrThrow({ where: { id: assignment.itemId }, include: { candidates: { orderBy: { position: "asc" } } } });
    expect(item.role).toBe("PRACTICE");
    // Nothing on the page names the item's role.
    expect(await page.locator("main").innerText()).not.toMatch(/PRACTICE|GOLD|ATTENTION/);

    // "1" is "A is much better": right when A is the reference's best (the first response, rank 1).
    await page.keyboard.press("1");
    const best = labelOf(item.candidates[0].id);
    const panel = page.getByTestId("practice-feedback");
    await expect(panel).toBeVisible();
    await expect(panel.getByRole("heading")).toHaveText(best === "A" ? "Right" : "Not quite");
    await expect(panel).toContainText(`The reference prefers ${best}.`);
    await expect(panel).toContainText("The first answer quotes the source; the other guesses.");
    await expect(panel).toContainText(`Practice: 1 of 2 answered, ${best === "A" ? 1 : 0} right, pass mark 50%.`);
    await expect(panel.getByRole("button", { name: /Next/ })).toBeFocused();
    expect((await e2eDb().judgment.findUniqueOrThrow({ where: { assignmentId } })).workerId).toBe(worker.id);
    await expectNoSeriousViolations(page, "the practice feedback");

    await page.keyboard.press("Enter");
    const next = await waitForTask(page, assignmentId);
    expect(next).not.toBe(assignmentId);
  });
});

test.describe("gold pauses", () => {
  test("a paused worker is told so, without why; an admin sees the reason on the Quality page and resumes them", async ({ page, browser }) => {
    const fixture = await createQualityFixture(e2eDb(), { items: 8, workers: 2, perItem: 2, seed: 31 });
    const [paused, failed] = fixture.workers;
    const projectId = fixture.project.id;
    await e2eDb().project.update({ where: { id: projectId }, data: { qualificationPassMark: 0.8 } });
    await createItemsRecord(e2eDb(), { projectId, count: 2 });
    await e2eDb().workerStanding.create({
      data: { workerId: paused.id, projectId, qualifiedAt: new Date(), goldAnswers: 10, goldCorrect: 3, pausedAt: new Date(), pauseReason: REASON },
    });
    await e2eDb().workerStanding.create({ data: { workerId: failed.id, projectId, practiceAnswers: 5, practiceCorrect: 2, failedAt: new Date() } });

    // The worker's side: paused, never told about gold.
    const workerContext = await browser.newContext();
    const workerPage = await workerContext.newPage();
    await signIn(workerPage, { email: paused.email, password: "test-password" });
    await openPage(workerPage, "/tasks");
    const entry = workerPage.getByRole("listitem").filter({ hasText: fixture.project.name });
    await expect(entry.getByTestId("standing-note")).toHaveText(/You are paused in this project while an admin reviews your work/);
    await expect(entry.getByRole("button", { name: "Next task" })).toBeDisabled();
    expect(await workerPage.locator("main").innerText()).not.toMatch(/gold|attention|30%/i);
    await expectNoSeriousViolations(workerPage, "the task list of a paused worker");
    await workerContext.close();

    await signIn(page, E2E_USERS.admin);
    await openPage(page, `/projects/${fixture.project.slug}/quality`);
    const row = page.getByTestId("worker-row").filter({ hasText: paused.email });
    await expect(row).toContainText(`Paused: ${REASON}`);
    await expect(page.getByTestId("worker-row").filter({ hasText: failed.email })).toContainText("Failed practice 2 of 5");
    await expectNoSeriousViolations(page, "the Quality page with standings");
    await row.getByRole("button", { name: `Resume ${paused.email}` }).click();
    await expect(row).toContainText("Qualified");
    await expect(row.getByRole("button", { name: /Resume/ })).toHaveCount(0);
    expect(await e2eDb().workerStanding.findUniqueOrThrow({ where: { workerId_projectId: { workerId: paused.id, projectId } } })).toMatchObject({
      pausedAt: null,
      pauseReason: null,
      goldAnswers: 0,
      goldCorrect: 0,
    });

    // The drill-down: the failed worker's status and the retry, after a confirmation.
    await openPage(page, `/projects/${fixture.project.slug}/quality/workers/${failed.id}`);
    await expect(page.getByTestId("fact-Status")).toHaveText("Failed practice 2 of 5");
    await expect(page.getByTestId("fact-Gold accuracy")).toBeVisible();
    await expectNoSeriousViolations(page, "a worker's quality page with a failed practice set");
    await page.getByRole("button", { name: `Allow retry for ${failed.email}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Allow retry" }).click();
    await expect(page.getByTestId("fact-Status")).toHaveText("Practising 0 of 0");
    expect((await e2eDb().workerStanding.findUniqueOrThrow({ where: { workerId_projectId: { workerId: failed.id, projectId } } })).failedAt).toBeNull();
  });

  test("the API resumes for admins only, and says when there is nothing to do", async ({ request }) => {
    const fixture = await createQualityFixture(e2eDb(), { items: 4, workers: 1, perItem: 1, seed: 32 });
    const [worker] = fixture.workers;
    await e2eDb().workerStanding.create({ data: { workerId: worker.id, projectId: fixture.project.id, pausedAt: new Date(), pauseReason: REASON } });
    const base = `/api/v1/projects/${fixture.project.slug}/workers`;
    const admin = bearer(await createToken(E2E_USERS.admin.email, ["admin"]));
    const researcher = bearer(await createToken(E2E_USERS.researcher.email, ["export"]));
    const workerToken = bearer(await createToken(E2E_USERS.worker.email, ["tasks"]));

    expect((await request.post(`${base}/${worker.id}/resume`, { headers: researcher })).status()).toBe(403);
    expect((await request.post(`${base}/${worker.id}/resume`, { headers: workerToken })).status()).toBe(403);
    expect((await request.post(`${base}/${crypto.randomUUID()}/resume`, { headers: admin })).status()).toBe(404);
    expect((await request.post(`/api/v1/projects/no-such-project/workers/${worker.id}/resume`, { headers: admin })).status()).toBe(404);
    const resumed = await request.post(`${base}/${worker.id}/resume`, { headers: admin });
    expect(resumed.status()).toBe(200);
    expect((await resumed.json()).standing).toMatchObject({ pausedAt: null, pauseReason: null, goldAnswers: 0 });
    const again = await request.post(`${base}/${worker.id}/resume`, { headers: admin });
    expect(again.status()).toBe(409);
    expect((await again.json()).error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/not paused/) });
    expect((await request.post(`${base}/${worker.id}/retry-qualification`, { headers: admin })).status()).toBe(409);
    expect((await request.post(`${base}/${worker.id}/retry-qualification`, { headers: researcher })).status()).toBe(403);

    const quality = await (await request.get(`/api/v1/projects/${fixture.project.slug}/quality`, { headers: admin })).json();
    expect(quality.workers[0]).toMatchObject({ goldTrials: 0, goldAccuracy: null, status: null });
  });
});

test.describe("on the wire", () => {
  test("a practice answer gets feedback in the worker's labels; a gold item claims and answers exactly like a task", async ({ request }) => {
    const worker = await freshWorker("wire");
    const headers = bearer(await createToken(worker.email, ["tasks"]));
    const practice = await createProjectRecord(e2eDb(), { qualificationPassMark: 1, judgmentsPerItem: 1 });
    await createItemsRecord(e2eDb(), { projectId: practice.id, count: 1, role: "PRACTICE", referenceNote: "The first answer is right." });
    const claimed = await (await request.post(`/api/v1/projects/${practice.slug}/claim`, { headers })).json();
    const assignment = await e2eDb().assignment.findUniqueOrThrow({
      where: { id: claimed.task.assignmentId },
      include: { item: { include: { candidates: true } } },
    });
    const best = assignment.item.candidates.find((candidate) => candidate.referenceRank === 1)!;
    const bestLabel = assignment.displayOrder.indexOf(best.id) === 0 ? "A" : "B";
    const answered = await request.post(`/api/v1/assignments/${claimed.task.assignmentId}/judgment`, {
      headers,
      data: { strength: bestLabel === "A" ? -3 : 3, idempotencyKey: `wire-${claimed.task.assignmentId}` },
    });
    expect(answered.status()).toBe(201);
    expect((await answered.json()).practice).toEqual({
      correct: true,
      reference: [[bestLabel], [bestLabel === "A" ? "B" : "A"]],
      note: "The first answer is right.",
      answered: 1,
      correctSoFar: 1,
      total: 1,
      passMark: 1,
      outcome: "QUALIFIED",
    });

    // Gold at the highest rate: claims alternate between gold and tasks at random, and look the same.
    const mixed = await createProjectRecord(e2eDb(), { goldRate: 0.5, goldMinAnswers: 1000, judgmentsPerItem: 1 });
    await createItemsRecord(e2eDb(), { projectId: mixed.id, count: 30 });
    await createItemsRecord(e2eDb(), { projectId: mixed.id, count: 30, role: "GOLD" });
    const shapes = new Map<string, string>();
    while (shapes.size < 2) {
      const claim = await (await request.post(`/api/v1/projects/${mixed.slug}/claim`, { headers })).json();
      const { item } = await e2eDb().assignment.findUniqueOrThrow({ where: { id: claim.task.assignmentId }, include: { item: true } });
      const task = await (await request.get(`/api/v1/assignments/${claim.task.assignmentId}`, { headers })).json();
      const submitted = await request.post(`/api/v1/assignments/${claim.task.assignmentId}/judgment`, {
        headers,
        data: { strength: 2, idempotencyKey: `wire-${claim.task.assignmentId}` },
      });
      const answer = await submitted.json();
      // Nothing names a check: the only "role" on the wire is a chat message's.
      expect(JSON.stringify([claim, task, answer])).not.toMatch(/gold|reference|practice|attention|"role":"(TASK|GOLD)"/i);
      shapes.set(item.role, JSON.stringify([keysOf(claim), keysOf(task), submitted.status(), keysOf(answer)]));
    }
    expect(shapes.get("GOLD")).toBe(shapes.get("TASK"));
  });
});

/** Every key of a JSON value, nested, with the values left out. */
function keysOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysOf);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, keysOf(inner)]));
  return typeof value;
}
