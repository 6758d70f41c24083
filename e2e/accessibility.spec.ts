// The worker's pages pass axe (no serious or critical violations), name every control and show
// where the keyboard focus is; so does the admin's models page.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startFakeOpenAiServer } from "@/lib/testing/fake-openai-server";
import { createEndpointRecord } from "@/prisma/factories";
import { closeLiveProjects, createLiveProject } from "./live-data";
import { openPage } from "./navigation";
import { signIn } from "./sign-in";
import { openNextTask, waitForTask } from "./task-page";
import { closeTestProjects, createTestProject, createTestWorker } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";
import { expectNoSeriousViolations } from "./axe";

test.afterAll(closeTestProjects);

const PAIRWISE_RULES = {
  flagOptions: [
    { id: "harmful", label: "Harmful" },
    { id: "made-up", label: "Makes things up" },
  ],
  allowBothBad: true,
  rationaleMode: "OPTIONAL" as const,
};

test("the task list, a pairwise task, its shortcuts and the history pass axe", async ({ page }) => {
  const project = await createTestProject("a11y-pairwise", PAIRWISE_RULES, { count: 2 });
  await signIn(page, await createTestWorker("a11y"));

  await openPage(page, "/tasks");
  await expect(page.getByRole("listitem").filter({ hasText: project.name })).toBeVisible();
  await expectNoSeriousViolations(page, "/tasks");

  const assignmentId = await openNextTask(page, project.name);
  await expectNoSeriousViolations(page, "a pairwise task");

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await expectNoSeriousViolations(page, "the shortcuts dialog");
  await page.keyboard.press("Escape");

  // Answer it, so the history has an entry to check.
  await page.keyboard.press("3");
  await page.getByRole("button", { name: /^Submit/ }).click();
  await waitForTask(page, assignmentId);
  await openPage(page, "/tasks/history");
  await expect(page.getByRole("listitem")).toHaveCount(1);
  await expectNoSeriousViolations(page, "/tasks/history");
});

test("a ranking task passes axe", async ({ page }) => {
  const project = await createTestProject(
    "a11y-ranking",
    { judgmentKind: "RANKING", allowTies: true, allowBothBad: true, rationaleMode: "OPTIONAL" },
    { count: 1, candidates: 3 },
  );
  await signIn(page, await createTestWorker("a11y-ranking"));
  await openNextTask(page, project.name);
  await expect(page.getByRole("list", { name: "Your ranking, best first" }).getByRole("listitem")).toHaveCount(3);
  await expectNoSeriousViolations(page, "a ranking task");
});

test("? lists the keys, including more time and skipping, and Escape closes the list", async ({ page }) => {
  const project = await createTestProject("a11y-keys", PAIRWISE_RULES, { count: 1 });
  await signIn(page, await createTestWorker("a11y-keys"));
  await openNextTask(page, project.name);

  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("row", { name: /^E\s+Ask for more time$/ })).toBeVisible();
  await expect(dialog.getByRole("row", { name: /^S\s+Skip this task, with a reason$/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // The keys work again once it is closed.
  await page.keyboard.press("?");
  await expect(dialog).toBeVisible();
});

for (const kind of ["PAIRWISE", "RANKING"] as const) {
  test(`every button on a ${kind.toLowerCase()} task has a name, and the focus is visible`, async ({ page }) => {
    const project = await createTestProject(
      `a11y-names-${kind.toLowerCase()}`,
      { ...PAIRWISE_RULES, judgmentKind: kind, allowTies: true },
      { count: 1, candidates: kind === "RANKING" ? 3 : 2 },
    );
    await signIn(page, await createTestWorker("a11y-names"));
    await openNextTask(page, project.name);

    const buttons = await page.getByRole("button").all();
    expect(buttons.length).toBeGreaterThan(5);
    for (const button of buttons) await expect(button).toHaveAccessibleName(/\S/);

    // Every place Tab stops on the page, from the top, shows an outline.
    await page.getByRole("link", { name: "Preflab" }).focus();
    const seen: string[] = [];
    for (let stop = 0; stop < 40; stop++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return {
          name: `${element.tagName} ${element.getAttribute("aria-label") ?? element.textContent?.trim().slice(0, 40)}`,
          outline: getComputedStyle(element).outlineStyle,
        };
      });
      if (focused.name.startsWith("BODY")) break; // past the last stop
      seen.push(focused.name);
      expect(focused.outline, `focus outline on ${focused.name}`).not.toBe("none");
    }
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.some((name) => name.startsWith("BUTTON Skip this task"))).toBe(true);
  });
}

test("the models page, a test's answer and the edit dialog pass axe, and its controls work by keyboard", async ({ page }) => {
  const server = await startFakeOpenAiServer();
  try {
    const name = `a11y-model-${randomBytes(3).toString("hex")}`;
    await createEndpointRecord(e2eDb(), { name, baseUrl: server.baseUrl, modelId: "ok", temperature: 0.5 });
    await signIn(page, E2E_USERS.admin);
    await openPage(page, "/admin/models");
    await expectNoSeriousViolations(page, "/admin/models");

    // Tab goes from Test to Edit to Archive; Enter presses them.
    await page.getByRole("button", { name: `Test ${name}` }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status", { name: `About ${name}` })).toContainText("It answered");
    await expectNoSeriousViolations(page, "a test's answer");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: `Edit ${name}` })).toBeFocused();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Edit ${name}` });
    await expect(dialog).toBeVisible();
    await expectNoSeriousViolations(page, "the edit dialog");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await page.getByRole("button", { name: `Edit ${name}` }).focus();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: `Archive ${name}` })).toBeFocused();
  } finally {
    await server.close();
  }
});

test("a live conversation passes axe while writing, while the responses stream, when answering, and at the end", async ({ page }) => {
  const server = await startFakeOpenAiServer();
  try {
    const { project } = await createLiveProject("a11y-live", server, ["slow:delay=40,length=200", "slow:delay=30,length=160"], {
      redTeam: true,
      polarity: "RED_TEAM",
      question: "Choose the more harmful response.",
      instructions: "Try to make the assistant say something rude.",
      flagOptions: [{ id: "harmful", label: "Harmful" }],
      rationaleMode: "OPTIONAL",
    });
    await signIn(page, await createTestWorker("a11y-live"));
    await openPage(page, "/tasks");
    await page.getByRole("listitem").filter({ hasText: project.name }).getByRole("button", { name: "Start a conversation" }).click();
    await page.waitForURL(/\/conversations\//);
    await expectNoSeriousViolations(page, "a red-team conversation's plan");
    await page.getByLabel("What will you try to make the assistant do?").fill("Make it insult a sports team.");
    await page.getByRole("button", { name: "Save and start" }).click();
    await page.getByLabel("Write your first message to the assistant").fill("Which team is the worst?");
    await expectNoSeriousViolations(page, "the message box");
    await page.getByRole("button", { name: /^Send/ }).click();
    await expect(page.getByTestId("live-sample-B")).not.toBeEmpty();
    await expectNoSeriousViolations(page, "responses streaming");
    await expect(page.getByRole("button", { name: /Continue with this response/ })).toBeVisible({ timeout: 30_000 });
    await expectNoSeriousViolations(page, "a turn to answer");
    await page.getByRole("button", { name: "A is better (key 2)" }).click();
    await page.getByRole("button", { name: /Continue with this response/ }).click();
    await expect(page.getByRole("form", { name: "End the conversation" })).toBeVisible();
    await expectNoSeriousViolations(page, "the end of a conversation");
  } finally {
    await closeLiveProjects();
    await server.close();
  }
});
