// The environment the e2e app server runs with (playwright.config.ts), beside what Playwright itself
// passes on; a spec that starts a second server of the same app gives it the same.
// MTURK_SUBMIT_HOSTS: crowd-platforms.spec.ts stands in for MTurk's post-back on a local port.
// RATE_LIMITS: every spec comes from 127.0.0.1, so the per-client limits are raised for the suite;
// the per-email, per-invite, per-study and per-token ones keep their defaults (rate-limits.spec.ts).
// STUDY_ACCOUNTS_PER_CLIENT_HOUR: every participant of a run comes from this one machine.
// EXPORT_STALL_TIMEOUT_SECONDS: export-streams.spec.ts waits for stalled downloads to be given up.
export const E2E_SERVER_ENV = {
  AUTH_SECRET: "e2e-secret-not-for-production-use-only",
  AUTH_TRUST_HOST: "true",
  MTURK_SUBMIT_HOSTS: "http://127.0.0.1",
  RATE_LIMITS: "sign-in-client=200,invite-sign-up-client=200,study-entry-client=200",
  STUDY_ACCOUNTS_PER_CLIENT_HOUR: "1000",
  EXPORT_STALL_TIMEOUT_SECONDS: "8",
};
