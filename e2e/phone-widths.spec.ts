// Every worker page fits a phone: at 360 to 414 px nothing scrolls sideways, before or after a task is
// answered by touch, whatever the judgment kind and however long or unbroken the responses are.
import { expect, test, type Page } from "@playwright/test";
import { openPage } from "./navigation";
import { signIn } from "./sign-in";
import { openNextTask, readStoredAnswer, waitForTask } from "./task-page";
import { closeTestProjects, createTestProject, createTestWorker } from "./test-data";
import { expectNoSidewaysScroll } from "./viewport";

test.afterAll(closeTestProjects);

const WIDTHS = [360, 375, 390, 414];

// About 450 characters with nowhere to break, as hashes, tokens and URLs in responses are.
const LONG_WORD = `Supercalifragilisticexpialidocious${"x0".repeat(100)}${"Antidisestablishmentarianism".repeat(8)}`;
const LONG_CODE_LINE =
  "const totals = orders.filter((order) => order.status === 'paid' && order.items.length > 0).map((order) => ({ id: order.id, total: order.items.reduce((sum, item) => sum + item.price * item.quantity, 0) }));";

/** A long markdown response: paragraphs, a long code block, an unbroken word, a link, a wide table. */
function longResponse(label: string) {
  const paragraph = `Response ${label} explains it step by step, with enough words to fill several lines on a narrow phone screen.`;
  return [
    paragraph,
    ["```typescript", ...Array.from({ length: 12 }, (_, line) => `${LONG_CODE_LINE} // line ${line + 1}`), "```"].join("\n"),
    `The key is ${LONG_WORD} and the inline form is \`${LONG_WORD.slice(0, 120)}\`.`,
    `See https://example.com/${LONG_WORD.slice(0, 160)} for more.`,
    [
      "| column one | column two | column three | column four | column five | column six |",
      "| --- | --- | --- | --- | --- | --- |",
      `| ${LONG_WORD.slice(0, 60)} | value | value | value | value | value |`,
    ].join("\n"),
    ...Array.from({ length: 6 }, () => paragraph),
  ].join("\n\n");
}

const PROMPT = `Why does this fail? ${LONG_WORD}\n\n\`\`\`\n${LONG_CODE_LINE}\n\`\`\``;
const INSTRUCTIONS = `Read both responses fully.\n\n\`\`\`\n${LONG_CODE_LINE}\n\`\`\`\n\nWatch for ${LONG_WORD}.`;

/** Two items (one to answer, one to land on after) of `candidates` long responses each. */
function longItems(candidates: number) {
  return { count: 2, candidates, prompt: PROMPT, texts: Array.from({ length: candidates }, (_, index) => longResponse(String.fromCharCode(65 + index))) };
}

async function openAsNewWorker(page: Page, label: string, fields: Parameters<typeof createTestProject>[1], candidates = 2) {
  const project = await createTestProject(label, fields, longItems(candidates));
  await signIn(page, await createTestWorker(label));
  const assignmentId = await openNextTask(page, project.name);
  return { project, assignmentId };
}

/**
 * The scale keeps the HH layout at every width: its buttons in one row, left to right, largest at the
 * ends, none under 32 px, with "A is better" and "B is better" above the row's ends or beside them.
 */
async function expectScaleInOneRow(page: Page, labels: "above" | "beside") {
  const boxes = await page
    .getByRole("button", { name: /\(key \d\)$/ })
    .evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect().toJSON() as DOMRect));
  const sizes = boxes.map((box) => box.width);
  const middle = (box: { y: number; height: number }) => box.y + box.height / 2;
  for (const [index, box] of boxes.entries()) {
    expect(Math.abs(middle(box) - middle(boxes[0])), "the scale is one row").toBeLessThan(1);
    if (index > 0) expect(box.x, "left to right").toBeGreaterThan(boxes[index - 1].x + boxes[index - 1].width - 1);
  }
  expect([sizes[0], sizes.at(-1)]).toEqual([Math.max(...sizes), Math.max(...sizes)]);
  expect(Math.min(...sizes, ...boxes.map((box) => box.height))).toBeGreaterThanOrEqual(32);
  const [a, b] = [(await page.getByText("A is better", { exact: true }).boundingBox())!, (await page.getByText("B is better", { exact: true }).boundingBox())!];
  if (labels === "beside") {
    expect(a.x + a.width).toBeLessThanOrEqual(boxes[0].x);
    expect(b.x).toBeGreaterThanOrEqual(boxes.at(-1)!.x + boxes.at(-1)!.width);
    for (const label of [a, b]) expect(Math.abs(middle(label) - middle(boxes[0]))).toBeLessThan(boxes[0].height / 2);
  } else {
    for (const label of [a, b]) expect(label.y + label.height).toBeLessThanOrEqual(Math.min(...boxes.map((box) => box.y)));
    expect(a.x).toBeLessThan(b.x);
  }
}

/** Opens a dialog by its button, checks the page with it open, and closes it again. */
async function checkDialog(page: Page, button: RegExp, name: string) {
  await page.getByRole("button", { name: button }).tap();
  const dialog = page.getByRole("dialog", { name });
  await expect(dialog).toBeVisible();
  await expectNoSidewaysScroll(page, `the ${name} dialog`);
  await dialog.getByRole("button", { name: "Close" }).tap();
  await expect(dialog).toBeHidden();
}

/** The 8-point scale, the instructions, keys and skip dialogs, a response in full and its differences. */
async function answerEightPoint({ page }: { page: Page }) {
  const { assignmentId } = await openAsNewWorker(page, "phone-eight", { instructions: INSTRUCTIONS });
  // A worker's first task in a project opens with its instructions.
  const instructions = page.getByRole("dialog", { name: "Instructions" });
  await expect(instructions).toBeVisible();
  await expectNoSidewaysScroll(page, "the instructions on a first task");
  await instructions.getByRole("button", { name: "Close" }).tap();
  await expectNoSidewaysScroll(page, "an 8-point task");
  await expect(page.getByRole("button", { name: /\(key \d\)$/ })).toHaveCount(8);
  await expectScaleInOneRow(page, "above");

  await page.getByRole("button", { name: "Show all of response A" }).tap();
  await expectNoSidewaysScroll(page, "an 8-point task with response A in full");
  await page.getByRole("button", { name: /^Highlight differences/ }).tap();
  await expect(page.locator("mark").first()).toBeVisible();
  await expectNoSidewaysScroll(page, "an 8-point task with its differences marked");
  await checkDialog(page, /^Instructions/, "Instructions");
  await checkDialog(page, /^Keys/, "Keyboard shortcuts");
  await checkDialog(page, /^Skip this task/, "Skip this task");

  await page.getByRole("button", { name: "B is much better (key 8)" }).tap();
  await waitForTask(page, assignmentId);
  await expectNoSidewaysScroll(page, "the next 8-point task");
  expect((await readStoredAnswer(assignmentId)).judgment).toMatchObject({ strength: 4 });
}

/** The 7-point scale with flags, 'both bad' and a rationale. */
async function answerSevenPoint({ page }: { page: Page }) {
  const flagOptions = [
    { id: "harmful", label: "Harmful" },
    { id: "made-up", label: "Makes things up" },
  ];
  const fields = { pairwiseScale: "SEVEN_POINT" as const, flagOptions, allowBothBad: true, rationaleMode: "OPTIONAL" as const };
  const { assignmentId } = await openAsNewWorker(page, "phone-seven", fields);
  await expectNoSidewaysScroll(page, "a 7-point task");
  await expectScaleInOneRow(page, "above");

  await page.getByRole("button", { name: "About the same (key 4)" }).tap();
  await expect(page.getByRole("button", { name: "About the same (key 4)" })).toHaveAttribute("aria-pressed", "true");
  await page.locator('[data-flags="B"]').getByRole("checkbox", { name: "Makes things up" }).tap();
  await page.locator("#rationale").fill(`Both cite ${LONG_WORD}`);
  await expectNoSidewaysScroll(page, "a 7-point task, answered");

  await page.getByRole("button", { name: /^Submit/ }).tap();
  await waitForTask(page, assignmentId);
  await expectNoSidewaysScroll(page, "the next 7-point task");
  expect((await readStoredAnswer(assignmentId)).judgment).toMatchObject({ strength: 0 });
}

/** Binary A/B. */
async function answerBinary({ page }: { page: Page }) {
  const { assignmentId } = await openAsNewWorker(page, "phone-binary", { pairwiseScale: "BINARY" });
  await expectNoSidewaysScroll(page, "a binary task");
  await page.getByRole("button", { name: "A is better (key 1)" }).tap();
  await waitForTask(page, assignmentId);
  await expectNoSidewaysScroll(page, "the next binary task");
  expect((await readStoredAnswer(assignmentId)).judgment).toMatchObject({ strength: -1 });
}

/** A ranking of 3, without ties. */
async function rankThree({ page }: { page: Page }) {
  const { assignmentId } = await openAsNewWorker(page, "phone-rank3", { judgmentKind: "RANKING" }, 3);
  await expectNoSidewaysScroll(page, "a ranking of 3");
  await page.getByRole("button", { name: "Move C up" }).tap();
  await page.getByRole("button", { name: "Move C up" }).tap();
  await expect(page.getByRole("listitem", { name: "Response C, rank 1" })).toBeVisible();
  await expectNoSidewaysScroll(page, "a ranking of 3, reordered");

  await page.getByRole("button", { name: /^Submit/ }).tap();
  await waitForTask(page, assignmentId);
  await expectNoSidewaysScroll(page, "the next ranking of 3");
  const { judgment, idOf } = await readStoredAnswer(assignmentId);
  expect(judgment!.ranking).toEqual([[idOf("C")], [idOf("A")], [idOf("B")]]);
}

/** A ranking of 9, with ties. */
async function rankNineWithTies({ page }: { page: Page }) {
  const { assignmentId } = await openAsNewWorker(page, "phone-rank9", { judgmentKind: "RANKING", allowTies: true, allowBothBad: true }, 9);
  await expect(page.getByRole("list", { name: "Your ranking, best first" }).getByRole("listitem")).toHaveCount(9);
  await expectNoSidewaysScroll(page, "a ranking of 9");
  await page.getByRole("button", { name: "Move I up" }).tap();
  await page.getByRole("button", { name: "Tie B with the response above" }).tap();
  await page.getByRole("button", { name: "Tie I with the response above" }).tap();
  await expect(page.getByRole("listitem", { name: "Response I, rank 6, tied with the one above" })).toBeVisible();
  await expectNoSidewaysScroll(page, "a ranking of 9 with ties");

  await page.getByRole("button", { name: /^Submit/ }).tap();
  await waitForTask(page, assignmentId);
  await expectNoSidewaysScroll(page, "the next ranking of 9");
  const { judgment, idOf } = await readStoredAnswer(assignmentId);
  expect(judgment!.ranking).toEqual([[idOf("A"), idOf("B")], [idOf("C")], [idOf("D")], [idOf("E")], [idOf("F")], [idOf("G"), idOf("I")], [idOf("H")]]);
}

/** The sign-in page (with a failed attempt), the task list, and the history after an answer. */
async function visitSignInTasksAndHistory({ page }: { page: Page }) {
  await openPage(page, "/signin");
  await expectNoSidewaysScroll(page);
  await page.getByLabel("Email").fill(`nobody-${LONG_WORD.slice(0, 60)}@e2e.example`);
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Sign in" }).tap();
  await expect(page.getByText(/Wrong email or password/)).toBeVisible();
  await expectNoSidewaysScroll(page, "/signin after a failed attempt");

  const question = `Which answer handles ${LONG_WORD.slice(0, 90)} better?`;
  const project = await createTestProject("phone-pages", { question, rationaleMode: "OPTIONAL" }, longItems(2));
  await signIn(page, await createTestWorker("phone-pages"));
  await openPage(page, "/tasks");
  await expectNoSidewaysScroll(page);

  const assignmentId = await openNextTask(page, project.name);
  await page.getByRole("button", { name: "A is much better (key 1)" }).tap();
  await page.locator("#rationale").fill(`It explains ${LONG_WORD}`);
  await page.getByRole("button", { name: /^Submit/ }).tap();
  await waitForTask(page, assignmentId);
  await openPage(page, "/tasks");
  await expectNoSidewaysScroll(page, "/tasks after an answer");
  await openPage(page, "/tasks/history");
  await expect(page.getByRole("listitem")).toHaveCount(1);
  await expectNoSidewaysScroll(page);
}

const PHONE_TESTS: [string, (args: { page: Page }) => Promise<void>][] = [
  ["8-point scale, its dialogs and a long response shown in full", answerEightPoint],
  ["7-point scale with flags, 'both bad' and a rationale", answerSevenPoint],
  ["binary A/B", answerBinary],
  ["ranking of 3 without ties", rankThree],
  ["ranking of 9 with ties", rankNineWithTies],
  ["sign-in page, task list and history", visitSignInTasksAndHistory],
];

for (const width of WIDTHS) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 780 }, isMobile: true, hasTouch: true });
    for (const [title, body] of PHONE_TESTS) test(title, body);
  });
}

test("wider screens keep the HH scale in one row, its labels beside it from 768 px, and fit too", async ({ page }) => {
  await openAsNewWorker(page, "wide-eight", {});
  for (const width of [640, 768, 1024, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await expectNoSidewaysScroll(page, `an 8-point task at ${width} px`);
    await expectScaleInOneRow(page, width >= 768 ? "beside" : "above");
  }
});
