// Rate limits over HTTP: 429 with Retry-After for sign-in, API tokens and study links, and the sign-in
// form's message. Each test counts against keys of its own (a new email, a new token, an address of
// its own), so the rest of the suite is never limited and this spec never sees the suite's counts.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer, createToken } from "./api-tokens";
import { openPage } from "./navigation";
import { createTestWorker } from "./test-data";

async function postSignIn(request: APIRequestContext, credentials: { email: string; password: string }) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  return request.post("/api/auth/callback/credentials", { form: { csrfToken, ...credentials, callbackUrl: "/" }, maxRedirects: 0 });
}

test("the 6th wrong password in a minute answers 429 with Retry-After, and the form says how long to wait", async ({ page }) => {
  const worker = await createTestWorker("rate-limits");
  for (let n = 0; n < 5; n++) {
    const refused = await postSignIn(page.request, { email: worker.email, password: "wrong password" });
    expect(refused.status()).toBe(302);
    expect(refused.headers().location).toContain("error=CredentialsSignin");
  }
  const limited = await postSignIn(page.request, { email: worker.email, password: "wrong password" });
  expect(limited.status()).toBe(429);
  const retryAfter = Number(limited.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(240);
  expect(retryAfter).toBeLessThanOrEqual(300);
  expect(await limited.json()).toMatchObject({ error: { code: "RATE_LIMITED", message: "Too many attempts; try again in 5 minutes" } });

  // Blocked for five minutes, even with the right password, and the form says so.
  await openPage(page, "/signin");
  await page.getByLabel("Email").fill(worker.email);
  await page.getByLabel("Password").fill(worker.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/^Too many attempts; try again in [45] minutes$/)).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("an API token past its requests a minute answers 429 with Retry-After; another token is not held back", async ({ request }) => {
  const worker = await createTestWorker("rate-limits-token");
  const [token, other] = [await createToken(worker.email, ["tasks"]), await createToken(worker.email, ["tasks"])];
  const path = `/api/v1/assignments/${randomUUID()}`;
  // 600 a minute by default: sent 20 at a time so they all fall in one minute even on a busy machine.
  const statuses: number[] = [];
  for (let sent = 0; sent < 600; sent += 20) {
    const batch = await Promise.all(Array.from({ length: 20 }, () => request.get(path, { headers: bearer(token) })));
    statuses.push(...batch.map((response) => response.status()));
  }
  expect(statuses.filter((status) => status === 404)).toHaveLength(600);
  const limited = await request.get(path, { headers: bearer(token) });
  expect(limited.status()).toBe(429);
  const retryAfter = Number(limited.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect((await limited.json()).error.code).toBe("RATE_LIMITED");
  expect((await request.get(path, { headers: bearer(other) })).status()).toBe(404);
});
