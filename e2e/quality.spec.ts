import { expect, test } from "@playwright/test";
import { createQualityFixture } from "@/lib/testing/quality-fixture";
import { bearer, createToken } from "./api-tokens";
import { expectNoSeriousViolations } from "./axe";
import { signIn } from "./sign-in";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

test.describe("the Quality page", () => {
  test("shows the figures the API gives, sorts workers, drills down, and ranks models with intervals", async ({ page }) => {
    const fixture = await createQualityFixture(e2eDb(), { items: 24, workers: 4, perItem: 3, seed: 9 });
    const slug = fixture.project.slug;
    await signIn(page, E2E_USERS.researcher);
    const api = await (await page.request.get(`/api/v1/projects/${slug}/quality`)).json();
    await page.goto(`/projects/${slug}/quality`);
    await expect(page.getByRole("heading", { name: `Quality: ${fixture.project.name}` })).toBeVisible();
    await expect(page.getByTestId("figure-Krippendorff's α, nominal")).toHaveText(api.agreement.alphaNominal.value.toFixed(3));
    await expect(page.getByTestId("figure-Percent agreement")).toHaveText(api.agreement.percentAgreement.value.toFixed(3));
    await expectNoSeriousViolations(page, "the Quality page");
    // A researcher sees workers by part of their id, never their email (as on batch pages).
    expect(await page.locator("main").innerText()).not.toContain("@test.example");

    const rows = page.getByTestId("worker-row");
    await expect(rows).toHaveCount(api.workers.length);
    await page.getByRole("button", { name: "Judgments" }).click();
    const most = [...api.workers].sort((a, b) => b.judgments - a.judgments)[0];
    await expect(rows.first().getByRole("link")).toHaveText(most.worker);
    await page.getByRole("button", { name: /Judgments/ }).click();
    const fewest = [...api.workers].sort((a, b) => a.judgments - b.judgments)[0];
    await expect(rows.first().getByRole("cell").nth(1)).toHaveText(String(fewest.judgments));

    await expect(page.getByTestId("leaderboard-row")).toHaveCount(api.leaderboard.rows.length);
    await expect(page.getByTestId("leaderboard-row").first().getByRole("rowheader")).toHaveText(api.leaderboard.rows[0].model);

    await rows.first().getByRole("link").click();
    await expect(page.getByRole("heading", { name: fewest.worker })).toBeVisible();
    await expect(page.getByTestId("fact-Judgments")).toContainText(`${fewest.judgments} (`);
    await expect(page.getByRole("row")).toHaveCount(fewest.judgments + 1);
    await expectNoSeriousViolations(page, "a worker's quality page");
  });

  test("is for researchers and admins; the API checks the token's scope and the query", async ({ page, request }) => {
    const fixture = await createQualityFixture(e2eDb(), { items: 4, workers: 2, perItem: 2, seed: 4 });
    const path = `/api/v1/projects/${fixture.project.slug}/quality`;
    await signIn(page, E2E_USERS.worker);
    await page.goto(`/projects/${fixture.project.slug}/quality`);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    expect((await page.request.get(path)).status()).toBe(403);

    const exportToken = await createToken(E2E_USERS.researcher.email, ["export"]);
    const ok = await request.get(path, { headers: bearer(exportToken) });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).agreement.items).toBeGreaterThan(0);
    const bad = await request.get(`${path}?batch=nope`, { headers: bearer(exportToken) });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error).toMatchObject({ code: "INVALID_INPUT" });
    expect((await request.get(`${path}?batch=${crypto.randomUUID()}`, { headers: bearer(exportToken) })).status()).toBe(404);
    const tasksToken = await createToken(E2E_USERS.researcher.email, ["tasks"]);
    expect((await request.get(path, { headers: bearer(tasksToken) })).status()).toBe(403);
  });
});
