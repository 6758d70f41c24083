import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { openPage } from "./navigation";
import { E2E_USERS } from "./users";
import { e2eDb } from "./test-database";
import { signIn } from "./sign-in";

const SAMPLE = path.resolve(process.cwd(), "lib/testing/fixtures/hh-harmless-sample.jsonl");
const sampleLines = new Set(fs.readFileSync(SAMPLE, "utf8").split("\n").filter(Boolean));

test.describe.configure({ mode: "serial" });

const slug = `hh-e2e-${randomBytes(3).toString("hex")}`;

test("an admin creates a project and imports the HH sample in the browser", async ({ page }) => {
  await signIn(page, E2E_USERS.admin);
  await openPage(page, "/admin");
  await page.getByLabel("Name").fill("HH harmless e2e");
  await page.getByLabel(/^Slug/).fill(slug);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${slug}$`));

  await page.getByLabel("File to import").setInputFiles(SAMPLE);
  await page.getByRole("button", { name: "Check" }).click();
  await page.getByRole("button", { name: "Import 200 items" }).click();
  await expect(page.getByRole("status")).toHaveText(/Imported 200 items as draft batch/);
  await expect(page.getByRole("cell", { name: "hh-harmless-sample" })).toBeVisible();

  const project = await e2eDb().project.findUniqueOrThrow({ where: { slug }, include: { batches: true } });
  expect(project.batches).toHaveLength(1);
  expect(project.batches[0]).toMatchObject({ status: "DRAFT", itemCount: 200, sourceFormat: "hh-rlhf" });
  // Activating is the batch page's job, tested with it; the workers below need the batch active.
  await e2eDb().batch.update({ where: { id: project.batches[0].id }, data: { status: "ACTIVE", activatedAt: new Date() } });
  expect(await e2eDb().item.count({ where: { projectId: project.id } })).toBe(200);
  expect(await e2eDb().candidate.count({ where: { item: { projectId: project.id } } })).toBe(400);
});

/** Which key picks the source's chosen response most strongly: 1 if it is shown as A, 8 if as B. */
async function keyForSourceChoice(page: Page) {
  const assignmentId = page.url().split("/tasks/")[1];
  const assignment = await e2eDb().assignment.findUniqueOrThrow({ where: { id: assignmentId }, include: { item: { include: { candidates: true } } } });
  const chosen = assignment.item.candidates.find((candidate) => candidate.referenceRank === 1)!;
  return { assignmentId, chosenId: chosen.id, key: assignment.displayOrder[0] === chosen.id ? "1" : "8" };
}

test("a worker judges three tasks with the keyboard only", async ({ page }) => {
  await signIn(page, E2E_USERS.worker);
  await openPage(page, "/tasks");
  // The first open project's button has the focus; other specs' projects may come first, so Tab on
  // to this one's, as a keyboard user would.
  await expect(page.getByRole("button", { name: "Next task" }).first()).toBeFocused();
  const next = page.getByRole("listitem").filter({ hasText: "HH harmless e2e" }).getByRole("button", { name: "Next task" });
  for (let presses = 0; presses < 30 && !(await next.evaluate((button) => button === document.activeElement)); presses++) await page.keyboard.press("Tab");
  await expect(next).toBeFocused();
  await page.keyboard.press("Enter");

  const answered = [];
  for (let task = 0; task < 3; task++) {
    await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
    // Keys work once the page is hydrated, which the workspace marks.
    await expect(page.locator("[data-interactive]")).toBeVisible();
    const choice = await keyForSourceChoice(page);
    await page.keyboard.press(choice.key);
    await expect(page).not.toHaveURL(new RegExp(choice.assignmentId));
    answered.push(choice);
  }

  const worker = await e2eDb().user.findUniqueOrThrow({ where: { email: E2E_USERS.worker.email } });
  const judgments = await e2eDb().judgment.findMany({ where: { workerId: worker.id, project: { slug } }, include: { assignment: true } });
  expect(judgments).toHaveLength(3);
  for (const choice of answered) {
    const judgment = judgments.find((j) => j.assignmentId === choice.assignmentId)!;
    expect(judgment.ranking).toEqual([[choice.chosenId], [judgment.assignment.displayOrder.find((id) => id !== choice.chosenId)]]);
    expect(judgment.strength).toBe(choice.key === "1" ? -4 : 4);
    expect(judgment.idempotencyKey).toBe(`web-${choice.assignmentId}`);
    expect(judgment.assignment.status).toBe("SUBMITTED");
  }
});

test("a researcher downloads the HH-RLHF export", async ({ page }) => {
  await signIn(page, E2E_USERS.researcher);
  await openPage(page, "/projects");
  const row = page.getByRole("row").filter({ hasText: slug });
  await expect(row).toContainText("3 of 200");
  const downloadPromise = page.waitForEvent("download");
  await row.getByRole("link", { name: "hh-rlhf JSONL" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^preflab-${slug}-hh-rlhf-\\d{4}-\\d{2}-\\d{2}\\.jsonl$`));
  const content = fs.readFileSync(await download.path(), "utf8");

  const lines = content.split("\n").filter(Boolean);
  expect(lines).toHaveLength(3);
  for (const line of lines) expect(sampleLines.has(line)).toBe(true);

  const record = await e2eDb().export.findFirstOrThrow({
    where: { options: { path: ["projects"], array_contains: slug }, format: "hh-rlhf" },
    orderBy: { createdAt: "desc" },
  });
  expect(record).toMatchObject({ status: "COMPLETE", rowCount: 3, byteSize: BigInt(Buffer.byteLength(content)) });
  expect(record.sha256).toBe(createHash("sha256").update(content).digest("hex"));
});
