import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createProjectRecord } from "@/prisma/factories";
import { bearer, createToken } from "./api-tokens";
import { e2eDb } from "./test-database";
import { signIn } from "./sign-in";
import { E2E_USERS } from "./users";

const slug = `api-access-${randomBytes(3).toString("hex")}`;
const ONE_ITEM = '{"prompt": "Hi", "responses": [{"text": "Hello"}, {"text": "Hey"}]}\n';

test.beforeAll(async () => {
  await createProjectRecord(e2eDb(), { slug, name: "API access" });
});

test("the API refuses requests without a valid token", async ({ request }) => {
  const none = await request.post(`/api/v1/projects/${slug}/claim`);
  expect(none.status()).toBe(401);
  expect((await none.json()).error.code).toBe("UNAUTHENTICATED");
  const forged = await request.post(`/api/v1/projects/${slug}/claim`, { headers: bearer("pfl_this-token-was-never-issued-at-all") });
  expect(forged.status()).toBe(401);
  const malformed = await request.post(`/api/v1/projects/${slug}/claim`, { headers: { authorization: "Basic abc" } });
  expect(malformed.status()).toBe(401);
});

test("a worker's token cannot export or import, whatever its scopes", async ({ request }) => {
  const token = await createToken(E2E_USERS.worker.email, ["tasks", "export", "admin"]);
  expect((await request.get(`/api/v1/projects/${slug}/export?format=trl`, { headers: bearer(token) })).status()).toBe(403);
  const imported = await request.post(`/api/v1/projects/${slug}/imports`, { headers: bearer(token), data: ONE_ITEM });
  expect(imported.status()).toBe(403);
  expect(await e2eDb().batch.count({ where: { project: { slug } } })).toBe(0);
});

test("a token is held to its scopes even when its owner's role allows more", async ({ request }) => {
  const tasksOnly = await createToken(E2E_USERS.admin.email, ["tasks"]);
  expect((await request.get(`/api/v1/projects/${slug}/export`, { headers: bearer(tasksOnly) })).status()).toBe(403);
  expect((await request.post(`/api/v1/projects/${slug}/imports`, { headers: bearer(tasksOnly), data: ONE_ITEM })).status()).toBe(403);
  const exportOnly = await createToken(E2E_USERS.researcher.email, ["export"]);
  expect((await request.post(`/api/v1/projects/${slug}/claim`, { headers: bearer(exportOnly) })).status()).toBe(403);
  expect((await request.get(`/api/v1/projects/${slug}/export`, { headers: bearer(exportOnly) })).status()).toBe(200);
});

test("an import with a bad line answers 422 with the line and field, and stores nothing", async ({ request }) => {
  const token = await createToken(E2E_USERS.admin.email, ["admin"]);
  const response = await request.post(`/api/v1/projects/${slug}/imports?format=preflab`, {
    headers: bearer(token),
    data: `${ONE_ITEM}${ONE_ITEM}{"prompt": "Hi", "responses": [{"text": "only one"}]}\n`,
  });
  expect(response.status()).toBe(422);
  const { error } = await response.json();
  expect(error.code).toBe("INVALID_FILE");
  expect(error.details).toEqual([{ line: 3, field: "responses", message: "needs at least 2 responses" }]);
  expect(await e2eDb().item.count({ where: { project: { slug } } })).toBe(0);
});

test("a signed-in browser session cannot be used from another site to change anything", async ({ page }) => {
  await signIn(page, E2E_USERS.admin);
  const response = await page.request.post(`/api/v1/projects/${slug}/imports`, {
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    data: ONE_ITEM,
  });
  expect(response.status()).toBe(403);
  expect(await e2eDb().batch.count({ where: { project: { slug } } })).toBe(0);
});
