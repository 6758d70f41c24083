// Everything a page receives over the network, for checks on what reached the worker's browser.
import type { Page } from "@playwright/test";

type Received = { url: string; status: number; body: string };

/**
 * Passes every request of the page through the test and keeps a copy of each response: documents,
 * scripts, RSC payloads, prefetches, Server Action results, API calls. Read through the route, not
 * response.body(): Chromium drops a body the page never reads to the end, or once it navigates away.
 */
export async function recordReceivedBodies(page: Page) {
  const received: Received[] = [];
  await page.route("**/*", async (route) => {
    // Redirects are passed on as they are, so the browser follows them (and they are recorded) itself.
    const response = await route.fetch({ maxRedirects: 0 });
    received.push({ url: route.request().url(), status: response.status(), body: (await response.body()).toString("utf8") });
    await route.fulfill({ response });
  });
  /** Waits for the responses still being copied, then gives the recording. */
  const stop = async () => {
    await page.unrouteAll({ behavior: "wait" });
    return received;
  };
  return { stop };
}
