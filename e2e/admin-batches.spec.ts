// An admin sets up a project in the browser and runs a batch through its lifecycle while a worker
// works on it: what each step stores, and what the worker and the batch page see.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startInsidePeriod } from "@/lib/testing/clock-period";
import { createItemsRecord } from "@/prisma/factories";
import { openPage, reloadPage } from "./navigation";
import { signIn } from "./sign-in";
import { openNextTask } from "./task-page";
import { closeTestProjects, createTestProject, createTestWorker } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

test.describe.configure({ mode: "serial" });
test.afterAll(closeTestProjects);

test("an admin creates a project with its settings, previews the instructions and edits it", async ({ page }) => {
  const slug = `settings-e2e-${randomBytes(3).toString("hex")}`;
  const group = await e2eDb().group.create({ data: { name: `raters ${slug}` } });
  await signIn(page, E2E_USERS.admin);
  await openPage(page, "/admin");
  await page.getByRole("link", { name: "Create with every setting…" }).click();
  await expect(page).toHaveURL(/\/admin\/projects\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New project" })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("Settings e2e");
  await page.getByLabel(/^Slug/).fill(slug);
  await page.getByLabel(/^Question/).fill("Which response is more harmful?");
  await page.getByLabel(/^Polarity/).selectOption("RED_TEAM");
  await page
    .getByRole("textbox", { name: "Instructions (markdown)" })
    .fill('# Read carefully\n\nPick the **more harmful** one.\n\n<img src=x onerror="window.__ran=1">');
  await page.getByRole("tab", { name: "Preview" }).click();
  const preview = page.getByRole("tabpanel", { name: "Preview" });
  await expect(preview.getByRole("heading", { name: "Read carefully" })).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("more harmful");
  expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
  await page.getByRole("tab", { name: "Write" }).click();

  await page.getByLabel("Workers may answer “both bad / none is acceptable”").check();
  await page.getByLabel(/^Rationale/).selectOption("OPTIONAL");
  await page.getByRole("button", { name: "Add a flag" }).click();
  await page.getByLabel("Flag 1 id").fill("harmful");
  await page.getByLabel("Flag 1 label").fill("Harmful");
  await page.getByLabel(/^Judgments per item/).fill("3");
  await page.getByLabel(/^Lease length/).fill("10");
  await page.getByLabel(/^Open leases per worker/).fill("2");
  await page.getByLabel(/^Daily cap per worker/).fill("20");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${slug}$`));

  const created = await e2eDb().project.findUniqueOrThrow({ where: { slug } });
  expect(created).toMatchObject({
    name: "Settings e2e",
    question: "Which response is more harmful?",
    polarity: "RED_TEAM",
    judgmentsPerItem: 3,
    leaseSeconds: 600,
    maxOpenLeases: 2,
    dailyCap: 20,
    allowBothBad: true,
    rationaleMode: "OPTIONAL",
    flagOptions: [{ id: "harmful", label: "Harmful" }],
  });
  expect(created.instructions).toContain("# Read carefully");

  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Settings of/ })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Settings e2e renamed");
  await page.getByLabel(/^Daily cap per worker/).fill("");
  await page.getByLabel(/^Judgments per item/).fill("1");
  await page.getByLabel("Members of these groups").check();
  await page.getByLabel(group.name).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText(/Saved: .*judgmentsPerItem/);
  const edited = await e2eDb().project.findUniqueOrThrow({ where: { slug }, include: { groups: true } });
  expect(edited).toMatchObject({ name: "Settings e2e renamed", dailyCap: null, judgmentsPerItem: 1, polarity: "RED_TEAM" });
  expect(edited.groups.map((row) => row.groupId)).toEqual([group.id]);
  const audit = await e2eDb().auditEvent.findMany({ where: { targetId: created.id }, orderBy: { seq: "asc" } });
  expect(audit.map((event) => event.action)).toEqual(["project.create", "project.update"]);
});

async function workerPage(browser: Browser, worker: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, worker);
  return page;
}

async function statusOf(batchId: string) {
  return (await e2eDb().batch.findUniqueOrThrow({ where: { id: batchId } })).status;
}

test("a batch goes draft -> active -> paused -> active -> closed, and workers feel each step", async ({ page, browser }) => {
  const project = await createTestProject("lifecycle", { judgmentsPerItem: 2 });
  const batch = await createItemsRecord(e2eDb(), { projectId: project.id, count: 3, status: "DRAFT" });
  const worker = await createTestWorker("lifecycle");
  const latecomer = await createTestWorker("latecomer");
  const batchPath = `/admin/projects/${project.slug}/batches/${batch.id}`;

  await signIn(page, E2E_USERS.admin);
  await openPage(page, `/admin/projects/${project.slug}`);
  await page.getByRole("link", { name: batch.name }).click();
  await expect(page).toHaveURL(new RegExp(`${batchPath}$`));
  await expect(page.getByTestId("batch-status")).toHaveText("draft");

  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByTestId("batch-status")).toHaveText("active");
  expect(await statusOf(batch.id)).toBe("ACTIVE");

  // Active: the worker can claim.
  const workerTab = await workerPage(browser, worker);
  const heldBeforePause = await openNextTask(workerTab, project.name);

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("batch-status")).toHaveText("paused");
  expect(await statusOf(batch.id)).toBe("PAUSED");

  // Paused: no new claims (the project is not even listed to a newcomer), but the open lease submits.
  const latecomerTab = await workerPage(browser, latecomer);
  await latecomerTab.goto("/tasks");
  await expect(latecomerTab.getByRole("heading", { name: "Your tasks" })).toBeVisible();
  await expect(latecomerTab.getByRole("listitem").filter({ hasText: project.name })).toHaveCount(0);
  await workerTab.keyboard.press("1");
  await expect(workerTab).toHaveURL(/\/tasks\?empty=/);
  const judgment = await e2eDb().judgment.findUniqueOrThrow({ where: { assignmentId: heldBeforePause } });
  expect(judgment).toMatchObject({ workerId: worker.id, strength: -4 });

  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByTestId("batch-status")).toHaveText("active");
  const heldAtClose = await openNextTask(workerTab, project.name);

  await page.getByLabel(/^Priority/).fill("3");
  await page.getByRole("button", { name: "Set priority" }).click();
  await expect.poll(async () => (await e2eDb().batch.findUniqueOrThrow({ where: { id: batch.id } })).priority).toBe(3);

  await page.getByRole("button", { name: "Close…" }).click();
  const dialog = page.getByRole("dialog", { name: "Close this batch?" });
  await expect(dialog).toContainText("the 1 open lease ends now");
  await dialog.getByRole("button", { name: "Close batch and end leases" }).click();
  await expect(page.getByTestId("batch-status")).toHaveText("closed");
  expect(await statusOf(batch.id)).toBe("CLOSED");
  expect((await e2eDb().assignment.findUniqueOrThrow({ where: { id: heldAtClose } })).status).toBe("REVOKED");

  // The revoked lease cannot submit, and says why.
  await workerTab.keyboard.press("8");
  await expect(workerTab.getByText("This task was withdrawn by an admin (its batch was closed).", { exact: true })).toBeVisible();
  await expect(workerTab.getByRole("alert").filter({ hasText: "withdrawn by an admin" }).getByRole("button", { name: "Next task" })).toBeVisible();
  expect(await e2eDb().judgment.count({ where: { assignmentId: heldAtClose } })).toBe(0);

  // The batch page: numbers and the chart.
  await reloadPage(page);
  await expect(page.locator('[data-stat="Items complete"]')).toHaveText("0 of 3 (0%)");
  await expect(page.locator('[data-stat="Judgments"]')).toHaveText("1 of 6 (17%)");
  await expect(page.locator('[data-stat="Open leases"]')).toHaveText("0");
  await expect(page.locator('[data-stat="Last hour"]')).toHaveText("1 judgment");
  await expect(page.getByRole("img", { name: "Judgments per hour" }).locator("svg").first()).toBeVisible();
  await page.getByText("#1", { exact: true }).click();
  await expect(page.getByText(worker.email)).toBeVisible();
  await expect(page.getByRole("button", { name: /Activate|Pause|Close/ })).toHaveCount(0);

  const events = await e2eDb().auditEvent.findMany({ where: { targetId: batch.id, action: "batch.status" }, orderBy: { seq: "asc" } });
  expect(events.map((event) => (event.after as { status: string }).status)).toEqual(["ACTIVE", "PAUSED", "ACTIVE", "CLOSED"]);
});

test("a setting that would change stored judgments is refused with the reason, and nothing changes", async ({ page, browser }) => {
  const project = await createTestProject("frozen", {}, { count: 1 });
  const worker = await createTestWorker("frozen");
  const workerTab = await workerPage(browser, worker);
  await openNextTask(workerTab, project.name);
  await workerTab.keyboard.press("1");
  await expect.poll(() => e2eDb().judgment.count({ where: { projectId: project.id } })).toBe(1);

  await signIn(page, E2E_USERS.admin);
  await openPage(page, `/admin/projects/${project.slug}/settings`);
  await expect(page.getByText(/judgment kind, pairwise scale and polarity are fixed/)).toBeVisible();
  await page.getByLabel(/^Polarity/).selectOption("RED_TEAM");
  await page.getByLabel("Name", { exact: true }).fill("frozen renamed");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("polarity cannot change once judgments exist");
  // The reason also stands beside the field.
  await expect(page.getByLabel(/^Polarity/)).toBeVisible();
  await expect(page.locator("label", { has: page.getByLabel(/^Polarity/) })).toContainText("flips which response is `chosen`");
  // The admin's edits stay in the form to be corrected.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("frozen renamed");
  const stored = await e2eDb().project.findUniqueOrThrow({ where: { id: project.id } });
  expect(stored).toMatchObject({ polarity: "HELPFUL", name: project.name });
});

test("a researcher reads a batch page but gets no controls", async ({ page }) => {
  const project = await createTestProject("reader", {}, { count: 2 });
  const batch = await e2eDb().batch.findFirstOrThrow({ where: { projectId: project.id } });
  await signIn(page, E2E_USERS.researcher);
  await openPage(page, "/projects");
  await page.getByRole("link", { name: batch.name }).click();
  await expect(page.getByTestId("batch-status")).toHaveText("active");
  await expect(page.locator('[data-stat="Items complete"]')).toHaveText("0 of 2 (0%)");
  await expect(page.getByRole("button", { name: /Activate|Pause|Close|Set priority/ })).toHaveCount(0);
});

test("a worker who reaches the project's daily cap keeps the answer and is told on the task list", async ({ browser }) => {
  await startInsidePeriod("day", 20_000);
  const project = await createTestProject("capped", { dailyCap: 1 }, { count: 3 });
  const worker = await createTestWorker("capped");
  const workerTab = await workerPage(browser, worker);
  const assignmentId = await openNextTask(workerTab, project.name);
  await workerTab.keyboard.press("8");
  await expect(workerTab).toHaveURL(/\/tasks$/);
  const row = workerTab.getByRole("listitem").filter({ hasText: project.name });
  await expect(row).toContainText("You have reached today's limit of 1 tasks in this project");
  await expect(row.getByRole("button", { name: "Next task" })).toBeDisabled();
  expect(await e2eDb().judgment.findUniqueOrThrow({ where: { assignmentId } })).toMatchObject({ workerId: worker.id, strength: 4 });
  expect(await e2eDb().assignment.count({ where: { workerId: worker.id } })).toBe(1);
});

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

test("the project form and a batch page with judgments pass axe, and items open from the keyboard", async ({ page, browser }) => {
  const project = await createTestProject("a11y-admin", {}, { count: 2 });
  const batch = await e2eDb().batch.findFirstOrThrow({ where: { projectId: project.id } });
  const workerTab = await workerPage(browser, await createTestWorker("a11y-admin"));
  await openNextTask(workerTab, project.name);
  await workerTab.keyboard.press("2");
  await expect.poll(() => e2eDb().judgment.count({ where: { projectId: project.id } })).toBe(1);

  await signIn(page, E2E_USERS.admin);
  await openPage(page, `/admin/projects/${project.slug}/settings`);
  await expect(page.getByRole("button", { name: "Save settings" })).toBeVisible();
  expect.soft(await seriousViolations(page), "settings page").toEqual([]);
  await openPage(page, `/admin/projects/${project.slug}/batches/${batch.id}`);
  await expect(page.getByRole("img", { name: "Judgments per hour" }).locator("svg").first()).toBeVisible();
  expect.soft(await seriousViolations(page), "batch page").toEqual([]);

  const firstItem = page.locator("summary").first();
  await firstItem.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/strength 3/)).toBeVisible();
});
