// Workers arriving from Prolific and MTurk with the links those platforms send: signed in without a
// password, their judgments counted by the server, the completion given only after the last one.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { openPage } from "./navigation";
import { e2eDb } from "./test-database";
import { signIn } from "./sign-in";
import { closeTestProjects, createTestProject } from "./test-data";
import { E2E_USERS } from "./users";

test.afterAll(closeTestProjects);

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

async function createStudy({ platform, requiredJudgments, items }: { platform: "PROLIFIC" | "MTURK"; requiredJudgments: number; items: number }) {
  const project = await createTestProject("crowd", { instructions: "Pick the reply that is **kinder**." }, { count: items });
  const completionCode = platform === "PROLIFIC" ? `CC${hex(4).toUpperCase()}` : null;
  const study = await e2eDb().study.create({ data: { projectId: project.id, platform, name: `Crowd study ${hex(3)}`, requiredJudgments, completionCode } });
  return { project, study };
}

async function sessionEmail(page: Page): Promise<string | undefined> {
  const session = await (await page.request.get("/api/auth/session")).json();
  return session?.user?.email;
}

/** Answers the open task through the task page (key 1 submits on the 8-point scale). */
async function answerTask(page: Page, studyId: string) {
  await expect(page).toHaveURL(new RegExp(`/tasks/[0-9a-f-]{36}\\?study=${studyId}$`));
  await expect(page.locator("[data-interactive]")).toBeVisible();
  const leaving = page.url();
  // The first task of a project opens its instructions.
  const instructions = page.getByRole("dialog", { name: "Instructions" });
  if (await instructions.isVisible()) {
    await page.keyboard.press("Escape");
    await expect(instructions).toBeHidden();
  }
  await expect(page.getByRole("link", { name: "Back to the study" })).toHaveAttribute("href", `/study/${studyId}`);
  await page.keyboard.press("1");
  await expect(page).not.toHaveURL(leaving);
}

test("a Prolific worker signs in from the study link, sees the code only after the last judgment, and comes back to the same account", async ({
  page,
  browser,
}) => {
  const { study } = await createStudy({ platform: "PROLIFIC", requiredJudgments: 2, items: 3 });
  const code = study.completionCode!;
  const pid = hex(12);
  await openPage(page, `/study/${study.id}/prolific?PROLIFIC_PID=${pid}&STUDY_ID=${hex(12)}&SESSION_ID=${hex(12)}`);

  await expect(page).toHaveURL(new RegExp(`/study/${study.id}$`));
  await expect(page.getByRole("status")).toHaveText("0 of 2 judgments stored");
  await expect(page.getByText("Pick the reply that is")).toBeVisible();
  expect(await sessionEmail(page)).toBe(`prolific-${pid}@participants.invalid`);
  const user = await e2eDb().user.findUniqueOrThrow({ where: { email: `prolific-${pid}@participants.invalid` }, include: { accounts: true } });
  expect(user).toMatchObject({ role: "WORKER", passwordHash: null });
  expect(user.accounts).toEqual([expect.objectContaining({ provider: "prolific", providerAccountId: pid })]);
  expect(await page.content()).not.toContain(code);

  await page.getByRole("button", { name: "Next task" }).click();
  await answerTask(page, study.id);
  // One judgment stored of two: the code is in no page the worker can load, nor in the page's data.
  expect(await page.content()).not.toContain(code);
  const studyPage = await page.request.get(`/study/${study.id}`);
  expect(await studyPage.text()).toContain("1 of 2 judgments stored");
  expect(await studyPage.text()).not.toContain(code);

  await answerTask(page, study.id);
  await expect(page).toHaveURL(new RegExp(`/study/${study.id}$`));
  await expect(page.getByRole("status")).toHaveText("2 of 2 judgments stored");
  await expect(page.getByTestId("completion-code")).toHaveText(code);
  await expect(page.getByRole("link", { name: "Return to Prolific" })).toHaveAttribute("href", `https://app.prolific.com/submissions/complete?cc=${code}`);
  expect(await e2eDb().judgment.count({ where: { workerId: user.id, projectId: study.projectId } })).toBe(2);
  expect(await e2eDb().studySession.findFirstOrThrow({ where: { studyId: study.id, userId: user.id } })).toMatchObject({ completedAt: expect.any(Date) });

  // Back another day, on another device: same PROLIFIC_PID, a new SESSION_ID.
  const other = await browser.newContext();
  const again = await other.newPage();
  const secondSession = hex(12);
  await again.goto(`/study/${study.id}/prolific?PROLIFIC_PID=${pid}&STUDY_ID=${hex(12)}&SESSION_ID=${secondSession}`);
  await expect(again.getByRole("status")).toHaveText("2 of 2 judgments stored");
  await expect(again.getByTestId("completion-code")).toHaveText(code);
  expect(await e2eDb().account.count({ where: { provider: "prolific", providerAccountId: pid } })).toBe(1);
  const sessions = await e2eDb().studySession.findMany({ where: { studyId: study.id }, orderBy: { startedAt: "asc" } });
  expect(sessions.map((s) => s.userId)).toEqual([user.id, user.id]);
  expect(sessions[1].externalSessionId).toBe(secondSession);
  await other.close();
});

test("a broken Prolific link answers 400 and names the missing parameter", async ({ page }) => {
  const { study } = await createStudy({ platform: "PROLIFIC", requiredJudgments: 1, items: 1 });
  const response = await page.goto(`/study/${study.id}/prolific?PROLIFIC_PID=${hex(12)}&STUDY_ID=${hex(12)}`);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("listitem")).toHaveText("SESSION_ID is missing");
  const bad = await page.goto(`/study/${study.id}/prolific?PROLIFIC_PID=%3Cscript%3E&STUDY_ID=x&SESSION_ID=y`);
  expect(bad?.status()).toBe(400);
  await expect(page.getByRole("listitem")).toHaveText(/PROLIFIC_PID may hold only letters/);
  expect(await e2eDb().studySession.count({ where: { studyId: study.id } })).toBe(0);
});

test("an MTurk preview shows the task and stores nothing", async ({ page }) => {
  const { study } = await createStudy({ platform: "MTURK", requiredJudgments: 2, items: 2 });
  const before = { users: await e2eDb().user.count(), accounts: await e2eDb().account.count() };
  await openPage(page, `/study/${study.id}/mturk?assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE&hitId=${hex(8)}&turkSubmitTo=https%3A%2F%2Fworkersandbox.mturk.com`);
  await expect(page.getByText("This is a preview. Accept the HIT to start")).toBeVisible();
  await expect(page.getByText("Pick the reply that is")).toBeVisible();
  expect(await sessionEmail(page)).toBeUndefined();
  expect({ users: await e2eDb().user.count(), accounts: await e2eDb().account.count() }).toEqual(before);
  expect(await e2eDb().studySession.count({ where: { studyId: study.id } })).toBe(0);
});

test("an MTurk worker accepts the HIT in MTurk's frame, completes it in its own tab, and the post-back reaches MTurk with the assignmentId", async ({
  page,
  baseURL,
}) => {
  // MTurk, standing in on a local port (another site than the app's): shows the ExternalQuestion in a
  // frame as MTurk does, and records each externalSubmit form post as it arrives.
  const received: { contentType?: string; body: string; path?: string }[] = [];
  let externalUrl = "";
  const mturk = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      if (request.method === "GET" && request.url === "/hit") {
        response.writeHead(200, { "content-type": "text/html" }).end(`<h1>HIT</h1><iframe title="HIT" src="${externalUrl}" width="800" height="600"></iframe>`);
        return;
      }
      // The browser may also ask for a favicon: only the form's POST is MTurk's business.
      if (request.method === "POST") received.push({ contentType: request.headers["content-type"], body, path: request.url });
      response.writeHead(200, { "content-type": "text/html" }).end("<p>HIT submitted</p>");
    });
  });
  await new Promise<void>((resolve) => mturk.listen(0, "127.0.0.1", resolve));
  const submitTo = `http://127.0.0.1:${(mturk.address() as AddressInfo).port}`;
  try {
    const { study } = await createStudy({ platform: "MTURK", requiredJudgments: 2, items: 2 });
    const workerId = `A${hex(6).toUpperCase()}`;
    const assignmentId = `3${hex(10).toUpperCase()}`;
    const query = new URLSearchParams({ assignmentId, hitId: `3H${hex(8).toUpperCase()}`, turkSubmitTo: submitTo, workerId });
    externalUrl = `${baseURL}/study/${study.id}/mturk?${query}`;

    await page.goto(`${submitTo}/hit`);
    const frame = page.frameLocator('iframe[title="HIT"]');
    const [tab] = await Promise.all([page.context().waitForEvent("page"), frame.getByRole("link", { name: "Open the task in a new tab" }).click()]);
    await expect(tab).toHaveURL(new RegExp(`/study/${study.id}$`));
    await expect(tab.getByRole("status")).toHaveText("0 of 2 judgments stored");
    expect(await sessionEmail(tab)).toBe(`mturk-${workerId}@participants.invalid`);
    expect(await e2eDb().studySession.findFirstOrThrow({ where: { studyId: study.id } })).toMatchObject({ externalSessionId: assignmentId, submitTo });

    await tab.getByRole("button", { name: "Next task" }).click();
    await answerTask(tab, study.id);
    expect(await (await tab.request.get(`/study/${study.id}`)).text()).not.toContain("externalSubmit");
    await answerTask(tab, study.id);

    await expect(tab).toHaveURL(new RegExp(`/study/${study.id}$`));
    await expect(tab.getByRole("status")).toHaveText("2 of 2 judgments stored");
    await tab.getByRole("button", { name: "Submit HIT" }).click();
    await expect(tab.getByText("HIT submitted")).toBeVisible();
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe("/mturk/externalSubmit");
    expect(received[0].contentType).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(received[0].body))).toEqual({ assignmentId, judgments: "2" });
    expect(await e2eDb().studySession.findFirstOrThrow({ where: { studyId: study.id } })).toMatchObject({ completedAt: expect.any(Date) });
  } finally {
    await new Promise((resolve) => mturk.close(resolve));
  }
});

test("a turkSubmitTo outside MTurk is refused", async ({ page }) => {
  const { study } = await createStudy({ platform: "MTURK", requiredJudgments: 1, items: 1 });
  const response = await page.goto(`/study/${study.id}/mturk?assignmentId=A1&hitId=H1&workerId=W1&turkSubmitTo=${encodeURIComponent("https://evil.example")}`);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("listitem")).toHaveText(/turkSubmitTo must be https:\/\/www.mturk.com/);
  expect(await e2eDb().studySession.count({ where: { studyId: study.id } })).toBe(0);
});

test("an admin creates a Prolific study, copies its link, and closes it; a worker may not", async ({ page }) => {
  const project = await createTestProject("crowd-admin", {}, { count: 1 });
  await signIn(page, E2E_USERS.worker);
  expect((await page.goto("/admin/studies"))?.status()).toBe(403);

  await signIn(page, E2E_USERS.admin);
  await openPage(page, "/admin/studies");
  const name = `Admin study ${hex(3)}`;
  await page.getByLabel("Project").selectOption({ label: project.name });
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Judgments required to complete").fill("3");
  const code = await page.getByLabel(/^Completion code/).inputValue();
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  await page.getByRole("button", { name: "Create study" }).click();
  await expect(page.getByRole("status")).toHaveText(/Study created/);

  const study = await e2eDb().study.findFirstOrThrow({ where: { name } });
  expect(study).toMatchObject({ platform: "PROLIFIC", projectId: project.id, requiredJudgments: 3, completionCode: code, closedAt: null });
  const entry = page.getByRole("listitem", { name }).getByLabel("Study URL for Prolific");
  await expect(entry).toHaveValue(
    `http://localhost:${process.env.E2E_PORT}/study/${study.id}/prolific?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}`,
  );

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Close study ${name}` }).click();
  await expect(page.getByRole("button", { name: `Close study ${name}` })).toBeHidden();
  expect((await e2eDb().study.findUniqueOrThrow({ where: { id: study.id } })).closedAt).toBeInstanceOf(Date);
  expect((await e2eDb().auditEvent.findMany({ where: { targetId: study.id }, orderBy: { seq: "asc" } })).map((e) => e.action)).toEqual([
    "study.create",
    "study.close",
  ]);

  // A closed study's link lets no one in.
  await page.context().clearCookies();
  const closed = await page.goto(`/study/${study.id}/prolific?PROLIFIC_PID=${hex(12)}&STUDY_ID=${hex(12)}&SESSION_ID=${hex(12)}`);
  expect(closed?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "This study is closed" })).toBeVisible();
});
