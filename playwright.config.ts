import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_SERVER_ENV } from "./e2e/server-env";

const PORT = process.env.E2E_PORT ?? "3100";
process.env.E2E_PORT = PORT;
// Chosen once in the main process; workers inherit it, so they find the same database.
process.env.PREFLAB_E2E_DATABASE_NAME ??= `preflab_test_e2e_${randomBytes(4).toString("hex")}`;
// scrypt at 2^14, as in vitest.config.mts, for the global setup, the specs and (inheriting it) the server:
// users are made and sign in throughout the suite.
process.env.PASSWORD_HASH_COST ??= "14";

// Debian's Chromium where installed (CI installs it); otherwise Playwright's own browser.
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const executablePath = fs.existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? "test-results/playwright.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    // Auth.js builds absolute URLs with "localhost": browse that, not 127.0.0.1.
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    acceptDownloads: true,
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "node_modules/.bin/tsx --conditions=react-server lib/testing/e2e-server.ts",
    url: `http://localhost:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: E2E_SERVER_ENV,
  },
});
