import { expect, test } from "@playwright/test";
import { openPage } from "./navigation";
import { E2E_USERS } from "./users";
import { signIn } from "./sign-in";

test("a person signs in with the form and lands on their role's home page", async ({ page }) => {
  await openPage(page, "/");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("Email").fill(E2E_USERS.researcher.email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password")).toBeVisible();
  await page.getByLabel("Password").fill(E2E_USERS.researcher.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
});

test("a worker is refused the admin and researcher pages with 403", async ({ page }) => {
  await signIn(page, E2E_USERS.worker);
  for (const path of ["/admin", "/projects"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  }
});
