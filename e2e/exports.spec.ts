// Background exports: a researcher asks for one on /exports, watches it finish and downloads the
// file; the download resumes with Range; workers are kept out; and the streamed CSV endpoint.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type { ExportManifest } from "@/lib/exports/manifest";
import { bearer, createToken } from "./api-tokens";
import { openPage } from "./navigation";
import { signIn } from "./sign-in";
import { closeTestProjects, createTestProject, createTestWorker, judgeEveryItem } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

const ITEMS = 8;
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

let project: { id: string; slug: string; name: string };
/** The UTC day the judgments were stored on, which a date filter compares against. */
let judgedOn: string;
/** Per question, the texts of the response the worker preferred and the other one. */
const judged = new Map<string, { chosen: string; rejected: string }>();

// One worker judged every item, inserted directly: these tests are about exporting, not judging.
test.beforeAll(async () => {
  project = await createTestProject("exports", { judgmentsPerItem: 1 }, { count: ITEMS });
  const worker = await createTestWorker("exports-judge");
  for (const { item, winner, loser, createdAt } of await judgeEveryItem(project, worker, { tag: "exports", preferFirst: (n) => n % 2 === 0 })) {
    judged.set((item.context as { content: string }[])[0].content, { chosen: winner.text, rejected: loser.text });
    judgedOn = createdAt.toISOString().slice(0, 10);
  }
});

test.afterAll(closeTestProjects);

/** The newest export of this spec's project in a format and file type, as stored. */
function latestExport(format: string, fileType: string) {
  return e2eDb().export.findFirstOrThrow({
    where: { options: { path: ["projects"], array_contains: project.slug }, format, fileType },
    orderBy: { createdAt: "desc" },
  });
}

/** Fills the export form for this spec's project only, starts the export and downloads the file when it is done. */
async function exportInBrowser(page: Page, { fileType, from, to, testShare }: { fileType: "JSONL" | "Parquet"; from: string; to: string; testShare: string }) {
  await openPage(page, `/exports?project=${project.slug}`);
  await expect(page.getByRole("checkbox", { name: `${project.name} (${ITEMS} judgments)` })).toBeChecked();
  await expect(page.getByRole("checkbox", { checked: true })).toHaveCount(2); // this project and "Leave out blocked annotators"
  await page.getByLabel("Format").selectOption({ label: "TRL preference, conversational (lists of messages)" });
  await page.getByRole("combobox", { name: "File", exact: true }).selectOption({ label: fileType });
  await page.getByLabel("Judged from (UTC day)").fill(from);
  await page.getByLabel("Judged up to (UTC day)").fill(to);
  await page.getByLabel("Test split share").fill(testShare);
  await page.getByRole("button", { name: "Start export" }).click();

  const extension = fileType === "JSONL" ? "jsonl" : "parquet";
  const entry = page.getByRole("listitem", { name: new RegExp(`^Export preflab-${project.slug}-trl-conversational-\\d{4}-\\d{2}-\\d{2}\\.${extension}$`) });
  // A small export may finish before the list first shows it running, so only the end is required.
  await expect(entry.getByRole("link", { name: "Download" })).toBeVisible({ timeout: 30_000 });
  await expect(entry.getByRole("progressbar")).toHaveCount(0);
  await expect(entry).toContainText("complete");
  const download = page.waitForEvent("download");
  await entry.getByRole("link", { name: "Download" }).click();
  const file = await download;
  return { entry, suggestedFilename: file.suggestedFilename(), content: fs.readFileSync(await file.path()) };
}

test("a researcher exports conversational TRL as JSONL in the browser and downloads what was recorded", async ({ page }) => {
  await signIn(page, E2E_USERS.researcher);
  const { entry, suggestedFilename, content } = await exportInBrowser(page, { fileType: "JSONL", from: judgedOn, to: judgedOn, testShare: "0.5" });
  await expect(entry).toContainText(`${ITEMS} rows`);

  const rows = content
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  expect(rows).toHaveLength(ITEMS);
  const splits = { train: 0, test: 0 };
  for (const row of rows) {
    expect(Object.keys(row)).toEqual(["prompt", "chosen", "rejected", "split"]);
    const [question] = row.prompt as { role: string; content: string }[];
    expect(question.role).toBe("user");
    const expected = judged.get(question.content)!;
    expect(row.chosen).toEqual([{ role: "assistant", content: expected.chosen }]);
    expect(row.rejected).toEqual([{ role: "assistant", content: expected.rejected }]);
    expect(["train", "test"]).toContain(row.split);
    splits[row.split as "train" | "test"]++;
  }

  const researcher = await e2eDb().user.findUniqueOrThrow({ where: { email: E2E_USERS.researcher.email } });
  const record = await latestExport("trl-conversational", "jsonl");
  expect(suggestedFilename).toBe(`preflab-${project.slug}-trl-conversational-${record.createdAt.toISOString().slice(0, 10)}.jsonl`);
  expect(record).toMatchObject({
    status: "COMPLETE",
    delivery: "file",
    requestedById: researcher.id,
    rowCount: ITEMS,
    judgmentsRead: ITEMS,
    byteSize: BigInt(content.length),
    sha256: sha256(content),
  });
  expect(record.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  const manifest = record.manifest as ExportManifest;
  expect(manifest.options).toMatchObject({ projects: [project.slug], from: judgedOn, to: judgedOn, testFraction: 0.5 });
  expect(manifest.counts).toMatchObject({ items: ITEMS, judgmentsRead: ITEMS, judgmentsIncluded: ITEMS, rows: ITEMS, rowsBySplit: splits });
  expect(manifest.file).toEqual({ bytes: content.length, sha256: sha256(content) });
});

test("a date range before the judgments gives an empty Parquet file, and the manifest says none were read", async ({ page }) => {
  await signIn(page, E2E_USERS.researcher);
  const { entry, content } = await exportInBrowser(page, { fileType: "Parquet", from: "2020-01-01", to: "2020-01-31", testShare: "0" });
  await expect(entry).toContainText("0 rows");
  expect(content.subarray(0, 4).toString("latin1")).toBe("PAR1");
  expect(content.subarray(-4).toString("latin1")).toBe("PAR1");

  const record = await latestExport("trl-conversational", "parquet");
  expect(record).toMatchObject({
    status: "COMPLETE",
    judgmentsTotal: 0,
    judgmentsRead: 0,
    rowCount: 0,
    byteSize: BigInt(content.length),
    sha256: sha256(content),
  });
  const manifest = record.manifest as ExportManifest;
  expect(manifest.options).toMatchObject({ from: "2020-01-01", to: "2020-01-31" });
  expect(manifest.counts).toMatchObject({ items: 0, judgmentsRead: 0, judgmentsIncluded: 0, rows: 0 });
});

let fileExport: Promise<{ id: string }> | undefined;

/** A finished background export made through the API with a researcher's token (once per run). */
function completedFileExport(request: Page["request"]) {
  fileExport ??= (async () => {
    const token = await createToken(E2E_USERS.researcher.email, ["export"]);
    const started = await request.post("/api/v1/exports", { headers: bearer(token), data: { format: "trl", projects: [project.slug] } });
    expect(started.status()).toBe(202);
    const { id } = (await started.json()).export as { id: string };
    await expect
      .poll(async () => (await (await request.get(`/api/v1/exports/${id}`, { headers: bearer(token) })).json()).export.status, { timeout: 30_000 })
      .toBe("COMPLETE");
    return { id };
  })();
  return fileExport;
}

test("the download resumes with Range requests, with the session or an export token", async ({ page }) => {
  await signIn(page, E2E_USERS.researcher);
  const { id } = await completedFileExport(page.request);
  const url = `/api/v1/exports/${id}/file`;
  const whole = await page.request.get(url);
  expect(whole.status()).toBe(200);
  const body = await whole.body();
  const record = await e2eDb().export.findUniqueOrThrow({ where: { id } });
  expect(record).toMatchObject({ rowCount: ITEMS, byteSize: BigInt(body.length), sha256: sha256(body) });
  expect(body.length).toBeGreaterThan(10);

  const head = await page.request.get(url, { headers: { range: "bytes=0-9" } });
  expect(head.status()).toBe(206);
  expect(head.headers()["content-range"]).toBe(`bytes 0-9/${body.length}`);
  const token = await createToken(E2E_USERS.researcher.email, ["export"]);
  const tail = await page.request.get(url, { headers: { ...bearer(token), range: "bytes=10-" } });
  expect(tail.status()).toBe(206);
  expect(tail.headers()["content-range"]).toBe(`bytes 10-${body.length - 1}/${body.length}`);
  expect(Buffer.concat([await head.body(), await tail.body()]).equals(body)).toBe(true);

  const beyond = await page.request.get(url, { headers: { range: `bytes=${body.length}-` } });
  expect(beyond.status()).toBe(416);
  expect(beyond.headers()["content-range"]).toBe(`bytes */${body.length}`);
});

test("a worker is refused the exports page, starting an export and downloading one", async ({ page }) => {
  const { id } = await completedFileExport(page.request);
  await signIn(page, E2E_USERS.worker);
  expect((await page.goto("/exports"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

  const token = await createToken(E2E_USERS.worker.email, ["tasks", "export"]);
  const before = await e2eDb().export.count();
  const started = await page.request.post("/api/v1/exports", { headers: bearer(token), data: { format: "trl", projects: [project.slug] } });
  expect(started.status()).toBe(403);
  expect((await started.json()).error.code).toBe("FORBIDDEN");
  expect(await e2eDb().export.count()).toBe(before);

  expect((await page.request.get(`/api/v1/exports/${id}/file`, { headers: bearer(token) })).status()).toBe(403);
  expect((await page.request.get(`/api/v1/exports/${id}/file`)).status()).toBe(403);
});

/** RFC 4180, as the export writes it: quoted fields may hold commas, quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (quoted || c !== "\r") {
      field += c;
    }
  }
  return rows;
}

test("the streamed KTO export as CSV has its header, a row per response and a complete record", async ({ request }) => {
  const token = await createToken(E2E_USERS.researcher.email, ["export"]);
  const response = await request.get(`/api/v1/projects/${project.slug}/export?format=kto&fileType=csv`, { headers: bearer(token) });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const body = await response.body();
  const [header, ...rows] = parseCsv(body.toString("utf8"));
  expect(header).toEqual(["prompt", "completion", "label"]);
  expect(rows).toHaveLength(2 * ITEMS);
  for (const [prompt, completion, label] of rows) {
    const question = prompt.match(/^\n\nHuman: (.*)\n\nAssistant:$/)?.[1] ?? "";
    const expected = judged.get(question)!;
    expect(completion).toBe(` ${label === "true" ? expected.chosen : expected.rejected}`);
    expect(["true", "false"]).toContain(label);
  }

  const exportId = response.headers()["x-preflab-export-id"];
  const record = await e2eDb().export.findUniqueOrThrow({ where: { id: exportId } });
  expect(record).toMatchObject({
    status: "COMPLETE",
    delivery: "stream",
    format: "kto",
    fileType: "csv",
    rowCount: 2 * ITEMS,
    byteSize: BigInt(body.length),
    sha256: sha256(body),
  });
});
