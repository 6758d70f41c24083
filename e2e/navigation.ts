// Opening a page the way a person does: they click once the page responds, not the moment its HTML arrives.
import type { Page, Response } from "@playwright/test";

async function waitForHydration(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Opens a page of the app and waits until React has hydrated it, so its controls respond. */
export async function openPage(page: Page, path: string): Promise<Response | null> {
  const response = await page.goto(path);
  await waitForHydration(page);
  return response;
}

/** Reloads the page and waits until React has hydrated it again. */
export async function reloadPage(page: Page): Promise<Response | null> {
  const response = await page.reload();
  await waitForHydration(page);
  return response;
}
