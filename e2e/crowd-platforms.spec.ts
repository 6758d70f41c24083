// Workers arriving from Prolific and MTurk with the links those platforms send: signed in without a
// password, their judgments counted by the server, the completion given only after the last one.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { openPage, reloadPage } from "./navigation";
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

test("a Prolific worker signs in from the study link, sees the code only after the last judgment, and a new session asks for new work", async ({
  page,
  browser,
}) => {
  const { study } = await createStudy({ platform: "PROLIFIC", requiredJudgments: 2, items: 3 });
  const code = study.completionCode!;
  const pid = hex(12);
  const firstSession = hex(12);
  await openPage(page, `/study/${study.id}/prolific?PROLIFIC_PID=${pid}&STUDY_ID=${hex(12)}&SESSION_ID=${firstSession}`);

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

  // The same link opened again in this browser stays in its study session.
  await page.goto(`/study/${study.id}/prolific?PROLIFIC_PID=${pid}&STUDY_ID=${hex(12)}&SESSION_ID=${firstSession}`);
  await expect(page.getByTestId("completion-code")).toHaveText(code);

  // Another day, on another device: same PROLIFIC_PID, a new SESSION_ID. The same account (it never
  // judges an item twice), but a submission of its own: the earlier judgments do not count for it.
  const other = await browser.newContext();
  const again = await other.newPage();
  const secondSession = hex(12);
  await again.goto(`/study/${study.id}/prolific?PROLIFIC_PID=${pid}&STUDY_ID=${hex(12)}&SESSION_ID=${secondSession}`);
  await expect(again.getByRole("status")).toHaveText("0 of 2 judgments stored");
  expect(await again.content()).not.toContain(code);
  expect(await e2eDb().account.count({ where: { provider: "prolific", providerAccountId: pid } })).toBe(1);
  const sessions = await e2eDb().studySession.findMany({ where: { studyId: study.id }, orderBy: { startedAt: "asc" } });
  expect(sessions.map((s) => [s.userId, s.externalSessionId])).toEqual([
    [user.id, firstSession],
    [user.id, secondSession],
  ]);
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
  await page.getByLabel(/^Places \(the most participants/).fill("40");
  const code = await page.getByLabel(/^Completion code/).inputValue();
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  await page.getByRole("button", { name: "Create study" }).click();
  await expect(page.getByRole("status")).toHaveText(/Study created/);

  const study = await e2eDb().study.findFirstOrThrow({ where: { name } });
  expect(study).toMatchObject({ platform: "PROLIFIC", projectId: project.id, requiredJudgments: 3, maxParticipants: 40, completionCode: code, closedAt: null });
  const places = page.getByLabel(`Places in ${name}`);
  await places.fill("55");
  await places.press("Enter");
  await expect(page.getByRole("listitem", { name }).getByText("0 of 55 places taken")).toBeVisible();
  expect((await e2eDb().study.findUniqueOrThrow({ where: { id: study.id } })).maxParticipants).toBe(55);
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
    "study.update",
    "study.close",
  ]);

  // A closed study's link lets no one in.
  await page.context().clearCookies();
  const closed = await page.goto(`/study/${study.id}/prolific?PROLIFIC_PID=${hex(12)}&STUDY_ID=${hex(12)}&SESSION_ID=${hex(12)}`);
  expect(closed?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "This study is closed" })).toBeVisible();
});

const prolificLink = (studyId: string, pid: string, session: string) =>
  `/study/${studyId}/prolific?PROLIFIC_PID=${pid}&STUDY_ID=${hex(12)}&SESSION_ID=${session}`;

test("someone who types a participant's PROLIFIC_PID gets a session of their own, never the participant's task, history or code", async ({ page, browser }) => {
  const { study } = await createStudy({ platform: "PROLIFIC", requiredJudgments: 2, items: 4 });
  const pid = hex(12);
  const session = hex(12);
  await openPage(page, prolificLink(study.id, pid, session));
  await page.getByRole("button", { name: "Next task" }).click();
  await answerTask(page, study.id);
  // The participant has one judgment stored and a task open.
  const openTask = new URL(page.url()).pathname;
  await expect(page.locator("[data-interactive]")).toBeVisible();

  // Another browser, with their PROLIFIC_PID and a new SESSION_ID, then with their SESSION_ID too.
  for (const typed of [hex(12), session]) {
    const context = await browser.newContext();
    const intruder = await context.newPage();
    await intruder.goto(prolificLink(study.id, pid, typed));
    await expect(intruder).toHaveURL(new RegExp(`/study/${study.id}$`));
    await expect(intruder.getByRole("status")).toHaveText("0 of 2 judgments stored");
    expect((await intruder.goto(openTask))?.status()).toBe(404);
    await intruder.goto("/tasks/history");
    await expect(intruder.getByText("You have not answered any task yet.")).toBeVisible();
    await context.close();
  }

  // The participant was not signed out, and goes on with their task and history.
  await reloadPage(page);
  await expect(page.locator("[data-interactive]")).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(openTask);
  const history = await page.request.get("/tasks/history");
  expect(await history.text()).not.toContain("You have not answered any task yet.");
  expect(await e2eDb().studySession.count({ where: { studyId: study.id } })).toBe(3);
});

test("a study link opened by a signed-in admin leaves their session alone and says how to try the study", async ({ page }) => {
  const prolific = await createStudy({ platform: "PROLIFIC", requiredJudgments: 1, items: 1 });
  const mturk = await createStudy({ platform: "MTURK", requiredJudgments: 1, items: 1 });
  await signIn(page, E2E_USERS.admin);
  const pid = hex(12);
  const links = [
    prolificLink(prolific.study.id, pid, hex(12)),
    `/study/${mturk.study.id}/mturk?${new URLSearchParams({ assignmentId: hex(6), hitId: hex(6), workerId: pid, turkSubmitTo: "https://www.mturk.com" })}`,
  ];
  for (const link of links) {
    const response = await page.goto(link);
    expect(response?.status()).toBe(409);
    await expect(page.getByRole("heading", { name: "You are signed in as staff" })).toBeVisible();
    await expect(page.getByRole("alert")).toContainText(`signed in to Preflab as ${E2E_USERS.admin.email}`);
    await expect(page.getByRole("alert")).toContainText("sign out first or open the link in a private window");
    expect(await sessionEmail(page)).toBe(E2E_USERS.admin.email);
  }
  expect(await e2eDb().account.count({ where: { providerAccountId: pid } })).toBe(0);
  expect(await e2eDb().studySession.count({ where: { studyId: { in: [prolific.study.id, mturk.study.id] } } })).toBe(0);
});

test("closing a study signs its participants out: its pages say it is closed and the open task is gone", async ({ page, browser }) => {
  const { study } = await createStudy({ platform: "PROLIFIC", requiredJudgments: 3, items: 3 });
  const pid = hex(12);
  await openPage(page, prolificLink(study.id, pid, hex(12)));
  await page.getByRole("button", { name: "Next task" }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/[0-9a-f-]{36}\\?study=${study.id}$`));
  const openTask = new URL(page.url()).pathname;

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, E2E_USERS.admin);
  // Its sessions page lists the participant's ids, to check the platform's submissions against.
  await openPage(admin, `/admin/studies/${study.id}`);
  await expect(admin.getByRole("row", { name: new RegExp(pid) })).toContainText("0 of 3");
  await openPage(admin, "/admin/studies");
  admin.once("dialog", (dialog) => void dialog.accept());
  await admin.getByRole("button", { name: `Close study ${study.name}` }).click();
  await expect(admin.getByRole("button", { name: `Close study ${study.name}` })).toBeHidden();
  await adminContext.close();

  await page.goto(`/study/${study.id}`);
  await expect(page.getByRole("alert").filter({ hasText: "This study is closed" })).toBeVisible();
  await page.goto(openTask);
  await expect(page).toHaveURL(/\/signin/);
  expect(await sessionEmail(page)).toBeUndefined();
  const lease = await e2eDb().assignment.findUniqueOrThrow({ where: { id: openTask.split("/").pop() } });
  expect(lease.status).toBe("REVOKED");
  const again = await page.goto(prolificLink(study.id, pid, hex(12)));
  expect(again?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "This study is closed" })).toBeVisible();
});

test("a study link counts its client by the connection's address, whatever forwarding headers the client sends", async ({ browser }) => {
  const { study } = await createStudy({ platform: "PROLIFIC", requiredJudgments: 1, items: 1 });
  const sent: Record<string, string>[] = [
    {},
    { "x-forwarded-for": "198.51.100.23" },
    { "x-forwarded-for": "203.0.113.9, 10.0.0.1", "x-preflab-socket-address": "192.0.2.77" },
  ];
  for (const extraHTTPHeaders of sent) {
    const context = await browser.newContext({ extraHTTPHeaders });
    const participant = await context.newPage();
    await participant.goto(prolificLink(study.id, hex(12), hex(12)));
    await expect(participant.getByRole("status")).toHaveText("0 of 1 judgments stored");
    await context.close();
  }
  const keys = (await e2eDb().studySession.findMany({ where: { studyId: study.id }, select: { clientKey: true } })).map((s) => s.clientKey);
  expect(keys).toHaveLength(3);
  expect(new Set(keys).size).toBe(1);
  expect(keys[0]).not.toBe("unknown");
});
