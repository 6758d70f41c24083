import { expect, test } from "@playwright/test";
import { bearer, createToken } from "./api-tokens";
import { signIn } from "./sign-in";
import { openNextTask, waitForTask } from "./task-page";
import { closeTestProjects, createTestProject } from "./test-data";
import { E2E_USERS } from "./users";

test.afterAll(closeTestProjects);

const CODE_A = "Sort it with `sorted`:\n\n```python\nnumbers = [3, 1, 2]\nprint(sorted(numbers))\n```\n\nThat prints the list in ascending order.";
const CODE_B =
  "Sort it with `sorted`:\n\n```python\nnumbers = [3, 1, 2]\nprint(sorted(numbers, reverse=True))\n```\n\nThat prints the list in descending order.";
const LONG = Array.from({ length: 120 }, (_, line) => `Line ${line + 1} of a very long answer.`).join("\n\n");

test("code is highlighted, long responses collapse, and D marks the words the responses do not share", async ({ page, request }) => {
  const project = await createTestProject("reading-aids");
  const token = await createToken(E2E_USERS.admin.email, ["admin"]);
  const file = [
    { prompt: "How do I sort a list in Python?", responses: [{ text: CODE_A }, { text: CODE_B }] },
    { prompt: "Write a long answer.", responses: [{ text: LONG }, { text: "Short." }] },
  ]
    .map((item) => JSON.stringify(item))
    .join("\n");
  expect((await request.post(`/api/v1/projects/${project.slug}/imports?format=preflab&activate=1`, { headers: bearer(token), data: file })).status()).toBe(201);

  await signIn(page, E2E_USERS.worker);
  const first = await openNextTask(page, project.name);
  const responses = page.getByRole("region", { name: /Response [AB]/ });
  // Highlighted on the server: the code arrives already marked up, as text.
  await expect(page.locator("pre code.hljs.language-python .hljs-built_in").first()).toHaveText(/print|sorted/);

  await expect(page.locator("mark")).toHaveCount(0);
  await page.keyboard.press("d");
  // Each response marks its own words: "ascending" only in the one that has it, "reverse" in the other.
  await expect(responses.filter({ hasText: "ascending order" }).locator("mark").filter({ hasText: "ascending" })).toHaveCount(1);
  await expect(responses.filter({ hasText: "descending order" }).locator("mark").filter({ hasText: "reverse" })).toHaveCount(1);
  await expect(page.locator("mark").filter({ hasText: /^ascending$/ })).toHaveCount(1);
  await expect(page.getByRole("button", { name: /Hide differences/ })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("d");
  await expect(page.locator("mark")).toHaveCount(0);

  await page.keyboard.press("1");
  await waitForTask(page, first);
  const longResponse = page.getByRole("region", { name: /Response [AB]/ }).filter({ hasText: "Line 1 of a very long answer." });
  const showAll = longResponse.getByRole("button", { name: /Show all of response/ });
  await expect(showAll).toHaveAttribute("aria-expanded", "false");
  await expect(longResponse.getByText("Line 120 of a very long answer.")).not.toBeInViewport();
  const collapsedHeight = (await longResponse.boundingBox())!.height;
  await page.keyboard.press("x");
  await expect(longResponse.getByRole("button", { name: /Collapse response/ })).toHaveAttribute("aria-expanded", "true");
  expect((await longResponse.boundingBox())!.height).toBeGreaterThan(collapsedHeight * 3);
});
