import { expect, test } from "@playwright/test";

test("robots rules keep crawlers off every private section, and pages ask not to be indexed", async ({ page, request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(robots.headers()["content-type"]).toContain("text/plain");
  const disallowed = (await robots.text())
    .split("\n")
    .filter((line) => line.startsWith("Disallow: "))
    .map((line) => line.slice("Disallow: ".length));
  for (const section of ["/tasks", "/conversations", "/study", "/invite", "/admin", "/api"]) expect(disallowed).toContain(section);

  await page.goto("/signin");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, nofollow");
});

test("every icon the pages reference is served as an image", async ({ page, request }) => {
  await page.goto("/signin");
  const hrefs = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluateAll((links) => links.map((link) => link.getAttribute("href")));
  expect(hrefs).toEqual(expect.arrayContaining(["/favicon.ico", "/icon.svg", "/apple-touch-icon.png"]));
  for (const href of hrefs) {
    const response = await request.get(href!);
    expect(response.status(), href!).toBe(200);
    expect(response.headers()["content-type"], href!).toMatch(/^image\//);
    expect((await response.body()).length, href!).toBeGreaterThan(100);
  }
});
