// A worker's live conversation end to end, by keyboard: two models on a fake OpenAI-compatible server,
// a refresh while the samples stream, an edited pick, the end rating; then what was stored and what the
// HH-RLHF and conversations exports give, byte for byte against the stored rows.
import { expect, test, type Page } from "@playwright/test";
import { bearer, createToken } from "./api-tokens";
import { createLiveProject, withFakeModelServer } from "./live-data";
import { openPage, reloadPage } from "./navigation";
import { signIn } from "./sign-in";
import { createTestWorker } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";
import { expectNoSidewaysScroll } from "./viewport";

const fakeServer = withFakeModelServer();

async function startFromTaskList(page: Page, projectName: string) {
  await openPage(page, "/tasks");
  const row = page.getByRole("listitem").filter({ hasText: projectName });
  await row.getByRole("button", { name: "Start a conversation" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/conversations\/[0-9a-f-]{36}$/);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  return page.url().split("/").at(-1)!;
}

const transcriptOf = (page: Page) => page.getByRole("list", { name: "Conversation" });

async function sendByKeyboard(page: Page, message: string) {
  await page.getByLabel(/Write your first message|Your next message/).focus();
  await page.keyboard.type(message);
  await page.keyboard.press("Control+Enter");
}

async function waitForAnswerForm(page: Page) {
  await expect(page.getByRole("button", { name: /Continue with this response/ })).toBeVisible({ timeout: 30_000 });
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

test("a worker holds a four-turn conversation by keyboard, refreshes mid-stream, edits a pick and rates it; the exports match what was stored", async ({
  page,
  request,
}) => {
  const { project, endpoints } = await createLiveProject("live-e2e", fakeServer(), ["slow:delay=40,chunk=4,length=360", "ok:delay=5,length=240"], {
    minTurns: 2,
    maxTurns: 4,
  });
  const worker = await createTestWorker("live");
  await signIn(page, worker);
  const conversationId = await startFromTaskList(page, project.name);

  await sendByKeyboard(page, "What is a good first houseplant?");
  await expect(page.getByTestId("live-sample-A")).not.toBeEmpty();
  // Mid-stream: the same turn comes back, and the stream goes on from where the page is.
  await reloadPage(page);
  await expect(transcriptOf(page).getByText("What is a good first houseplant?", { exact: true })).toBeVisible();
  await waitForAnswerForm(page);
  expect(await e2eDb().conversationTurn.count({ where: { conversationId } })).toBe(1);
  await page.keyboard.press("2");
  await page.keyboard.press("Enter");

  await sendByKeyboard(page, "How often should I water it?");
  await waitForAnswerForm(page);
  await page.keyboard.press("7");
  await page.getByRole("checkbox", { name: /Edit response B before going on/ }).focus();
  await page.keyboard.press("Space");
  await page.getByLabel("Your edit of response B").focus();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("Water it when the top inch of soil is dry, about once a week.");
  await page.getByRole("button", { name: /Continue with this response/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Assistant (your edit)")).toBeVisible();

  for (const [message, key] of [
    ["Does it need sun?", "4"],
    ["Thanks, anything else?", "5"],
  ] as const) {
    await sendByKeyboard(page, message);
    await waitForAnswerForm(page);
    await page.keyboard.press(key);
    await page.keyboard.press("Enter");
    await expect(transcriptOf(page).getByText(message, { exact: true })).toBeVisible();
  }

  await expect(page.getByRole("heading", { name: /has had all its turns/ })).toBeVisible();
  await page.getByRole("radio", { name: "4 · Fine" }).focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "End conversation" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Thank you: this conversation is complete.")).toBeVisible();

  await expectStoredConversation(
    conversationId,
    endpoints.map((endpoint) => endpoint.name),
  );
  const html = await page.content();
  for (const endpoint of endpoints) {
    expect(html).not.toContain(endpoint.name);
    expect(html).not.toContain(endpoint.modelId);
  }
  await expectExportsMatchStored(request, project.slug, conversationId);
});

async function expectStoredConversation(conversationId: string, endpointNames: string[]) {
  const conversation = await e2eDb().conversation.findUniqueOrThrow({ where: { id: conversationId }, include: { turns: { orderBy: { index: "asc" } } } });
  expect(conversation).toMatchObject({ status: "COMPLETED", rating: 4, turnCount: 4 });
  expect(conversation.turns.map((turn) => turn.answeredAt !== null)).toEqual([true, true, true, true]);
  expect(conversation.turns.map((turn) => turn.editItemId !== null)).toEqual([false, true, false, false]);
  expect(conversation.turns[1].reply).toBe("Water it when the top inch of soil is dry, about once a week.");
  // In item order: the four turns, and the edit's own item right after the second.
  const judgments = await e2eDb().judgment.findMany({ where: { item: { batchId: conversation.batchId } }, orderBy: { item: { position: "asc" } } });
  expect(judgments.map((judgment) => judgment.strength)).toEqual([-3, 3, -4, -1, 1]);
  const models = await e2eDb().candidate.findMany({ where: { item: { batchId: conversation.batchId }, model: { not: null } }, distinct: ["model"] });
  expect(models.map((candidate) => candidate.model).sort()).toEqual([...endpointNames].sort());
}

function transcript(context: { role: string; content: string }[], reply: string): string {
  const speaker = { user: "Human", assistant: "Assistant", system: "System" } as Record<string, string>;
  return `${context.map((message) => `\n\n${speaker[message.role]}: ${message.content}`).join("")}\n\nAssistant: ${reply}`;
}

async function expectExportsMatchStored(request: Page["request"], slug: string, conversationId: string) {
  const token = await createToken(E2E_USERS.researcher.email, ["export"]);
  const items = await e2eDb().item.findMany({
    where: { project: { slug } },
    orderBy: { position: "asc" },
    include: { candidates: true, judgments: true },
  });
  const expected = items
    .map((item) => {
      const [[best], [other]] = item.judgments[0].ranking as string[][];
      const text = (id: string) => item.candidates.find((candidate) => candidate.id === id)!.text;
      const context = item.context as { role: string; content: string }[];
      // The HH release's own spacing: {"chosen": "...", "rejected": "..."}.
      return `{"chosen": ${JSON.stringify(transcript(context, text(best)))}, "rejected": ${JSON.stringify(transcript(context, text(other)))}}\n`;
    })
    .join("");
  const hh = await request.get(`/api/v1/projects/${slug}/export?format=hh-rlhf`, { headers: bearer(token) });
  expect(hh.status()).toBe(200);
  expect(await hh.text()).toBe(expected);

  const conversations = await request.get(`/api/v1/projects/${slug}/export?format=conversations`, { headers: bearer(token) });
  const [row] = (await conversations.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  const turns = await e2eDb().conversationTurn.findMany({ where: { conversationId }, orderBy: { index: "asc" } });
  const last = turns.at(-1)!;
  expect(row).toMatchObject({ conversation_id: conversationId, status: "COMPLETED", rating: 4, rating_scale: "helpful_1_5" });
  expect(row.transcript).toBe(transcript(last.context as { role: string; content: string }[], last.reply!));
  expect(row.turns.map((turn: { reply: string; edited: boolean }) => [turn.reply, turn.edited])).toEqual(
    turns.map((turn) => [turn.reply, turn.editItemId !== null]),
  );
}

test("a red-team conversation: the plan first, the more harmful pick, a success rating, and the way out", async ({ page, request }) => {
  const { project } = await createLiveProject("red-e2e", fakeServer(), ["ok:length=120", "ok:length=160"], {
    redTeam: true,
    polarity: "RED_TEAM",
    question: "Choose the more harmful response.",
    minTurns: 1,
    maxTurns: 3,
  });
  const worker = await createTestWorker("red");
  await signIn(page, worker);
  const conversationId = await startFromTaskList(page, project.name);
  await expect(page.getByRole("note")).toContainText("Content warning");
  await expect(page.getByRole("heading", { name: "Choose the more harmful response." })).toBeVisible();
  await page.getByLabel("What will you try to make the assistant do?").fill("Get the assistant to write an insulting review of a neighbour.");
  await page.getByRole("button", { name: "Save and start" }).click();
  await sendByKeyboard(page, "Write a review of my neighbour's cooking.");
  await waitForAnswerForm(page);
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  await page.getByRole("radio", { name: "3 · Successful" }).check();
  await page.getByRole("button", { name: "End conversation" }).click();
  await expect(page.getByText("Thank you: this conversation is complete.")).toBeVisible();
  expect(await e2eDb().conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
    status: "COMPLETED",
    rating: 3,
    taskDescription: "Get the assistant to write an insulting review of a neighbour.",
  });
  const token = await createToken(E2E_USERS.researcher.email, ["export"]);
  const exported = await request.get(`/api/v1/projects/${project.slug}/export?format=conversations`, { headers: bearer(token) });
  const [row] = (await exported.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(row).toMatchObject({
    task_description: "Get the assistant to write an insulting review of a neighbour.",
    rating: 3,
    rating_scale: "red_team_success_0_4",
  });

  // The way out: a second conversation left at once, for a helpful task.
  await page.getByRole("button", { name: "Start a conversation" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/conversations/") && !url.pathname.endsWith(conversationId));
  await page.getByRole("button", { name: "Leave for a helpful task" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Leave" }).click();
  await page.waitForURL(/\/tasks$/);
  expect(await e2eDb().conversation.count({ where: { workerId: worker.id, status: "ABANDONED" } })).toBe(1);
});

test("a typed message survives a refresh, and a response whose model failed is regenerated from the page", async ({ page }) => {
  const failing = `500:times=3,seed=${Date.now()}`;
  const { project, endpoints } = await createLiveProject("live-fail", fakeServer(), ["ok:length=120", failing]);
  const worker = await createTestWorker("live-fail");
  await signIn(page, worker);
  const conversationId = await startFromTaskList(page, project.name);

  await page.getByLabel("Write your first message to the assistant").fill("Half-typed, then the page reloads.");
  await expect(page.getByText("Draft saved")).toBeVisible();
  await reloadPage(page);
  await expect(page.getByLabel("Write your first message to the assistant")).toHaveValue("Half-typed, then the page reloads.");
  expect(await e2eDb().conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ draft: "Half-typed, then the page reloads." });

  await page.getByRole("button", { name: /^Send/ }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The model's server had an error. You can regenerate it." });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  const failedLabel = (await alert.locator("xpath=ancestor::section[1]").getAttribute("aria-label"))!.replace("Response ", "");
  await page.getByRole("button", { name: `Regenerate response ${failedLabel}` }).click();
  await waitForAnswerForm(page);
  const turn = await e2eDb().conversationTurn.findFirstOrThrow({ where: { conversationId }, include: { samples: true } });
  const regenerated = turn.samples.find((sample) => sample.endpointId === endpoints[1].id)!;
  expect(regenerated).toMatchObject({ status: "COMPLETE", attempt: 2, label: failedLabel.charCodeAt(0) - 65 });
  await expect(page.getByRole("region", { name: `Response ${failedLabel}` })).toContainText(regenerated.text.slice(0, 40));
});

for (const width of [360, 375, 390, 414]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: 780 }, isMobile: true, hasTouch: true });

    test("a live conversation fits the phone: writing, streaming, answering by tap, editing and ending", async ({ page }) => {
      const { project } = await createLiveProject(`live-phone-${width}`, fakeServer(), ["slow:delay=30,length=400", "ok:length=700"], {
        minTurns: 1,
        maxTurns: 2,
        flagOptions: [{ id: "harmful", label: "Harmful" }],
        rationaleMode: "OPTIONAL",
      });
      await signIn(page, await createTestWorker(`live-phone-${width}`));
      await startFromTaskList(page, project.name);
      await expectNoSidewaysScroll(page, `a new conversation at ${width} px`);
      await page.getByLabel("Write your first message to the assistant").fill("A_very_long_unbroken_word_".repeat(20));
      await page.getByRole("button", { name: /^Send/ }).tap();
      await expect(page.getByTestId("live-sample-A")).not.toBeEmpty();
      await expectNoSidewaysScroll(page, `responses streaming at ${width} px`);
      await waitForAnswerForm(page);
      await expectNoSidewaysScroll(page, `a turn to answer at ${width} px`);
      await page.getByRole("button", { name: "B is better (key 7)" }).tap();
      await page.getByRole("checkbox", { name: /Edit response B before going on/ }).tap();
      await expectNoSidewaysScroll(page, `an edit at ${width} px`);
      await page.getByRole("button", { name: /Continue with this response/ }).tap();
      await expect(page.getByRole("form", { name: "End the conversation" })).toBeVisible();
      await expectNoSidewaysScroll(page, `the end at ${width} px`);
    });
  });
}
