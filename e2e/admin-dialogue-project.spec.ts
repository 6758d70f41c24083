// An admin sets up a live-conversation project through the project form: its models, samples, turns,
// pairing rule and red-team mode; a rule that needs two models is refused with one, edits kept.
import { randomBytes } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createEndpointRecord } from "@/prisma/factories";
import { openPage } from "./navigation";
import { signIn } from "./sign-in";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";
import { expectNoSeriousViolations } from "./axe";

const TWO_MODELS_REFUSAL = "comparing different models needs at least two endpoints";

async function createEndpoint(label: string, modelId: string) {
  return createEndpointRecord(e2eDb(), { name: `e2e-${label}-${randomBytes(3).toString("hex")}`, modelId });
}

const endpointBox = (page: Page, name: string) => page.getByRole("checkbox", { name: new RegExp(`^${name} `) });

/** Presses Tab until the target has the focus: it is reachable by keyboard in the page's order. */
async function tabTo(page: Page, target: Locator, limit = 40) {
  for (let stop = 0; stop < limit; stop++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`not reached by Tab within ${limit} stops: ${target}`);
}

test("an admin creates a live-conversation project: two models with one endpoint is refused, edits kept; with two it saves", async ({ page }) => {
  const [llama, qwen] = [await createEndpoint("live-llama", "llama3.1:8b"), await createEndpoint("live-qwen", "qwen2.5:7b")];
  const slug = `live-${randomBytes(3).toString("hex")}`;
  await signIn(page, E2E_USERS.admin);
  await openPage(page, "/admin/projects/new");
  await page.getByLabel("Name", { exact: true }).fill("Live e2e");
  await page.getByLabel(/^Slug/).fill(slug);

  // The conversation settings appear with the kind; k, leases and "both bad" give way to a note.
  const conversation = page.getByRole("heading", { name: "Conversation", exact: true });
  await expect(conversation).toBeHidden();
  await page.getByLabel(/^Judgment kind/).selectOption("DIALOGUE");
  await expect(conversation).toBeVisible();
  for (const field of [/^Judgments per item/, /^Lease length/, /^Open leases per worker/, /both bad/]) await expect(page.getByLabel(field)).toBeHidden();
  await expect(page.getByText("One judgment per turn, by the conversing worker; send turns for review")).toBeVisible();
  await expect(page.getByLabel(/^Daily cap per worker/)).toBeVisible();
  await expect(page.locator("label", { has: page.getByLabel(/^Daily cap per worker/) })).toContainText("conversations a day");
  await expect(endpointBox(page, llama.name)).toBeVisible();
  await expect(page.locator("label", { has: endpointBox(page, llama.name) })).toContainText("llama3.1:8b");

  await endpointBox(page, llama.name).check();
  await page.getByLabel(/^Samples per turn/).fill("2");
  await expect(page.locator("label", { has: page.getByLabel(/^Samples per turn/) })).toContainText("three or four become a ranking");
  await page.getByLabel(/^Minimum turns/).fill("2");
  await page.getByLabel(/^Maximum turns/).fill("4");
  await page.getByRole("radio", { name: "Two different models at random" }).check();
  await page.getByRole("checkbox", { name: /^Red team/ }).check();
  await expect(page.getByText("Content warning.")).toBeVisible();
  await expect(page.getByText(/rate how successful they were, from 0 \(not successful\) to 4 \(very successful\)/)).toBeVisible();

  // The presets fill in the question and the polarity together.
  await page.getByRole("button", { name: /more harmful response/ }).click();
  await expect(page.getByLabel("Question")).toHaveValue("Choose the more harmful response.");
  await expect(page.getByLabel(/^Polarity/)).toHaveValue("RED_TEAM");
  await page.getByRole("button", { name: /more beneficial response/ }).click();
  await expect(page.getByLabel("Question")).toHaveValue("Choose the more beneficial response.");
  await expect(page.getByLabel(/^Polarity/)).toHaveValue("HARMLESS");
  await expect(
    page.getByRole("status").filter({ hasText: "The question is now “Choose the more beneficial response.”, with harmless polarity." }),
  ).toBeVisible();

  // One endpoint cannot give two different models: refused, said beside the rule, nothing stored.
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(TWO_MODELS_REFUSAL);
  await expect(page.getByRole("group", { name: "Pairing of models" })).toContainText(TWO_MODELS_REFUSAL);
  expect(await e2eDb().project.count({ where: { slug } })).toBe(0);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Live e2e");
  await expect(page.getByLabel(/^Slug/)).toHaveValue(slug);
  await expect(page.getByLabel(/^Judgment kind/)).toHaveValue("DIALOGUE");
  await expect(endpointBox(page, llama.name)).toBeChecked();
  await expect(page.getByLabel(/^Minimum turns/)).toHaveValue("2");
  await expect(page.getByLabel(/^Maximum turns/)).toHaveValue("4");
  await expect(page.getByRole("radio", { name: "Two different models at random" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^Red team/ })).toBeChecked();
  await expect(page.getByLabel("Question")).toHaveValue("Choose the more beneficial response.");
  await expect(page.getByLabel(/^Polarity/)).toHaveValue("HARMLESS");

  await endpointBox(page, qwen.name).check();
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/projects/${slug}$`));
  const project = await e2eDb().project.findUniqueOrThrow({ where: { slug }, include: { endpoints: true } });
  expect(project).toMatchObject({
    name: "Live e2e",
    judgmentKind: "DIALOGUE",
    samplesPerTurn: 2,
    minTurns: 2,
    maxTurns: 4,
    pairingRule: "RANDOM_MODELS",
    redTeam: true,
    question: "Choose the more beneficial response.",
    polarity: "HARMLESS",
    judgmentsPerItem: 1,
    allowBothBad: false,
  });
  expect(project.endpoints.map((row) => row.endpointId).sort()).toEqual([llama.id, qwen.id].sort());

  // Its page counts conversations and offers no file import.
  await expect(page.getByText(`${slug} · live conversations · 2 samples a turn · red team`)).toBeVisible();
  await expect(page.locator('[data-stat="Active conversations"]')).toHaveText("0");
  await expect(page.locator('[data-stat="Answered turns"]')).toHaveText("0");
  await expect(page.getByRole("heading", { name: "Import a batch" })).toHaveCount(0);
  await expectNoSeriousViolations(page, "a live-conversation project's page");

  // Its settings come back as stored.
  await openPage(page, `/admin/projects/${slug}/settings`);
  await expect(page.getByLabel(/^Judgment kind/)).toHaveValue("DIALOGUE");
  await expect(endpointBox(page, llama.name)).toBeChecked();
  await expect(endpointBox(page, qwen.name)).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^Red team/ })).toBeChecked();

  await openPage(page, "/projects");
  const row = page.getByRole("row").filter({ hasText: slug });
  await expect(row).toContainText("live conversations");
  await expect(row).toContainText("0 conversations");
  await expect(row).toContainText("0 answered turns");
});

test("the conversation settings are reached and set by keyboard, and pass axe", async ({ page }) => {
  const endpoint = await createEndpoint("keys", "llama3.1:8b");
  await signIn(page, E2E_USERS.admin);
  await openPage(page, "/admin/projects/new");
  await expectNoSeriousViolations(page, "the new project form");

  const kind = page.getByLabel(/^Judgment kind/);
  await kind.selectOption("DIALOGUE");
  await kind.focus();
  await tabTo(page, endpointBox(page, endpoint.name));
  await page.keyboard.press("Space");
  await expect(endpointBox(page, endpoint.name)).toBeChecked();
  await tabTo(page, page.getByRole("radio", { name: "Two different models at random" }));
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("radio", { name: "Two samples of one model" })).toBeChecked();
  const redTeam = page.getByRole("checkbox", { name: /^Red team/ });
  await tabTo(page, redTeam);
  await page.keyboard.press("Space");
  await expect(redTeam).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: /more harmful response/ }));
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Question")).toHaveValue("Choose the more harmful response.");
  await expect(page.getByLabel(/^Polarity/)).toHaveValue("RED_TEAM");
  await expectNoSeriousViolations(page, "the form's conversation section, red team on");
});
