// The security headers each kind of route answers with (pages, the API and its event streams, Auth.js's
// pages, study pages that MTurk frames), that no inline script runs without the page's nonce, and a tour
// of every role's pages in which the browser reports no Content-Security-Policy violation.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { createLiveProject, withFakeModelServer } from "./live-data";
import { openPage } from "./navigation";
import { signIn } from "./sign-in";
import { openNextTask } from "./task-page";
import { closeTestProjects, createTestProject, createTestWorker } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

test.afterAll(closeTestProjects);
const fakeServer = withFakeModelServer();

const MTURK = ["https://worker.mturk.com", "https://www.mturk.com", "https://workersandbox.mturk.com", "http://127.0.0.1:*"];

function directivesOf(response: APIResponse): Record<string, string[]> {
  const policy = response.headers()["content-security-policy"] ?? "";
  return Object.fromEntries(policy.split(/;\s*/).map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1)]));
}

function nonceOf(response: APIResponse): string {
  const nonce = directivesOf(response)["script-src"]?.find((source) => source.startsWith("'nonce-"));
  if (!nonce) throw new Error(`no nonce in ${response.url()}'s policy`);
  return nonce.slice("'nonce-".length, -1);
}

/** Every Content-Security-Policy violation the page reports, as the browser's console and its events say. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|^\[csp\]/.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`[csp] ${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`),
    ),
  );
  return violations;
}

async function createMturkStudy() {
  const project = await createTestProject("headers", { instructions: "Pick the reply that is **kinder**." }, { count: 2 });
  return e2eDb().study.create({ data: { projectId: project.id, platform: "MTURK", name: `Headers ${randomBytes(3).toString("hex")}`, requiredJudgments: 1 } });
}

test("a page: a policy with a new nonce each time that Next's every script carries, framed only by the app, nosniff, a referrer policy", async ({
  request,
}) => {
  const [first, second] = [await request.get("/signin"), await request.get("/signin")];
  const nonce = nonceOf(first);
  expect(nonceOf(second)).not.toBe(nonce);
  expect(directivesOf(first)).toEqual({
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"],
    "style-src": ["'self'", `'nonce-${nonce}'`],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
  });
  expect(first.headers()).toMatchObject({
    "x-content-type-options": "nosniff",
    "x-frame-options": "SAMEORIGIN",
    "referrer-policy": "strict-origin-when-cross-origin",
  });
  expect(first.headers()).not.toHaveProperty("strict-transport-security");
  const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(1);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
});

test("Strict-Transport-Security only when the request came over TLS, as the proxy in front says", async ({ request }) => {
  for (const path of ["/signin", "/api/health", "/favicon.ico"]) {
    const overTls = await request.get(path, { headers: { "x-forwarded-proto": "https" } });
    expect(overTls.headers()["strict-transport-security"], path).toBe("max-age=31536000");
    const plain = await request.get(path, { headers: { "x-forwarded-proto": "http" } });
    expect(plain.headers(), path).not.toHaveProperty("strict-transport-security");
  }
});

test("the API and Auth.js's pages: nosniff, and nothing in them may run a script or be framed", async ({ request }) => {
  for (const path of ["/api/health", `/api/v1/conversations/${randomBytes(4).toString("hex")}/turns/x/events`]) {
    const response = await request.get(path);
    expect(response.headers(), path).toMatchObject({
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
  }
  const signOut = await request.get("/api/auth/signout");
  expect(directivesOf(signOut)).toMatchObject({ "default-src": ["'none'"], "style-src": ["'unsafe-inline'"], "frame-ancestors": ["'none'"] });
  expect(signOut.headers()["x-content-type-options"]).toBe("nosniff");
  // Built files and public/ files are not sniffed into another type either.
  expect((await request.get("/robots.txt")).headers()["x-content-type-options"]).toBe("nosniff");
});

test("study pages may be framed by MTurk and post the completion to it; other pages refuse any other site's frame", async ({ page, request, baseURL }) => {
  const study = await createMturkStudy();
  const preview = await request.get(`/study/${study.id}/preview`);
  expect(directivesOf(preview)["frame-ancestors"]).toEqual(["'self'", ...MTURK]);
  expect(directivesOf(preview)["form-action"]).toEqual(["'self'", ...MTURK]);
  expect(preview.headers()).not.toHaveProperty("x-frame-options");

  // MTurk standing in on another origin (127.0.0.1, allowed by MTURK_SUBMIT_HOSTS): a study page shows in
  // its frame, the sign-in page does not.
  const violations = await watchViolations(page);
  const standIn = http.createServer((_, response) => {
    const frames = [`${baseURL}/study/${study.id}/preview`, `${baseURL}/signin`].map((src, i) => `<iframe title="frame ${i}" src="${src}"></iframe>`);
    response.writeHead(200, { "content-type": "text/html" }).end(frames.join(""));
  });
  await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://127.0.0.1:${(standIn.address() as AddressInfo).port}/`);
    await expect(page.frameLocator('iframe[title="frame 0"]').getByText("Pick the reply that is")).toBeVisible();
    await expect.poll(() => violations.join("\n")).toContain("frame-ancestors 'self'");
    await expect(page.frameLocator('iframe[title="frame 1"]').getByRole("button", { name: "Sign in" })).toHaveCount(0);
  } finally {
    await new Promise((resolve) => standIn.close(resolve));
  }
});

test("a study link's own page styles itself with the nonce", async ({ page }) => {
  const violations = await watchViolations(page);
  const study = await createMturkStudy();
  const response = await page.goto(`/study/${study.id}/mturk?assignmentId=A1&hitId=H1&workerId=W1&turkSubmitTo=${encodeURIComponent("https://evil.example")}`);
  expect(response?.status()).toBe(400);
  expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).toBe("576px");
  expect(violations).toEqual([]);
});

test("an inline script or handler without the page's nonce does not run, while Next's own scripts do", async ({ page }) => {
  const violations = await watchViolations(page);
  const injected = [
    `<script>window.__injected = "no nonce"</script>`,
    `<script nonce="guessed">window.__injected = "wrong nonce"</script>`,
    `<img alt="" src="/no-such-image.png" onerror="window.__injected = 'handler'">`,
  ].join("");
  await page.route("**/signin", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace("</body>", `${injected}</body>`) });
  });
  await openPage(page, "/signin");
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  await expect.poll(() => violations.filter((violation) => violation.includes("script-src")).length).toBeGreaterThanOrEqual(3);
});

test("a tour of every role's pages, a live conversation's event stream included, meets no policy violation", async ({ browser }) => {
  const project = await createTestProject("headers-tour", {}, { count: 3 });
  const batch = await e2eDb().batch.findFirstOrThrow({ where: { projectId: project.id } });
  const study = await createMturkStudy();
  const { project: live } = await createLiveProject("headers-live", fakeServer(), ["slow:delay=30,length=120", "ok:delay=5,length=80"]);
  const worker = await createTestWorker("headers");
  const tours: { user?: { email: string; password: string }; paths: string[] }[] = [
    { paths: ["/signin", "/no-such-page", `/study/${study.id}/preview`] },
    { user: worker, paths: ["/tasks", "/tasks/history", "/settings/tokens"] },
    { user: E2E_USERS.researcher, paths: ["/projects", "/exports"] },
    {
      user: E2E_USERS.admin,
      paths: [
        "/admin",
        "/admin/projects/new",
        `/admin/projects/${project.slug}`,
        `/admin/projects/${project.slug}/settings`,
        `/admin/projects/${project.slug}/batches/${batch.id}`,
        "/admin/people",
        "/admin/models",
        "/admin/studies",
        "/admin/audit",
      ],
    },
  ];
  for (const tour of tours) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = await watchViolations(page);
    if (tour.user) await signIn(page, tour.user);
    for (const path of tour.paths) await openPage(page, path);
    if (tour.user === worker) {
      await answerTask(page, project);
      await holdLiveTurn(page, live.name);
    }
    if (tour.user === E2E_USERS.admin) {
      // The chart's container is sized by a style attribute in the server's HTML (style-src-attr).
      await openPage(page, `/admin/projects/${project.slug}/batches/${batch.id}`);
      await expect(page.getByRole("img", { name: "Judgments per hour" }).locator("svg.recharts-surface")).toBeVisible();
    }
    expect(violations, tour.user?.email ?? "signed out").toEqual([]);
    await context.close();
  }
});

/** Answers one task (key 1 submits on the 8-point scale), so the admin's batch page draws its chart. */
async function answerTask(page: Page, project: { id: string; name: string }) {
  await openNextTask(page, project.name);
  const instructions = page.getByRole("dialog", { name: "Instructions" });
  if (await instructions.isVisible()) await page.keyboard.press("Escape");
  await expect(instructions).toBeHidden();
  await page.keyboard.press("1");
  await expect.poll(() => e2eDb().judgment.count({ where: { projectId: project.id } })).toBe(1);
}

/** Starts a conversation and sends a message; the samples' event stream answers with the API's headers. */
async function holdLiveTurn(page: Page, projectName: string) {
  await openPage(page, "/tasks");
  await page.getByRole("listitem").filter({ hasText: projectName }).getByRole("button", { name: "Start a conversation" }).click();
  await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const stream = page.waitForResponse((response) => response.url().includes("/events"));
  await page.getByLabel(/Write your first message/).fill("Is a fern a good first houseplant?");
  await page.keyboard.press("Control+Enter");
  const headers = (await stream).headers();
  expect(headers).toMatchObject({
    "content-type": expect.stringContaining("text/event-stream"),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
  });
  // The turn may already be complete, and its samples formatted in the answer form, when this looks.
  await expect(page.getByRole("region", { name: "Response A", exact: true })).toContainText("Reply to: Is a fern");
}
