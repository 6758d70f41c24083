// A worker's answer survives refreshes, other devices, a second tab and a dropped connection, and
// the lease rules (expiry, skip, more time) hold on the page as in the database.
import { expect, test, type Page, type Route } from "@playwright/test";
import { bearer, createToken } from "./api-tokens";
import { signIn } from "./sign-in";
import { openNextTask, readStoredAnswer, waitForTask } from "./task-page";
import { closeTestProjects, createTestProject, createTestWorker } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

test.afterAll(closeTestProjects);

const FLAGS = [{ id: "harmful", label: "Harmful" }];

test("a refresh, or the same task on another device, brings back the answer in progress", async ({ page, browser }) => {
  const project = await createTestProject("draft-restore", { rationaleMode: "OPTIONAL", flagOptions: FLAGS }, { count: 1 });
  await signIn(page, E2E_USERS.worker);
  const assignmentId = await openNextTask(page, project.name);

  await page.keyboard.press("3");
  await page.locator('[data-flags="A"]').getByRole("checkbox", { name: "Harmful" }).check();
  await page.locator("#rationale").fill("A is shorter but says something harmful.");
  const draft = { strength: -2, flags: { A: ["harmful"] }, rationale: "A is shorter but says something harmful." };
  await expect.poll(async () => (await e2eDb().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).draft, { timeout: 10_000 }).toMatchObject(draft);

  const expectDraftShown = async (shown: Page) => {
    await expect(shown.getByRole("button", { name: "A is slightly better (key 3)" })).toHaveAttribute("aria-pressed", "true");
    await expect(shown.getByRole("button", { pressed: true, name: /\(key \d\)$/ })).toHaveCount(1);
    await expect(shown.locator('[data-flags="A"]').getByRole("checkbox", { name: "Harmful" })).toBeChecked();
    await expect(shown.locator('[data-flags="B"]').getByRole("checkbox", { name: "Harmful" })).not.toBeChecked();
    await expect(shown.locator("#rationale")).toHaveValue(draft.rationale);
  };
  await page.reload();
  await waitForTask(page);
  await expectDraftShown(page);

  // Another device: a new browser with nothing of this one's storage, signed in as the same worker.
  const otherDevice = await browser.newContext();
  try {
    const other = await otherDevice.newPage();
    await signIn(other, E2E_USERS.worker);
    await other.goto(`/tasks/${assignmentId}`);
    await waitForTask(other);
    await expectDraftShown(other);
  } finally {
    await otherDevice.close();
  }
  expect(await e2eDb().judgment.count({ where: { assignmentId } })).toBe(0);
});

test("the same task answered in two tabs at once is stored once", async ({ page, context }) => {
  const project = await createTestProject("two-tabs", {}, { count: 2 });
  await signIn(page, E2E_USERS.worker);
  const assignmentId = await openNextTask(page, project.name);
  const second = await context.newPage();
  await second.goto(`/tasks/${assignmentId}`);
  await waitForTask(second);
  const crashes: string[] = [];
  for (const tab of [page, second]) tab.on("pageerror", (error) => crashes.push(error.message));

  await Promise.all([page.keyboard.press("1"), second.keyboard.press("8")]);
  const [next, nextInSecond] = await Promise.all([waitForTask(page, assignmentId), waitForTask(second, assignmentId)]);

  const judgments = await e2eDb().judgment.findMany({ where: { assignmentId } });
  expect(judgments).toHaveLength(1);
  expect([-4, 4]).toContain(judgments[0].strength);
  // Both tabs moved to the one next task the worker holds: the second tab did not take another item.
  expect(nextInSecond).toBe(next);
  const worker = await e2eDb().user.findUniqueOrThrow({ where: { email: E2E_USERS.worker.email } });
  expect(await e2eDb().assignment.count({ where: { projectId: project.id, workerId: worker.id, status: "ACTIVE" } })).toBe(1);
  for (const tab of [page, second]) await expect(tab.getByText("Something went wrong")).toHaveCount(0);
  expect(crashes).toEqual([]);
  // The tab whose answer was not the one stored says so.
  const loser = judgments[0].strength === -4 ? second : page;
  await expect(loser.getByRole("status").filter({ hasText: "had already been answered" })).toBeVisible();
});

/**
 * Intercepts the task page's Server Action posts: the first one fails in the given way, later ones
 * wait until the test lets them through, so the test can look at the state in between.
 */
async function failFirstSubmit(page: Page, assignmentId: string, fail: (route: Route) => Promise<void>) {
  let posts = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === `/tasks/${assignmentId}`,
    async (route) => {
      const request = route.request();
      if (request.method() !== "POST" || !request.headers()["next-action"]) return route.fallback();
      posts++;
      if (posts === 1) return fail(route);
      await released;
      return route.continue();
    },
  );
  return { release, posts: () => posts };
}

for (const variant of [
  { name: "never reaches the server", judgmentsWhileRetrying: 0, fail: (route: Route) => route.abort("failed") },
  {
    name: "is stored but its response is lost",
    judgmentsWhileRetrying: 1,
    fail: async (route: Route) => {
      await route.fetch();
      await route.abort("failed");
    },
  },
]) {
  test(`an answer whose request ${variant.name} is sent again and stored once`, async ({ page }) => {
    const project = await createTestProject("lost-connection", {}, { count: 2 });
    await signIn(page, E2E_USERS.worker);
    const assignmentId = await openNextTask(page, project.name);
    const network = await failFirstSubmit(page, assignmentId, variant.fail);

    await page.keyboard.press("3");
    await expect(page.getByRole("alert").filter({ hasText: "Connection lost" })).toBeVisible();
    expect(await e2eDb().judgment.count({ where: { assignmentId } })).toBe(variant.judgmentsWhileRetrying);
    network.release();
    const next = await waitForTask(page, assignmentId);

    expect(network.posts()).toBeGreaterThanOrEqual(2);
    const judgments = await e2eDb().judgment.findMany({ where: { assignmentId } });
    expect(judgments).toHaveLength(1);
    expect(judgments[0].strength).toBe(-2);
    // The lost request's next task is the one the page opened: the retry did not lease a second.
    const worker = await e2eDb().user.findUniqueOrThrow({ where: { email: E2E_USERS.worker.email } });
    const leases = await e2eDb().assignment.findMany({ where: { projectId: project.id, workerId: worker.id, status: "ACTIVE" } });
    expect(leases.map((lease) => lease.id)).toEqual([next]);
  });
}

test("when the lease runs out the page says so, answering stops and the item goes to someone else", async ({ page }) => {
  const project = await createTestProject("lease-expiry", { leaseSeconds: 30, rationaleMode: "OPTIONAL" }, { count: 1 });
  await signIn(page, E2E_USERS.worker);
  // The page's clock is under the test's control, so the 30 s countdown runs out at once. Until then it
  // runs at real speed: a slow machine may take seconds from the claim to the first tick.
  await page.clock.install();
  const assignmentId = await openNextTask(page, project.name);
  await expect(page.getByRole("timer", { name: "Time left on this task" })).toHaveText(/^0:(30|[12]\d) left$/);

  await e2eDb().assignment.update({ where: { id: assignmentId }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
  await page.clock.fastForward("00:31");
  await expect(page.getByRole("alert").filter({ hasText: "Time is up for this task" })).toBeVisible();
  await expect(page.getByRole("timer", { name: "Time left on this task" })).toHaveText("0:00 left");
  for (const control of await page.getByRole("button", { name: /\(key \d\)$/ }).all()) await expect(control).toBeDisabled();
  await expect(page.locator("#rationale")).toBeDisabled();
  await expect(page.getByRole("button", { name: /^Skip this task/ })).toBeDisabled();
  await expect(page.getByRole("button", { name: /^Submit/ })).toBeDisabled();
  await expect(page.getByRole("button", { name: /^More time/ })).toHaveCount(0);
  await page.keyboard.press("1");
  await expect(page.getByRole("button", { pressed: true, name: /\(key \d\)$/ })).toHaveCount(0);

  const token = await createToken(E2E_USERS.worker.email, ["tasks"]);
  const refused = await page.request.post(`/api/v1/assignments/${assignmentId}/judgment`, {
    headers: bearer(token),
    data: { strength: -4, idempotencyKey: `late-${assignmentId}` },
  });
  expect(refused.status()).toBe(410);
  expect((await refused.json()).error.code).toBe("LEASE_EXPIRED");
  expect(await e2eDb().judgment.count({ where: { assignmentId } })).toBe(0);

  await page.reload();
  await expect(page.getByRole("status")).toHaveText(/The time for this task ran out/);

  const someoneElse = await createTestWorker("lease-taker");
  const claim = await page.request.post(`/api/v1/projects/${project.slug}/claim`, { headers: bearer(await createToken(someoneElse.email, ["tasks"])) });
  expect(claim.status()).toBe(200);
  const { task } = await claim.json();
  expect(task).not.toBeNull();
  const [expired, taken] = await Promise.all([
    e2eDb().assignment.findUniqueOrThrow({ where: { id: assignmentId } }),
    e2eDb().assignment.findUniqueOrThrow({ where: { id: task.assignmentId } }),
  ]);
  expect(taken).toMatchObject({ itemId: expired.itemId, workerId: someoneElse.id, status: "ACTIVE" });
});

test("skipping with a reason gives the task back and opens the next one", async ({ page }) => {
  const project = await createTestProject("skip", {}, { count: 2 });
  await signIn(page, E2E_USERS.worker);
  const assignmentId = await openNextTask(page, project.name);

  await page.keyboard.press("s");
  const dialog = page.getByRole("dialog", { name: "Skip this task" });
  await expect(dialog).toBeVisible();
  const reason = "The conversation or a response is broken or unreadable";
  await dialog.getByRole("radio", { name: reason }).check();
  await dialog.getByRole("button", { name: "Skip and take the next task" }).click();
  const next = await waitForTask(page, assignmentId);

  const { assignment, judgment } = await readStoredAnswer(assignmentId);
  expect(assignment).toMatchObject({ status: "RELEASED", skipReason: reason });
  expect(judgment).toBeNull();
  expect((await e2eDb().assignment.findUniqueOrThrow({ where: { id: next } })).itemId).not.toBe(assignment.itemId);
});

test("asking for more time with E gives a fresh lease", async ({ page }) => {
  const project = await createTestProject("more-time", { leaseSeconds: 600 }, { count: 1 });
  await signIn(page, E2E_USERS.worker);
  const assignmentId = await openNextTask(page, project.name);
  // A lease nearly used up, so the fresh one is clearly later.
  const nearlyOver = new Date(Date.now() + 60_000);
  await e2eDb().assignment.update({ where: { id: assignmentId }, data: { leaseExpiresAt: nearlyOver } });
  await page.reload();
  await waitForTask(page);
  await expect(page.getByRole("timer", { name: "Time left on this task" })).toHaveText(/^(1:00|0:[3-5]\d) left$/);

  await page.keyboard.press("e");
  await expect(page.getByRole("timer", { name: "Time left on this task" })).toHaveText(/^(10:00|9:[3-5]\d) left$/);
  const extended = await e2eDb().assignment.findUniqueOrThrow({ where: { id: assignmentId } });
  expect(extended.leaseExtensions).toBe(1);
  expect(extended.leaseExpiresAt.getTime()).toBeGreaterThan(nearlyOver.getTime() + 8 * 60_000);
});
