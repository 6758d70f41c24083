import { gzipSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { bearer, createToken } from "./api-tokens";
import { openPage } from "./navigation";
import { E2E_USERS } from "./users";
import { e2eDb } from "./test-database";
import { signIn } from "./sign-in";
import { closeTestProjects, createTestProject } from "./test-data";

test.afterAll(closeTestProjects);

const jsonl = (records: object[]) => Buffer.from(records.map((r) => JSON.stringify(r)).join("\n") + "\n");

const GOOD = [
  {
    id: "q1",
    prompt: "What is <b>bold</b> in HTML?",
    responses: [
      { text: "It makes text **bold**.", model: "model-one" },
      { text: "No idea.", model: "model-two" },
    ],
  },
  { id: "q2", prompt: "Name a prime.", responses: [{ text: "7" }, { text: "8" }] },
  { id: "q3", prompt: "Capital of France?", responses: [{ text: "Paris" }, { text: "Lyon" }] },
];
const BAD = [GOOD[0], { id: "q2", prompt: "Name a prime.", responses: [{ text: "7" }] }, { id: "q3", prompt: 3, responses: [{ text: "a" }, { text: "b" }] }];

async function openProject(page: Page, label: string) {
  const project = await createTestProject(label);
  await signIn(page, E2E_USERS.admin);
  await openPage(page, `/admin/projects/${project.slug}`);
  return project;
}

async function stored(projectId: string) {
  return { batches: await e2eDb().batch.count({ where: { projectId } }), items: await e2eDb().item.count({ where: { projectId } }) };
}

test("an admin sees every bad line of a file, nothing stored; then previews and imports the fixed file as a draft batch", async ({ page }) => {
  const project = await openProject(page, "imports-fix");

  await page.getByLabel("File to import").setInputFiles({ name: "items.jsonl", mimeType: "application/x-ndjson", buffer: jsonl(BAD) });
  await expect(page.getByText("Uploaded items.jsonl")).toBeVisible();
  await page.getByRole("button", { name: "Check" }).click();
  const errors = page.getByRole("list", { name: "Errors by line" });
  await expect(errors.getByRole("listitem")).toHaveText(["line 2, field responses: needs at least 2 responses", "line 3, field prompt: expected a string"]);
  await expect(page.getByText("The file has 2 bad lines; nothing was imported")).toBeVisible();
  await expect(page.getByText("Nothing was stored.")).toBeVisible();
  expect(await stored(project.id)).toEqual({ batches: 0, items: 0 });

  await page.getByRole("button", { name: "Choose another file" }).click();
  await page.getByLabel("File to import").setInputFiles({ name: "items-fixed.jsonl", mimeType: "application/x-ndjson", buffer: jsonl(GOOD) });
  await expect(page.getByLabel("Format")).toHaveValue("preflab");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByText("The file is valid: 3 items.")).toBeVisible();

  // The preview is the worker's view: markup in the text shows as text, markdown renders.
  const first = page.getByRole("article", { name: "Preview of line 1" });
  await expect(first.getByRole("list", { name: "Conversation" })).toContainText("What is <b>bold</b> in HTML?");
  await expect(first.locator("b")).toHaveCount(0);
  await expect(first.getByRole("region", { name: "Response A" }).locator("strong")).toHaveText("bold");
  await expect(first.getByRole("region", { name: "Response A" })).toContainText("Admin only: model model-one");
  await expect(page.getByRole("article", { name: /^Preview of line/ })).toHaveCount(3);
  expect(await stored(project.id)).toEqual({ batches: 0, items: 0 });

  await page.getByLabel("Batch name").fill("Fixed batch");
  await page.getByRole("button", { name: "Import 3 items" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 3 items as draft batch “Fixed batch”" })).toBeVisible();
  const batch = await e2eDb().batch.findFirstOrThrow({ where: { projectId: project.id } });
  expect(batch).toMatchObject({ name: "Fixed batch", status: "DRAFT", itemCount: 3, sourceFormat: "preflab" });
  await expect(page.getByRole("link", { name: "Open the batch" })).toHaveAttribute("href", `/admin/projects/${project.slug}/batches/${batch.id}`);
  await expect(page.getByRole("cell", { name: "Fixed batch" })).toBeVisible();
  const items = await e2eDb().item.findMany({ where: { batchId: batch.id }, orderBy: { position: "asc" }, select: { externalId: true, contentHash: true } });
  expect(items.map((i) => i.externalId)).toEqual(["q1", "q2", "q3"]);
  for (const item of items) expect(item.contentHash).toMatch(/^[0-9a-f]{64}$/);
  const audit = await e2eDb().auditEvent.findFirstOrThrow({ where: { action: "batch.import", targetId: batch.id } });
  expect(audit.after).toMatchObject({ name: "Fixed batch", format: "preflab", itemCount: 3, duplicatesSkipped: 0 });
  expect(await e2eDb().upload.findFirstOrThrow({ where: { projectId: project.id, batchId: batch.id } })).toMatchObject({ filename: "items-fixed.jsonl" });
});

test("a gzipped TRL file is recognised, and its duplicate is skipped on request", async ({ page }) => {
  const project = await openProject(page, "imports-gz");
  const user = { role: "user", content: "Sky colour?" };
  const pair = { prompt: [user], chosen: [{ role: "assistant", content: "Blue." }], rejected: [{ role: "assistant", content: "Green." }] };
  const other = {
    prompt: [{ role: "user", content: "Grass colour?" }],
    chosen: [{ role: "assistant", content: "Green." }],
    rejected: [{ role: "assistant", content: "Blue." }],
  };
  // Named without .gz: gzip is found by its magic bytes.
  await page
    .getByLabel("File to import")
    .setInputFiles({ name: "pairs.jsonl", mimeType: "application/octet-stream", buffer: gzipSync(jsonl([pair, other, pair])) });
  await expect(page.getByText(/Uploaded pairs\.jsonl \(.*, gzip\)/)).toBeVisible();
  await expect(page.getByLabel("Format")).toHaveValue("trl");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByText("Duplicates (same conversation and responses): 1 repeated within the file.")).toBeVisible();
  await expect(page.getByRole("article", { name: "Preview of line 1" }).getByRole("region", { name: "Response A" })).toContainText("reference rank 1");
  await page.getByLabel("Skip duplicates (1)").check();
  await page.getByRole("button", { name: "Import 2 items" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 items as draft batch" })).toContainText("skipping 1 duplicates");
  const batch = await e2eDb().batch.findFirstOrThrow({ where: { projectId: project.id } });
  expect(batch).toMatchObject({ status: "DRAFT", itemCount: 2, sourceFormat: "trl" });
  const items = await e2eDb().item.findMany({
    where: { batchId: batch.id },
    orderBy: { position: "asc" },
    include: { candidates: { orderBy: { position: "asc" } } },
  });
  expect(items.map((i) => [i.position, i.candidates.map((c) => [c.text, c.referenceRank])])).toEqual([
    [
      1,
      [
        ["Blue.", 1],
        ["Green.", 2],
      ],
    ],
    [
      2,
      [
        ["Green.", 1],
        ["Blue.", 2],
      ],
    ],
  ]);
});

test("a CSV is imported through a column mapping built from its header", async ({ page }) => {
  const project = await openProject(page, "imports-csv");
  const csv =
    'id,question,left,left_model,right,right_model,winner\nc1,"Hi, who are you?",I am an assistant.,m-left,Go away.,m-right,left\nc2,Count to three.,"1, 2, 3",m-left,"1, 2",m-right,2\n';
  await page.getByLabel("File to import").setInputFiles({ name: "pairs.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByLabel("Format")).toHaveValue("csv");
  await expect(page.getByLabel("Prompt (one user message)")).toHaveValue("question");
  await expect(page.getByLabel("Item id")).toHaveValue("id");
  await page.getByLabel(/^Response 1/).selectOption("left");
  await page.getByLabel("Model of response 1").selectOption("left_model");
  await page.getByLabel(/^Response 2/).selectOption("right");
  await page.getByLabel("Model of response 2").selectOption("right_model");
  await page.getByLabel("Preferred response").selectOption("winner");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByText("The file is valid: 2 items.")).toBeVisible();
  await expect(page.getByRole("article", { name: "Preview of line 2" })).toContainText("Hi, who are you?");
  await page.getByRole("button", { name: "Import 2 items" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 items as draft batch “pairs”" })).toBeVisible();
  const items = await e2eDb().item.findMany({
    where: { projectId: project.id },
    orderBy: { position: "asc" },
    include: { candidates: { orderBy: { position: "asc" } } },
  });
  expect(items.map((i) => [i.externalId, i.context, i.candidates.map((c) => [c.text, c.model, c.referenceRank])])).toEqual([
    [
      "c1",
      [{ role: "user", content: "Hi, who are you?" }],
      [
        ["I am an assistant.", "m-left", 1],
        ["Go away.", "m-right", 2],
      ],
    ],
    [
      "c2",
      [{ role: "user", content: "Count to three." }],
      [
        ["1, 2, 3", "m-left", 2],
        ["1, 2", "m-right", 1],
      ],
    ],
  ]);
});

test("a worker cannot stage, check or commit an upload, whatever the token's scopes", async ({ request }) => {
  const project = await createTestProject("imports-worker");
  const headers = bearer(await createToken(E2E_USERS.worker.email, ["tasks", "export", "admin"]));
  const upload = await request.post(`/api/v1/projects/${project.slug}/uploads?filename=x.jsonl`, { headers, data: jsonl(GOOD) });
  expect(upload.status()).toBe(403);
  const nobody = "00000000-0000-0000-0000-000000000000";
  expect((await request.post(`/api/v1/uploads/${nobody}/check`, { headers, data: {} })).status()).toBe(403);
  expect((await request.post(`/api/v1/uploads/${nobody}/commit`, { headers, data: {} })).status()).toBe(403);
  expect(await e2eDb().upload.count({ where: { projectId: project.id } })).toBe(0);
});
