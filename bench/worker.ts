// `npm run bench:worker`: what a crowdworker's browser pays on the task page, in headless Chromium
// against the production build: the JavaScript it loads (compressed, as sent) and the time from
// pressing an answer key to the next task being interactive, median over 50 tasks. The baseline in
// the same run is the same work over the JSON API (submit, claim, read the task) without a browser.
import fs from "node:fs";
import zlib from "node:zlib";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db/connection";
import { createItemsRecord, createProjectRecord, createUserRecord } from "@/prisma/factories";
import { generateTokenSecret, hashTokenSecret } from "@/lib/auth/token-secret";
import { createBenchDatabase, startAppServer } from "./bench-server";
import { createJsonClient } from "./http-client";
import { percentile, printFigure } from "./stats";

const { values } = parseArgs({ options: { tasks: { type: "string", default: "50" } } });
const TASKS = Number(values.tasks);
const PASSWORD = "bench-password";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

async function seed(url: string) {
  const db = createPrismaClient(url, 2);
  const project = await createProjectRecord(db, { slug: "bench-worker", name: "Bench", judgmentsPerItem: 1 });
  await createItemsRecord(db, { projectId: project.id, count: TASKS * 2 + 20 });
  const worker = await createUserRecord(db, { email: "ui@bench.example", role: "WORKER", password: PASSWORD });
  const scripted = await createUserRecord(db, { email: "api@bench.example", role: "WORKER", password: PASSWORD });
  const token = generateTokenSecret();
  await db.apiToken.create({ data: { userId: scripted.id, name: "bench", scopes: ["tasks"], tokenHash: hashTokenSecret(token), prefix: token.slice(0, 10) } });
  await db.$disconnect();
  return { worker, token };
}

async function signIn(page: Page, email: string) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: PASSWORD, callbackUrl: "/" } });
}

/** Every script the task page loads, gzip-compressed (as `next start` sends them) and unpacked. */
async function measureScripts(page: Page) {
  const sizes: { wire: number; raw: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(
      (async () => {
        const body = await response.body();
        sizes.push({ wire: zlib.gzipSync(body).length, raw: body.length });
      })(),
    );
  });
  await page.reload();
  await page.locator("[data-interactive]").waitFor();
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  return { wire: sizes.reduce((sum, s) => sum + s.wire, 0), raw: sizes.reduce((sum, s) => sum + s.raw, 0), count: sizes.length };
}

/** Key press to the next task interactive, timed inside the page (a soft navigation keeps the clock). */
async function timeAnswers(page: Page): Promise<number[]> {
  const samples: number[] = [];
  for (let task = 0; task < TASKS; task++) {
    const url = page.url();
    await page.evaluate(() => ((window as unknown as { __pressedAt: number }).__pressedAt = performance.now()));
    await page.keyboard.press("2");
    await page.waitForURL((next) => next.toString() !== url);
    await page.locator("[data-interactive]").waitFor();
    samples.push(await page.evaluate(() => performance.now() - (window as unknown as { __pressedAt: number }).__pressedAt));
  }
  return samples;
}

async function timeApi(baseUrl: string, token: string): Promise<number[]> {
  const post = createJsonClient(baseUrl, 1);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  let task = ((await post("/api/v1/projects/bench-worker/claim", headers)).body as { task: { assignmentId: string } }).task;
  const samples: number[] = [];
  for (let n = 0; n < TASKS; n++) {
    const started = performance.now();
    await post(`/api/v1/assignments/${task.assignmentId}/judgment`, headers, JSON.stringify({ strength: -3, idempotencyKey: `api-${task.assignmentId}` }));
    task = ((await post("/api/v1/projects/bench-worker/claim", headers)).body as { task: { assignmentId: string } }).task;
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main() {
  const database = await createBenchDatabase("worker");
  let app: Awaited<ReturnType<typeof startAppServer>> | undefined;
  const browser = await chromium.launch({ executablePath: fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined, args: CHROMIUM_ARGS });
  try {
    const { worker, token } = await seed(database.url);
    app = await startAppServer(database.url);
    const page = await (await browser.newContext({ baseURL: app.baseUrl })).newPage();
    await signIn(page, worker.email);
    await page.goto("/tasks");
    await page.getByRole("button", { name: "Next task" }).click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    const scripts = await measureScripts(page);
    const ui = (await timeAnswers(page)).sort((a, b) => a - b);
    const api = (await timeApi(app.baseUrl, token)).sort((a, b) => a - b);
    printFigure("task page scripts", scripts.count);
    printFigure("task page javascript (compressed)", scripts.wire / 1024, "KB");
    printFigure("task page javascript (uncompressed)", scripts.raw / 1024, "KB");
    printFigure("tasks", TASKS);
    printFigure("submit to next task interactive p50", percentile(ui, 0.5), "ms");
    printFigure("submit to next task interactive p90", percentile(ui, 0.9), "ms");
    printFigure("api submit and claim p50", percentile(api, 0.5), "ms");
    printFigure("ratio", percentile(ui, 0.5) / percentile(api, 0.5));
  } finally {
    await browser.close();
    await app?.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
