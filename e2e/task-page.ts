// Moving through the worker's task pages the way a worker does, and reading back what was stored.
import { expect, type Page } from "@playwright/test";
import { openPage } from "./navigation";
import { e2eDb } from "./test-database";

const TASK_PATH = /\/tasks\/([0-9a-f-]{36})$/;
// A task page's address, possibly with a note about the task before (?note=...).
const TASK_URL = /\/tasks\/([0-9a-f-]{36})(\?note=[a-z-]+)?$/;

/** Takes the next task of a project from the worker's list and waits until its keys work. */
export async function openNextTask(page: Page, projectName: string): Promise<string> {
  await openPage(page, "/tasks");
  await page.getByRole("listitem").filter({ hasText: projectName }).getByRole("button", { name: "Next task" }).click();
  return waitForTask(page);
}

/** Waits for a task page (other than `leaving`, if given) to be shown and hydrated; returns its assignment id. */
export async function waitForTask(page: Page, leaving?: string): Promise<string> {
  if (leaving) await expect(page).not.toHaveURL(new RegExp(leaving));
  await expect(page).toHaveURL(TASK_URL);
  // Keys work once the workspace has hydrated, which it marks.
  await expect(page.locator("[data-interactive]")).toBeVisible();
  return assignmentIdOf(page);
}

export function assignmentIdOf(page: Page): string {
  const match = new URL(page.url()).pathname.match(TASK_PATH);
  if (!match) throw new Error(`not on a task page: ${page.url()}`);
  return match[1];
}

/** Marks the window so a later check can tell a client-side navigation from a full page load. */
export async function markWindow(page: Page) {
  await page.evaluate(() => ((window as unknown as { __sameDocument: number }).__sameDocument = 1));
}

export async function expectSameWindow(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument), "moved on without a full page load").toBe(1);
}

/** The assignment and its judgment as stored, with the candidate id behind each label the worker saw. */
export async function readStoredAnswer(assignmentId: string) {
  const assignment = await e2eDb().assignment.findUniqueOrThrow({ where: { id: assignmentId }, include: { judgment: true } });
  const idOf = (label: string) => assignment.displayOrder[label.charCodeAt(0) - 65];
  const labelOf = (id: string) => String.fromCharCode(65 + assignment.displayOrder.indexOf(id));
  return { assignment, judgment: assignment.judgment, idOf, labelOf };
}
