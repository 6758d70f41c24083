import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { defineConfig } from "@playwright/test";

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
    // MTURK_SUBMIT_HOSTS: crowd-platforms.spec.ts stands in for MTurk's post-back on a local port.
    // RATE_LIMITS: every spec comes from 127.0.0.1, so the per-client limits are raised for the suite;
    // the per-email, per-invite, per-study and per-token ones keep their defaults (rate-limits.spec.ts).
    // STUDY_ACCOUNTS_PER_CLIENT_HOUR: every participant of a run comes from this one machine.
    // EXPORT_STALL_TIMEOUT_SECONDS: export-streams.spec.ts waits for stalled downloads to be given up.
    env: {
      AUTH_SECRET: "e2e-secret-not-for-production-use-only",
      AUTH_TRUST_HOST: "true",
      MTURK_SUBMIT_HOSTS: "http://127.0.0.1",
      RATE_LIMITS: "sign-in-client=200,invite-sign-up-client=200,study-entry-client=200",
      STUDY_ACCOUNTS_PER_CLIENT_HOUR: "1000",
      EXPORT_STALL_TIMEOUT_SECONDS: "8",
    },
  },
});
