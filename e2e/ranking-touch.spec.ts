// Ranking on a phone: buttons and drag by touch, the keyboard still there, the page still scrolls.
import { expect, test, type CDPSession, type Locator, type Page } from "@playwright/test";
import { signIn } from "./sign-in";
import { expectSameWindow, markWindow, openNextTask, readStoredAnswer } from "./task-page";
import { closeTestProjects, createTestProject } from "./test-data";
import { E2E_USERS } from "./users";

test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
test.afterAll(closeTestProjects);

/** The centre of an element in viewport coordinates, as touch events take them. */
async function centreOf(locator: Locator) {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A one-finger touch from one point to another in small steps, as real touch input arrives. */
async function swipe(cdp: CDPSession, from: { x: number; y: number }, to: { x: number; y: number }, steps = 12) {
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [from] });
  for (let step = 1; step <= steps; step++) {
    const point = { x: from.x + ((to.x - from.x) * step) / steps, y: from.y + ((to.y - from.y) * step) / steps };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [point] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

async function boardOrder(page: Page) {
  return page
    .getByRole("list", { name: "Your ranking, best first" })
    .getByRole("listitem")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("aria-label")));
}

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

test("a worker ranks four responses by touch on a phone", async ({ page }) => {
  const project = await createTestProject("ranking-touch", { judgmentKind: "RANKING" }, { count: 1, candidates: 4 });
  await signIn(page, E2E_USERS.worker);
  const assignmentId = await openNextTask(page, project.name);
  await markWindow(page);
  const cdp = await page.context().newCDPSession(page);
  const board = page.getByRole("list", { name: "Your ranking, best first" });

  await page.getByRole("button", { name: "Move C up" }).tap();
  await page.getByRole("button", { name: "Move C up" }).tap();
  await expect.poll(() => boardOrder(page)).toEqual(["Response C, rank 1", "Response A, rank 2", "Response B, rank 3", "Response D, rank 4"]);

  // Drag D by its handle to above the middle of the first row.
  await board.scrollIntoViewIfNeeded();
  const handle = await centreOf(page.locator('[data-drag-handle="D"]'));
  const firstRow = (await board.getByRole("listitem").first().boundingBox())!;
  await swipe(cdp, handle, { x: handle.x, y: firstRow.y + 4 });
  await expect.poll(() => boardOrder(page)).toEqual(["Response D, rank 1", "Response C, rank 2", "Response A, rank 3", "Response B, rank 4"]);

  // The keyboard works on the same page: Alt+Down moves the focused response one place down.
  await board.getByRole("listitem", { name: /^Response C,/ }).focus();
  await page.keyboard.press("Alt+ArrowDown");
  await expect.poll(() => boardOrder(page)).toEqual(["Response D, rank 1", "Response A, rank 2", "Response C, rank 3", "Response B, rank 4"]);

  // Nothing is wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // A swipe on a row's text (not its handle) scrolls the page and leaves the ranking alone.
  await board.getByRole("listitem").nth(1).scrollIntoViewIfNeeded();
  const before = await scrollY(page);
  expect(before).toBeGreaterThan(0);
  const rowText = await centreOf(board.getByRole("listitem").nth(1).getByText("Answer 1.", { exact: false }));
  await swipe(cdp, rowText, { x: rowText.x, y: rowText.y + 250 });
  await expect.poll(() => scrollY(page)).toBeLessThan(before);
  expect(await boardOrder(page)).toEqual(["Response D, rank 1", "Response A, rank 2", "Response C, rank 3", "Response B, rank 4"]);

  // And a swipe on a response's text scrolls the page down.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => scrollY(page)).toBe(0);
  const responseText = await centreOf(page.getByRole("region", { name: "Response A" }).getByText(/^Answer 1\./));
  await swipe(cdp, responseText, { x: responseText.x, y: Math.max(10, responseText.y - 300) });
  await expect.poll(() => scrollY(page)).toBeGreaterThan(0);

  await page.getByRole("button", { name: /^Submit/ }).tap();
  await expect(page).toHaveURL(new RegExp(`/tasks\\?empty=${project.slug}$`));
  await expectSameWindow(page);

  const { judgment, idOf } = await readStoredAnswer(assignmentId);
  expect(judgment!.ranking).toEqual([[idOf("D")], [idOf("A")], [idOf("C")], [idOf("B")]]);
});
