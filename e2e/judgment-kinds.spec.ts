// One test per way of answering a task, each reading back the judgment row it stored.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./sign-in";
import { expectSameWindow, markWindow, openNextTask, readStoredAnswer, waitForTask } from "./task-page";
import { closeTestProjects, createTestProject } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

test.afterAll(closeTestProjects);

test.beforeEach(async ({ page }) => {
  await signIn(page, E2E_USERS.worker);
});

/** Lets the page handle what it was sent (key handlers run, React renders) before a check that nothing happened. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function judgmentCount(assignmentId: string) {
  return e2eDb().judgment.count({ where: { assignmentId } });
}

test("8-point scale, keys only: a digit answers at once", async ({ page }) => {
  const project = await createTestProject("eight-point", {}, { count: 2 });
  const first = await openNextTask(page, project.name);
  await markWindow(page);

  await page.keyboard.press("2");
  await waitForTask(page, first);
  await expectSameWindow(page);

  const { judgment, idOf } = await readStoredAnswer(first);
  expect(judgment).toMatchObject({ strength: -3, bothBad: false, rationale: null, flags: {}, idempotencyKey: `web-${first}` });
  expect(judgment!.ranking).toEqual([[idOf("A")], [idOf("B")]]);
  expect(judgment!.timeSpentMs).toBeGreaterThan(0);
});

test("7-point scale: the middle key is 'about the same', the rationale is sent with Ctrl+Enter", async ({ page }) => {
  const project = await createTestProject("seven-point", { pairwiseScale: "SEVEN_POINT", rationaleMode: "OPTIONAL" }, { count: 2 });
  const assignmentId = await openNextTask(page, project.name);
  await markWindow(page);

  // With a rationale box, a digit only chooses; nothing is sent yet.
  await page.keyboard.press("4");
  await expect(page.getByRole("button", { name: "About the same (key 4)" })).toHaveAttribute("aria-pressed", "true");
  await settle(page);
  expect(await judgmentCount(assignmentId)).toBe(0);

  await page.keyboard.press("r");
  await expect(page.locator("#rationale")).toBeFocused();
  await page.keyboard.type("Both answer the question equally well.");
  await page.keyboard.press("Control+Enter");
  await waitForTask(page, assignmentId);
  await expectSameWindow(page);

  const { judgment, idOf } = await readStoredAnswer(assignmentId);
  expect(judgment).toMatchObject({ strength: 0, bothBad: false, rationale: "Both answer the question equally well." });
  expect(judgment!.ranking).toEqual([[idOf("A"), idOf("B")]]);
  expect(judgment!.timeSpentMs).toBeGreaterThan(0);
});

test("binary scale: keys 1 and 2 answer, 3 does nothing", async ({ page }) => {
  const project = await createTestProject("binary", { pairwiseScale: "BINARY" }, { count: 2 });
  const first = await openNextTask(page, project.name);
  await markWindow(page);
  await expect(page.getByRole("button", { name: /\(key \d\)$/ })).toHaveCount(2);

  await page.keyboard.press("3");
  await settle(page);
  await expect(page.getByRole("button", { pressed: true, name: /\(key \d\)$/ })).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(first));
  expect(await judgmentCount(first)).toBe(0);

  await page.keyboard.press("2");
  const second = await waitForTask(page, first);
  await page.keyboard.press("1");
  await expect(page).toHaveURL(new RegExp(`/tasks\\?empty=${project.slug}$`));
  await expect(page.getByRole("status")).toHaveText(/No task is open to you in that project/);
  await expectSameWindow(page);

  const answers = [await readStoredAnswer(first), await readStoredAnswer(second)];
  expect(answers[0].judgment).toMatchObject({ strength: 1, ranking: [[answers[0].idOf("B")], [answers[0].idOf("A")]] });
  expect(answers[1].judgment).toMatchObject({ strength: -1, ranking: [[answers[1].idOf("A")], [answers[1].idOf("B")]] });
  for (const { judgment } of answers) expect(judgment!.timeSpentMs).toBeGreaterThan(0);
});

test("binary scale: the hint under the scale names the keys that work", async ({ page }) => {
  const project = await createTestProject("binary-hint", { pairwiseScale: "BINARY" }, { count: 1 });
  await openNextTask(page, project.name);
  // The status line under a scale that answers at once tells the worker which keys to press.
  await expect(page.getByText(/^Press a button or a key/)).toHaveText("Press a button or a key 1–2 to answer");
});

test("flags, 'both bad' and a required rationale: Submit waits for 15 characters", async ({ page }) => {
  const project = await createTestProject(
    "flags-both-bad",
    {
      flagOptions: [
        { id: "harmful", label: "Harmful" },
        { id: "off-topic", label: "Off topic" },
      ],
      allowBothBad: true,
      rationaleMode: "REQUIRED",
      rationaleMinLength: 15,
    },
    { count: 2 },
  );
  const assignmentId = await openNextTask(page, project.name);
  await markWindow(page);
  const submit = page.getByRole("button", { name: /^Submit/ });
  await expect(submit).toBeDisabled();

  await page.locator('[data-flags="B"]').getByRole("checkbox", { name: "Harmful" }).click();
  await expect(page.locator('[data-flags="B"]').getByRole("checkbox", { name: "Harmful" })).toBeChecked();
  await page.keyboard.press("b");
  await expect(page.getByRole("checkbox", { name: /Both are bad/ })).toBeChecked();
  // A preference is there, the rationale is not yet.
  await expect(submit).toBeDisabled();

  const rationale = "Neither answers";
  await page.locator("#rationale").fill(rationale.slice(0, 14));
  await expect(page.getByText("14 characters of at least 15")).toBeVisible();
  await expect(submit).toBeDisabled();
  await page.locator("#rationale").pressSequentially(rationale.slice(14));
  await expect(page.getByText("15 characters of at least 15")).toBeVisible();
  await expect(submit).toBeEnabled();
  await submit.click();
  await waitForTask(page, assignmentId);
  await expectSameWindow(page);

  const { judgment, idOf } = await readStoredAnswer(assignmentId);
  expect(judgment).toMatchObject({ bothBad: true, ranking: [], strength: null, flags: { [idOf("B")]: ["harmful"] }, rationale });
  expect(judgment!.timeSpentMs).toBeGreaterThan(0);
});

/** The board as the worker sees it: labels grouped by their shown rank, best first. */
async function rankingOnBoard(page: Page) {
  const names = await page
    .getByRole("list", { name: "Your ranking, best first" })
    .getByRole("listitem")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("aria-label") ?? ""));
  const groups: string[][] = [];
  for (const name of names) {
    const [, label, rank] = name.match(/^Response ([A-I]), rank (\d+)/)!;
    (groups[Number(rank) - 1] ??= []).push(label);
  }
  return { names, groups };
}

test("ranking four responses with ties, keyboard only", async ({ page }) => {
  const project = await createTestProject("ranking-keys", { judgmentKind: "RANKING", allowTies: true }, { count: 1, candidates: 4 });
  const assignmentId = await openNextTask(page, project.name);
  await markWindow(page);

  // A move keeps the focus on the moved response in the next frame: each key waits for that frame,
  // as a person's next key would.
  const press = async (key: string, focused: string) => {
    await page.keyboard.press(key);
    await settle(page);
    await expect(page.getByRole("listitem", { name: focused })).toBeFocused();
  };
  await press("k", "Response A, rank 1");
  await press("ArrowDown", "Response B, rank 2");
  await press("1", "Response B, rank 1"); // B to rank 1
  await press("ArrowDown", "Response A, rank 2");
  await press("t", "Response A, rank 1, tied with the one above");
  await press("ArrowDown", "Response C, rank 2");
  await press("ArrowDown", "Response D, rank 3");
  await press("3", "Response D, rank 2"); // D to the third place, ahead of C
  const board = await rankingOnBoard(page);
  expect(board.names).toEqual(["Response B, rank 1", "Response A, rank 1, tied with the one above", "Response D, rank 2", "Response C, rank 3"]);

  // Enter on the list is not a submit; Tab to the Submit button and press Enter there.
  const submit = page.getByRole("button", { name: /^Submit/ });
  for (let tab = 0; tab < 30 && !(await submit.evaluate((button) => button === document.activeElement)); tab++) await page.keyboard.press("Tab");
  await expect(submit).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/tasks\\?empty=${project.slug}$`));
  await expectSameWindow(page);

  const { judgment, labelOf } = await readStoredAnswer(assignmentId);
  expect(judgment).toMatchObject({ strength: null, bothBad: false });
  expect((judgment!.ranking as string[][]).map((group) => group.map(labelOf))).toEqual(board.groups);
  expect(board.groups).toEqual([["B", "A"], ["D"], ["C"]]);
  expect(judgment!.timeSpentMs).toBeGreaterThan(0);
});
