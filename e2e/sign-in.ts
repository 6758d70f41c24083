import { expect, type Page } from "@playwright/test";

/** Signs in over HTTP (Auth.js's credentials callback), sharing the cookie with the page's context. */
export async function signIn(page: Page, user: { email: string; password: string }) {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = await csrf.json();
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password, callbackUrl: "/" },
  });
  expect(response.ok()).toBe(true);
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session?.user?.email).toBe(user.email);
}
