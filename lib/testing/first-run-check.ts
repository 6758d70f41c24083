// The first run as a newcomer makes it, checked end to end on a fresh clone (CI runs it on every
// submission): `npm start` with DATABASE_URL unset and no .preflab/, on a free port; /api/health;
// a sign-in as the demo admin over HTTP; a demo worker's live conversation turn against the built-in
// demo models (no key, no network); Ctrl-C; and no process of the app or its PostgreSQL left. Then the
// same with `npm start -- --processes 2`: one port in front of two app processes, a session valid on each.
// Prints one line per check and then "N passed, N failed"; exits non-zero on any failure.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findFreePort } from "@/lib/runner/embedded-postgres";
import { projectRoot } from "@/lib/project-root";
import { DEMO_LIVE_PROJECT_SLUG, DEMO_LOGINS } from "@/prisma/seed";
import { HttpSession } from "@/lib/testing/http-session";
import { processesUnder } from "@/lib/testing/processes-under";

const ROOT = projectRoot();
const START_TIMEOUT_MS = 15 * 60_000; // a first start builds the app: minutes on a 2-core machine
const STOP_TIMEOUT_MS = 60_000;

type Check = { name: string; run: () => Promise<void> };

// What npm start has printed so far, to find the app processes' own addresses in.
let printed = "";

function startApp(port: number, args: string[] = []): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  printed = "";
  // Its own process group, so Ctrl-C can be sent to the whole group as a terminal does.
  const child = spawn("npm", ["start", ...(args.length > 0 ? ["--", ...args] : [])], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
      process.stdout.write(prefixLines(chunk.toString()));
    });
  }
  return child;
}

function prefixLines(text: string): string {
  return text.replace(/^(?=.)/gm, "  | ");
}

async function waitForHealth(baseUrl: string, app: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`npm start exited with ${app.exitCode} before the app answered`);
    const response = await fetch(`${baseUrl}/api/health`).catch(() => null);
    if (response?.status === 200) {
      const body = (await response.json()) as { status?: string };
      if (body.status === "ok") return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`/api/health did not answer 200 within ${START_TIMEOUT_MS / 60_000} minutes`);
}

async function signInAsDemoAdmin(baseUrl: string): Promise<void> {
  const admin = DEMO_LOGINS.find((login) => login.role === "ADMIN")!;
  const http = new HttpSession(baseUrl);
  await http.signIn(admin);
  const session = (await (await http.get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
  if (session?.user?.email !== admin.email) throw new Error(`the session is not the demo admin's: ${JSON.stringify(session)}`);
  const page = await http.get("/admin");
  if (page.status !== 200) throw new Error(`GET /admin as the demo admin answered ${page.status}`);
}

// npm itself dies of the SIGINT a terminal sends the whole group (a shell then shows 130); the app
// and PostgreSQL below it stop on their own, which the next check verifies.
const LIVE_TIMEOUT_MS = 60_000;

/** A demo worker sends a message in the live demo project, waits for both samples and answers the turn. */
async function holdDemoConversationTurn(baseUrl: string): Promise<void> {
  const worker = DEMO_LOGINS.find((login) => login.role === "WORKER")!;
  const http = new HttpSession(baseUrl);
  await http.signIn(worker);
  // Cookie-authenticated changes must come from the app's own origin, as a browser's would.
  const post = (path: string, body: unknown) =>
    http.request(path, { method: "POST", headers: { "content-type": "application/json", origin: baseUrl }, body: JSON.stringify(body) });
  const started = await post(`/api/v1/projects/${DEMO_LIVE_PROJECT_SLUG}/conversations`, {});
  if (started.status !== 201) throw new Error(`starting a conversation answered ${started.status}: ${await started.text()}`);
  const { conversation } = (await started.json()) as { conversation: { id: string } };
  const sent = await post(`/api/v1/conversations/${conversation.id}/messages`, {
    content: "How do I make fluffy scrambled eggs?",
    idempotencyKey: "first-run-1",
  });
  if (sent.status !== 202) throw new Error(`sending a message answered ${sent.status}: ${await sent.text()}`);
  const { turn } = (await sent.json()) as { turn: { turnId: string } };
  const ready = await waitForAnswerableTurn(http, conversation.id);
  const answered = await post(`/api/v1/conversations/${conversation.id}/turns/${turn.turnId}/answer`, {
    answer: { strength: -2, idempotencyKey: "first-run-answer-1" },
  });
  if (answered.status !== 201) throw new Error(`answering the turn answered ${answered.status}: ${await answered.text()}`);
  if (ready.some((sample) => !sample.text.trim())) throw new Error("a demo sample came back empty");
}

type ViewSample = { label: string; status: string; text: string; failure: string | null };

async function waitForAnswerableTurn(http: HttpSession, conversationId: string): Promise<ViewSample[]> {
  const deadline = Date.now() + LIVE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const { conversation } = (await (await http.get(`/api/v1/conversations/${conversationId}`)).json()) as {
      conversation: { current: { samples: ViewSample[]; answer: unknown } | null };
    };
    const samples = conversation.current?.samples ?? [];
    const failed = samples.find((sample) => sample.status === "failed");
    if (failed) throw new Error(`demo sample ${failed.label} failed: ${failed.failure}`);
    if (conversation.current?.answer) return samples;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the demo models' samples were not complete within ${LIVE_TIMEOUT_MS / 1000} s`);
}

/** Signs in as the demo admin through the one port, then asks each app process (printed by npm start) for the session. */
async function checkSessionOnEveryProcess(baseUrl: string, processes: number): Promise<void> {
  const origins = [...printed.matchAll(/app process \d+: (http:\/\/127\.0\.0\.1:\d+)/g)].map((match) => match[1]);
  if (origins.length !== processes) throw new Error(`npm start printed ${origins.length} app process addresses, not ${processes}`);
  const admin = DEMO_LOGINS.find((login) => login.role === "ADMIN")!;
  const http = new HttpSession(baseUrl);
  await http.signIn(admin);
  for (const origin of origins) {
    const session = (await (await http.at(origin).get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
    if (session?.user?.email !== admin.email) throw new Error(`the app process at ${origin} does not know the session: ${JSON.stringify(session)}`);
  }
}

function pressCtrlC(app: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not stop within ${STOP_TIMEOUT_MS / 1000} s of Ctrl-C`)), STOP_TIMEOUT_MS);
    app.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0 || code === 130 || signal === "SIGINT") resolve();
      else reject(new Error(`npm start ended with ${signal ?? `exit code ${code}`}`));
    });
    process.kill(-app.pid!, "SIGINT");
  });
}

async function assertNothingLeft(): Promise<void> {
  // The app's processes run in the clone (cwd) and PostgreSQL in its data folder inside it.
  for (let attempt = 0; attempt < 60; attempt++) {
    if (processesUnder(ROOT).length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const left = processesUnder(ROOT);
  if (left.length > 0) throw new Error(`processes left after Ctrl-C: ${left.map((p) => `${p.pid} ${p.command}`).join("; ")}`);
}

async function main() {
  if (fs.existsSync(path.join(ROOT, ".preflab"))) throw new Error(`${ROOT}/.preflab exists: run this check on a fresh clone`);
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  let app: ChildProcess | null = null;
  const checks: Check[] = [
    { name: `npm start (DATABASE_URL unset, port ${port}) answers /api/health`, run: async () => waitForHealth(baseUrl, (app = startApp(port))) },
    { name: "the demo admin signs in over HTTP and opens /admin", run: () => signInAsDemoAdmin(baseUrl) },
    { name: "a demo worker holds a live conversation turn with the built-in demo models", run: () => holdDemoConversationTurn(baseUrl) },
    { name: "Ctrl-C stops npm start", run: () => pressCtrlC(app!) },
    { name: "no process of the app or its PostgreSQL is left", run: assertNothingLeft },
    {
      name: "npm start -- --processes 2 answers /api/health on the same port",
      run: async () => waitForHealth(baseUrl, (app = startApp(port, ["--processes", "2"]))),
    },
    { name: "a session signed in through that port works on each of the two app processes", run: () => checkSessionOnEveryProcess(baseUrl, 2) },
    { name: "Ctrl-C stops npm start and both app processes", run: () => pressCtrlC(app!) },
    { name: "no process of the app, its app processes or its PostgreSQL is left", run: assertNothingLeft },
  ];
  let passed = 0;
  let failed = 0;
  for (const check of checks) {
    try {
      await check.run();
      passed++;
      console.log(`[first-run] ok: ${check.name}`);
    } catch (error) {
      failed++;
      console.log(`[first-run] failed: ${check.name}: ${error instanceof Error ? error.message : error}`);
      break;
    }
  }
  failed += checks.length - passed - failed; // checks after a failure cannot run: they count as failed
  const running = app as ChildProcess | null;
  if (running && running.exitCode === null && running.signalCode === null) process.kill(-running.pid!, "SIGKILL");
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
