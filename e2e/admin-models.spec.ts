// An admin manages model endpoints on /admin/models against a fake OpenAI-compatible server running in
// this Playwright worker, which the app reaches on 127.0.0.1 like any model server.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";
import { openPage } from "./navigation";
import { signIn } from "./sign-in";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

const KEY = `sk-e2e-${randomBytes(8).toString("hex")}`;
let server: FakeOpenAiServer;

test.beforeAll(async () => {
  server = await startFakeOpenAiServer({ apiKey: KEY });
});

test.afterAll(async () => {
  await server.close();
});

const rowOf = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });

test("an admin adds an endpoint with a key, tests it, edits it, sees a failing test's exact error, and archives it", async ({ page }) => {
  const name = `e2e-model-${randomBytes(3).toString("hex")}`;
  await signIn(page, E2E_USERS.admin);
  await openPage(page, "/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
  await expect(page).toHaveURL(/\/admin\/models$/);

  const form = page.getByRole("form", { name: "New model endpoint" });
  await form.getByLabel(/^Name/).fill(name);
  await form.getByLabel(/^Base URL/).fill(`${server.baseUrl}/`);
  await form.getByLabel(/^Model id/).fill("ok:length=60");
  await form.getByLabel(/^API key/).fill(KEY);
  await form.getByLabel(/^Temperature/).fill("0.7");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.getByRole("status")).toHaveText(`Added ${name}. Press Test in its row to check that it answers.`);
  await expect(form.getByLabel(/^API key/)).toHaveValue("");
  const row = rowOf(page, name);
  await expect(row.getByRole("cell")).toHaveText([
    "ok:length=60",
    server.baseUrl,
    "stored (encrypted)",
    "temperature 0.7",
    "60 s timeout · 4 at once",
    "0",
    "active",
    /Test/,
  ]);
  const created = await e2eDb().modelEndpoint.findUniqueOrThrow({ where: { name } });
  expect(created.apiKeyEncrypted).toMatch(/^v1:/);
  expect(created.apiKeyEncrypted).not.toContain(KEY);
  expect(await page.content()).not.toContain(KEY);

  // Test: the app sends the endpoint's own settings and key; the answer shows with its timings.
  const messages = page.getByRole("status", { name: `About ${name}` });
  await page.getByRole("button", { name: `Test ${name}` }).click();
  await expect(messages).toContainText(/It answered in \d+ ms, the first token after \d+ ms:/);
  await expect(messages.locator("blockquote")).toHaveText(/\S/);
  const sent = server.requests.at(-1)!;
  expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
  expect(sent.body).toMatchObject({ model: "ok:length=60", temperature: 0.7, max_tokens: 40, stream: true });

  // Edit: the key is never filled back in; an empty key field keeps it.
  await page.getByRole("button", { name: `Edit ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Edit ${name}` });
  await expect(dialog.getByLabel(/^New API key/)).toHaveValue("");
  await expect(dialog.getByText("now: stored (encrypted)")).toBeVisible();
  await expect(dialog.getByLabel(/^Temperature/)).toHaveValue("0.7");
  await dialog.getByLabel(/^Model id/).fill("500");
  await dialog.getByLabel(/^Temperature/).fill("");
  await dialog.getByLabel(/^Max tokens/).fill("128");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(messages).toHaveText(`Saved ${name}: modelId, temperature, maxTokens.`);
  await expect(row).toContainText("max 128 tokens");
  const edited = await e2eDb().modelEndpoint.findUniqueOrThrow({ where: { name } });
  expect(edited).toMatchObject({ modelId: "500", temperature: null, maxTokens: 128, apiKeyEncrypted: created.apiKeyEncrypted });

  // A failing test shows the server's exact error, by keyboard too.
  await page.getByRole("button", { name: `Test ${name}` }).focus();
  await page.keyboard.press("Enter");
  await expect(messages).toContainText(/^Test failed \(server-error\): HTTP 500: /);

  await page.getByRole("button", { name: `Archive ${name}` }).click();
  await expect(page.getByRole("button", { name: `Restore ${name}` })).toBeVisible();
  await expect(row.getByRole("cell").nth(6)).toHaveText("archived");
  expect((await e2eDb().modelEndpoint.findUniqueOrThrow({ where: { name } })).archivedAt).toBeInstanceOf(Date);

  const audit = await e2eDb().auditEvent.findMany({
    where: { targetId: created.id },
    orderBy: { seq: "asc" },
    select: { action: true, before: true, after: true },
  });
  expect(audit.map((event) => event.action)).toEqual(["endpoint.create", "endpoint.update", "endpoint.archive"]);
  expect(JSON.stringify(audit)).not.toContain(KEY);
});

test("a refused field keeps what the admin typed and says what is wrong", async ({ page }) => {
  await signIn(page, E2E_USERS.admin);
  await openPage(page, "/admin/models");
  const form = page.getByRole("form", { name: "New model endpoint" });
  await form.getByLabel(/^Name/).fill(`e2e-refused-${randomBytes(3).toString("hex")}`);
  await form.getByLabel(/^Base URL/).fill(server.baseUrl);
  await form.getByLabel(/^Model id/).fill("ok");
  await form.getByLabel(/^Or the environment variable/).fill("AUTH_SECRET");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form).toContainText("never send the app's own secrets (AUTH_SECRET, DATABASE_URL)");
  await expect(form.getByLabel(/^Or the environment variable/)).toHaveValue("AUTH_SECRET");
  await expect(form.getByLabel(/^Model id/)).toHaveValue("ok");
});

test("a worker gets 403 on /admin/models and no Models link", async ({ page }) => {
  await signIn(page, E2E_USERS.worker);
  const response = await page.goto("/admin/models");
  expect(response?.status()).toBe(403);
  await openPage(page, "/tasks");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" })).toHaveCount(0);
});
