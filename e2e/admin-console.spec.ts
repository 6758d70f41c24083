// One admin's whole path through the console: a new project, a file with errors refused whole, the
// fixed file previewed and imported, and its batch activated, paused and closed. The parts are
// tested in depth by admin-batches, admin-imports and admin-people; this is the path end to end.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { openPage } from "./navigation";
import { signIn } from "./sign-in";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

const jsonl = (records: object[]) => Buffer.from(records.map((record) => JSON.stringify(record)).join("\n") + "\n");

const FIXED = [
  { id: "c1", prompt: "Is the sea salty?", responses: [{ text: "Yes." }, { text: "Only on Tuesdays." }] },
  { id: "c2", prompt: "How many legs has a spider?", responses: [{ text: "Eight." }, { text: "Six." }] },
];
const BROKEN = [FIXED[0], { id: "c2", prompt: "How many legs has a spider?", responses: [{ text: "Eight." }] }];

test("an admin creates a project, imports a batch after fixing its file, and runs it from draft to closed", async ({ page }) => {
  const slug = `console-${randomBytes(3).toString("hex")}`;
  await signIn(page, E2E_USERS.admin);
  await openPage(page, "/admin/projects/new");
  await page.getByLabel("Name", { exact: true }).fill("Console e2e");
  await page.getByLabel(/^Slug/).fill(slug);
  await page.getByLabel(/^Judgments per item/).fill("2");
  await page.getByLabel(/^Gold rate/).fill("0.1");
  await page.getByLabel(/^Qualification pass mark/).fill("0.8");
  await page.getByLabel(/^Overlap max/).fill("4");
  await page.getByLabel(/^Order of tasks/).selectOption("ADAPTIVE");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${slug}$`));
  const project = await e2eDb().project.findUniqueOrThrow({ where: { slug } });
  expect(project).toMatchObject({
    name: "Console e2e",
    judgmentsPerItem: 2,
    goldRate: 0.1,
    qualificationPassMark: 0.8,
    overlapMax: 4,
    pairingRule: "ADAPTIVE",
  });

  // A file with a bad line: every error by line, nothing stored.
  await page.getByLabel("File to import").setInputFiles({ name: "console.jsonl", mimeType: "application/x-ndjson", buffer: jsonl(BROKEN) });
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByRole("list", { name: "Errors by line" }).getByRole("listitem")).toHaveText(["line 2, field responses: needs at least 2 responses"]);
  await expect(page.getByText("Nothing was stored.")).toBeVisible();
  expect(await e2eDb().item.count({ where: { projectId: project.id } })).toBe(0);
  expect(await e2eDb().batch.count({ where: { projectId: project.id } })).toBe(0);

  // The fixed file: previewed as workers will see it, then imported as a draft.
  await page.getByRole("button", { name: "Choose another file" }).click();
  await page.getByLabel("File to import").setInputFiles({ name: "console-fixed.jsonl", mimeType: "application/x-ndjson", buffer: jsonl(FIXED) });
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByRole("article", { name: /^Preview of line/ })).toHaveCount(2);
  await expect(page.getByRole("article", { name: "Preview of line 2" })).toContainText("How many legs has a spider?");
  await page.getByLabel("Batch name").fill("Console batch");
  await page.getByRole("button", { name: "Import 2 items" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 items as draft batch" })).toBeVisible();
  const batch = await e2eDb().batch.findFirstOrThrow({ where: { projectId: project.id } });
  expect(batch).toMatchObject({ name: "Console batch", status: "DRAFT", itemCount: 2 });

  // The batch page: activate, pause, close; each stored and audited.
  await page.getByRole("link", { name: "Open the batch" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${slug}/batches/${batch.id}$`));
  const status = page.getByTestId("batch-status");
  await expect(status).toHaveText("draft");
  for (const [button, shown, stored] of [
    ["Activate", "active", "ACTIVE"],
    ["Pause", "paused", "PAUSED"],
  ] as const) {
    await page.getByRole("button", { name: button }).click();
    await expect(status).toHaveText(shown);
    expect((await e2eDb().batch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe(stored);
  }
  await page.getByRole("button", { name: "Close…" }).click();
  await page.getByRole("dialog", { name: "Close this batch?" }).getByRole("button", { name: "Close batch and end leases" }).click();
  await expect(status).toHaveText("closed");
  const closed = await e2eDb().batch.findUniqueOrThrow({ where: { id: batch.id } });
  expect(closed.status).toBe("CLOSED");
  expect(closed.closedAt).toBeInstanceOf(Date);
  await expect(page.getByRole("button", { name: /Activate|Pause|Close/ })).toHaveCount(0);

  const events = await e2eDb().auditEvent.findMany({ where: { targetId: { in: [project.id, batch.id] } }, orderBy: { seq: "asc" } });
  expect(events.map((event) => event.action)).toEqual(["project.create", "batch.import", "batch.status", "batch.status", "batch.status"]);
  expect(events.slice(2).map((event) => [event.before, event.after])).toEqual([
    [{ status: "DRAFT" }, { status: "ACTIVE" }],
    [{ status: "ACTIVE" }, { status: "PAUSED" }],
    [{ status: "PAUSED" }, { status: "CLOSED", revokedLeases: 0 }],
  ]);
});
