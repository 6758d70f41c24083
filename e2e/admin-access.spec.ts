// Every page, API route and Server Action refuses the roles its permission leaves out, on the server.
// The entry points are read from the source (e2e/access-inventory.ts), so a new one is covered at
// once, and one that checks no permission fails here unless it is public on purpose.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { can } from "@/lib/auth/permissions";
import { createItemsRecord, createProjectRecord } from "@/prisma/factories";
import { apiRoutes, pages, PUBLIC_ENTRY_POINTS, serverActions, urlOf } from "./access-inventory";
import { signIn } from "./sign-in";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

const ROLES = [E2E_USERS.worker, E2E_USERS.researcher];
const slug = `access-${randomBytes(3).toString("hex")}`;
// Values for dynamic segments; ids need not exist for a refusal, but the shapes must be valid.
const params: Record<string, string> = {
  slug,
  id: "00000000-0000-4000-8000-000000000000",
  assignmentId: "00000000-0000-4000-8000-000000000000",
  batchId: "00000000-0000-4000-8000-000000000000",
  workerId: "00000000-0000-4000-8000-000000000000",
  token: "not-a-real-token",
  nextauth: "session",
};

test.beforeAll(async () => {
  const project = await createProjectRecord(e2eDb(), { slug, name: "Access" });
  const batch = await createItemsRecord(e2eDb(), { projectId: project.id, count: 1 });
  params.batchId = batch.id;
});

test("every entry point checks a permission or is public on purpose", () => {
  const unchecked = [
    ...pages()
      .filter((page) => !page.permission)
      .map((page) => page.file),
    ...apiRoutes()
      .filter((route) => !route.permission)
      .map((route) => route.file),
    ...serverActions()
      .filter((action) => !action.permission)
      .map((action) => action.file),
  ];
  expect(unchecked.filter((file) => !PUBLIC_ENTRY_POINTS.has(file))).toEqual([]);
});

for (const role of ROLES) {
  test.describe(`as ${role.role.toLowerCase()}`, () => {
    test.beforeEach(async ({ page }) => signIn(page, role));

    for (const entry of pages().filter((p) => p.permission && !can(role.role, p.permission))) {
      test(`page ${entry.file} answers 403`, async ({ page }) => {
        const response = await page.goto(urlOf(entry.file, params));
        expect(response?.status()).toBe(403);
      });
    }

    for (const entry of apiRoutes().filter((r) => r.permission && !can(role.role, r.permission))) {
      test(`${entry.method} ${entry.file} answers 403`, async ({ page }) => {
        const response = await page.request.fetch(urlOf(entry.file, params), { method: entry.method, data: entry.method === "GET" ? undefined : "{}" });
        expect(response.status()).toBe(403);
        expect((await response.json()).error.code).toBe("FORBIDDEN");
      });
    }

    for (const entry of serverActions().filter((a) => a.permission && !can(role.role, a.permission))) {
      test(`action ${entry.file} is refused`, async ({ page, baseURL }) => {
        const body = await callServerAction(page, entry.file, baseURL!);
        expect(body).toMatch(/"ok":false,"code":"FORBIDDEN"/);
      });
    }
  });
}

/** The build's record of a Server Action: its id and a page whose bundle holds it. */
function findAction(file: string): { id: string; pageFile: string } {
  const manifestPath = path.join(process.env.PREFLAB_BUILD_DIR ?? ".next-test", "server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  const [filename, exportedName] = file.split("#");
  const found = Object.entries(manifest.node).find(([, action]) => action.filename === filename && action.exportedName === exportedName);
  if (!found) throw new Error(`${file} is not in the build: no page uses it`);
  const [id, action] = found;
  // Prefer a page without dynamic segments.
  const workers = Object.keys(action.workers).filter((worker) => worker.endsWith("/page"));
  const pageFile = `${workers.sort((a, b) => Number(a.includes("[")) - Number(b.includes("[")))[0]}.tsx`;
  return { id, pageFile };
}

/** Calls a Server Action the way React does (the Next-Action header) with no arguments. */
async function callServerAction(page: Page, file: string, baseURL: string): Promise<string> {
  const { id, pageFile } = findAction(file);
  const response = await page.request.post(urlOf(pageFile, params), {
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", origin: baseURL, accept: "text/x-component" },
    data: "[]",
  });
  return response.text();
}
