// Model text is shown as text and runs nothing; the worker's browser never receives what would
// unblind them (model names, the source's preference, ids, other workers' answers).
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { bearer, createToken } from "./api-tokens";
import { openPage } from "./navigation";
import { signIn } from "./sign-in";
import { recordReceivedBodies } from "./received-bodies";
import { openNextTask, waitForTask } from "./task-page";
import { closeTestProjects, createTestProject, createTestWorker } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

test.afterAll(closeTestProjects);

const FIXTURE = path.resolve(process.cwd(), "e2e/fixtures/hostile-payloads.jsonl");
const ONE_MB = 1024 * 1024;

/** Text with raw HTML and no markdown syntax around it: it must show character for character. */
function showsVerbatim(text: string) {
  return /<[a-z]/i.test(text) && !/[[\]`|&*!\n]/.test(text);
}

/** What this task shows, read from the database: the responses by label and the conversation. */
async function shownTask(assignmentId: string) {
  const assignment = await e2eDb().assignment.findUniqueOrThrow({ where: { id: assignmentId }, include: { item: { include: { candidates: true } } } });
  const textOf = (id: string) => assignment.item.candidates.find((candidate) => candidate.id === id)!.text;
  return {
    responses: assignment.displayOrder.map((id, index) => ({ label: String.fromCharCode(65 + index), text: textOf(id) })),
    context: (assignment.item.context as { content: string }[]).map((message) => message.content),
  };
}

async function expectInert(page: Page, task: Awaited<ReturnType<typeof shownTask>>) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  const plantedScripts = await page.locator("main script").evaluateAll((scripts) => scripts.filter((script) => script.textContent?.includes("__pwned")).length);
  expect(plantedScripts).toBe(0);

  const shownText = page.locator('[id^="response-"], ol[aria-label="Conversation"]');
  await expect(shownText.first()).toBeVisible();
  const active = "script, iframe, frame, object, embed, svg, math, style, link, meta, base, img, picture, video, audio, form, input, button, details";
  expect(await shownText.locator(active).count(), "elements made from model text").toBe(0);
  const positioned = await shownText.evaluateAll(
    (roots) => roots.flatMap((root) => [...root.querySelectorAll("*")]).filter((element) => getComputedStyle(element).position === "fixed").length,
  );
  expect(positioned, "fixed-position elements in model text").toBe(0);
  await expect(page.locator('a[href^="javascript:" i], a[href^="data:" i], [onerror], [onload], [ontoggle], [onmouseover]')).toHaveCount(0);
  const linkProtocols = await shownText.locator("a[href]").evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).protocol));
  for (const protocol of linkProtocols) expect(["http:", "https:", "mailto:"]).toContain(protocol);

  let verbatim = 0;
  for (const { label, text } of task.responses.filter(({ text }) => showsVerbatim(text))) {
    await expect(page.getByRole("region", { name: `Response ${label}` }).getByText(text, { exact: true })).toBeVisible();
    verbatim++;
  }
  for (const message of task.context.filter(showsVerbatim)) {
    await expect(page.getByRole("list", { name: "Conversation" }).getByText(message, { exact: true })).toBeVisible();
    verbatim++;
  }

  await expect(page.locator("body")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(width.scroll, "page wider than the window").toBeLessThanOrEqual(width.viewport + 1);
  return { verbatim };
}

test("hostile prompts and responses show as text, run nothing and keep the layout", async ({ page, request }) => {
  test.setTimeout(240_000);
  const project = await createTestProject("hostile-text");
  const corpus = fs.readFileSync(FIXTURE, "utf8");
  const corpusItems = corpus.split("\n").filter(Boolean).length;
  const hugeText = "All work and no play makes a long answer. ".repeat(Math.ceil(ONE_MB / 42));
  const hugeItem = JSON.stringify({ prompt: "Write as much as you can.", responses: [{ text: "A short answer." }, { text: hugeText }] });
  const imported = await request.post(`/api/v1/projects/${project.slug}/imports?format=preflab&name=hostile&activate=1`, {
    headers: bearer(await createToken(E2E_USERS.admin.email, ["admin"])),
    data: `${corpus}${hugeItem}\n`,
  });
  expect(imported.status()).toBe(201);
  expect((await imported.json()).batch.itemCount).toBe(corpusItems + 1);

  const dialogs: string[] = [];
  const outside: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("request", (sent) => {
    if (new URL(sent.url()).hostname !== "localhost") outside.push(sent.url());
  });

  await signIn(page, await createTestWorker("hostile-reader"));
  let assignmentId = await openNextTask(page, project.name);
  let sawHuge = false;
  let verbatim = 0;
  for (let task = 1; task <= corpusItems + 1; task++) {
    const shown = await shownTask(assignmentId);
    verbatim += (await expectInert(page, shown)).verbatim;
    const huge = shown.responses.find((response) => response.text.length > ONE_MB);
    if (huge) {
      sawHuge = true;
      await expect(page.getByRole("button", { name: `Show all of response ${huge.label}` })).toBeVisible();
      expect((await page.locator(`#response-${huge.label}`).boundingBox())!.height).toBeLessThan(600);
    }
    await page.keyboard.press("1");
    if (task > corpusItems) break;
    // The next task opens after each answer, the 1 MB one included (how fast is bench:worker's business).
    await expect(page, `the task after task ${task} opens`).not.toHaveURL(new RegExp(assignmentId), { timeout: 30_000 });
    assignmentId = await waitForTask(page);
  }
  await expect(page).toHaveURL(new RegExp(`/tasks\\?empty=${project.slug}$`));
  expect(sawHuge).toBe(true);
  // The raw-HTML payloads of the corpus (11 responses, 6 prompts) were each found shown as text.
  expect(verbatim).toBe(17);
  expect(dialogs).toEqual([]);
  expect(outside).toEqual([]);
  expect(await e2eDb().judgment.count({ where: { projectId: project.id } })).toBe(corpusItems + 1);
});

test("nothing the worker's browser receives names the models, the reference, ids or another worker's answer", async ({ page, request }) => {
  const project = await createTestProject("wire-blind", { judgmentsPerItem: 2, rationaleMode: "OPTIONAL" }, { count: 2 });
  await e2eDb().candidate.updateMany({ where: { item: { projectId: project.id }, position: 0 }, data: { model: "secret-model-alpha" } });
  await e2eDb().candidate.updateMany({ where: { item: { projectId: project.id }, position: 1 }, data: { model: "secret-model-beta" } });

  // Another worker answers the first item over the API, with a rationale.
  const other = await createTestWorker("wire-blind-other");
  const otherToken = await createToken(other.email, ["tasks"]);
  const { task: otherTask } = await (await request.post(`/api/v1/projects/${project.slug}/claim`, { headers: bearer(otherToken) })).json();
  const answered = await request.post(`/api/v1/assignments/${otherTask.assignmentId}/judgment`, {
    headers: bearer(otherToken),
    data: { strength: -2, rationale: "OTHER-WORKER-SECRET-RATIONALE", idempotencyKey: `other-${otherTask.assignmentId}` },
  });
  expect(answered.status()).toBe(201);
  const otherJudgment = (await answered.json()).judgment;

  const wire = await recordReceivedBodies(page);

  await signIn(page, E2E_USERS.worker);
  const assignmentId = await openNextTask(page, project.name);
  const mine = await e2eDb().assignment.findUniqueOrThrow({ where: { id: assignmentId } });
  const theirs = await e2eDb().assignment.findUniqueOrThrow({ where: { id: otherTask.assignmentId } });
  expect(mine.itemId).toBe(theirs.itemId);

  const myRationale = `MY-OWN-VISIBLE-RATIONALE for ${project.slug}`;
  await page.keyboard.press("2");
  await page.locator("#rationale").fill(myRationale);
  await expect.poll(async () => (await e2eDb().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).draft).toMatchObject({ rationale: myRationale });
  await page.getByRole("button", { name: /^Submit/ }).click();
  await waitForTask(page, assignmentId);
  await openPage(page, "/tasks");
  await expect(page.getByRole("heading", { name: "Your tasks" })).toBeVisible();
  await openPage(page, "/tasks/history");
  await expect(page.getByText(myRationale)).toBeVisible();
  const received = await wire.stop();

  // The recording saw what the worker saw: documents, scripts, RSC and action payloads, the draft
  // save; both texts of the task and the worker's own rationale.
  const seen = (pattern: RegExp) => received.some(({ url }) => pattern.test(url));
  for (const pattern of [/\/tasks$/, /\/tasks\/history$/, /_rsc=/, /\.js$/, /\/draft$/]) expect(seen(pattern), String(pattern)).toBe(true);
  for (const text of ["Answer 1.0", "Answer 1.1", myRationale])
    expect(
      received.some(({ body }) => body.includes(text)),
      text,
    ).toBe(true);

  const candidates = await e2eDb().candidate.findMany({ where: { item: { projectId: project.id } } });
  const secrets = [
    "secret-model-alpha",
    "secret-model-beta",
    "OTHER-WORKER-SECRET-RATIONALE",
    "referenceRank",
    "reference_rank",
    ...candidates.map((candidate) => candidate.id),
    otherTask.assignmentId,
    otherJudgment.judgmentId,
    other.id,
    other.email,
  ];
  const leaks = received.flatMap(({ url, body }) => secrets.filter((secret) => body.includes(secret)).map((secret) => `${secret} in ${url}`));
  expect(leaks).toEqual([]);
});
