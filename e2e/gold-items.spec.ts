// Check items from the admin's side: a gold file is refused line by line in the browser, an item is
// marked gold on the batch page, and an export then leaves its judgment out and says so.
import { expect, test } from "@playwright/test";
import type { ExportManifest } from "@/lib/exports/manifest";
import { openPage } from "./navigation";
import { signIn } from "./sign-in";
import { closeTestProjects, createTestProject, createTestWorker, judgeEveryItem } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

test.afterAll(closeTestProjects);

const jsonl = (records: object[]) => Buffer.from(records.map((r) => JSON.stringify(r)).join("\n") + "\n");

test("a gold file without a reference on a line is refused in the browser, line by line, and nothing is stored", async ({ page }) => {
  const project = await createTestProject("gold-import");
  await signIn(page, E2E_USERS.admin);
  await openPage(page, `/admin/projects/${project.slug}`);
  const records = [
    {
      prompt: "Capital of France?",
      responses: [
        { text: "Paris", rank: 1 },
        { text: "Lyon", rank: 2 },
      ],
      explanation: "Paris is the capital.",
    },
    { prompt: "Name a prime.", responses: [{ text: "7" }, { text: "8" }] },
  ];
  await page.getByLabel("File to import").setInputFiles({ name: "gold.jsonl", mimeType: "application/x-ndjson", buffer: jsonl(records) });
  await page.getByLabel("The items are").selectOption("gold");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByRole("list", { name: "Errors by line" }).getByRole("listitem")).toHaveText([
    "line 2, field candidates: a gold item needs a reference preference: a rank on every response and exactly one best",
  ]);
  expect(await e2eDb().item.count({ where: { projectId: project.id } })).toBe(0);

  await page.getByRole("button", { name: "Choose another file" }).click();
  await page.getByLabel("File to import").setInputFiles({ name: "gold.jsonl", mimeType: "application/x-ndjson", buffer: jsonl(records.slice(0, 1)) });
  await page.getByLabel("The items are").selectOption("gold");
  await page.getByRole("button", { name: "Check" }).click();
  await page.getByRole("button", { name: "Import 1 item" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 1 item" })).toBeVisible();
  const [item] = await e2eDb().item.findMany({ where: { projectId: project.id } });
  expect(item).toMatchObject({ role: "GOLD", isComplete: true, referenceNote: "Paris is the capital." });
});

test("an admin marks a judged item gold on the batch page, and an export leaves its judgment out", async ({ page }) => {
  const project = await createTestProject("gold-mark", { judgmentsPerItem: 1 }, { count: 3 });
  const worker = await createTestWorker("gold-judge");
  const items = (await judgeEveryItem(project, worker, { tag: "gold" })).map((judged) => judged.item);

  await signIn(page, E2E_USERS.admin);
  await openPage(page, `/admin/projects/${project.slug}/batches/${items[0].batchId}`);
  await page.getByText("Question 2?").click();
  const form = page.getByRole("form", { name: "Role of item #2" });
  await form.getByLabel("Role").selectOption("gold");
  await form.getByRole("radio", { name: /^#2/ }).check();
  await form.getByLabel("Why it is best").fill("The second answer is right.");
  await form.getByRole("button", { name: "Save role" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  await expect(page.getByTestId("item-role")).toHaveText("gold");
  await expect(page.getByTestId("check-items")).toContainText("1 check item");
  const marked = await e2eDb().item.findUniqueOrThrow({ where: { id: items[1].id }, include: { candidates: { orderBy: { position: "asc" } } } });
  expect(marked).toMatchObject({ role: "GOLD", isComplete: true, referenceNote: "The second answer is right." });
  expect(marked.candidates.map((candidate) => candidate.referenceRank)).toEqual([2, 1]);

  await openPage(page, `/exports?project=${project.slug}`);
  await page.getByLabel("Format").selectOption({ label: "Raw judgments, for analysis" });
  await expect(page.getByRole("checkbox", { name: /^Include check items/ })).not.toBeChecked();
  await page.getByRole("button", { name: "Start export" }).click();
  const entry = page.getByRole("listitem", { name: new RegExp(`^Export preflab-${project.slug}-judgments-`) });
  await expect(entry.getByRole("link", { name: "Download" })).toBeVisible({ timeout: 30_000 });
  const record = await e2eDb().export.findFirstOrThrow({
    where: { options: { path: ["projects"], array_contains: project.slug } },
    orderBy: { createdAt: "desc" },
  });
  expect(record).toMatchObject({ status: "COMPLETE", rowCount: 2, judgmentsRead: 3 });
  expect((record.manifest as ExportManifest).counts.judgmentsLeftOut).toEqual({ "check item (gold, attention or practice)": 1 });
});
