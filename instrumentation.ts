// Next.js calls register() once when a server process starts: the environment is checked here, so a
// bad value stops the server with a message naming it, and this process joins the job queue's
// workers (background exports, cleanup) and the live conversations' sample dispatcher.
export async function register() {
  // Next's own variables: only the Node.js server runs this, and not during `next build`.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { validateEnv } = await import("@/lib/env");
  validateEnv({ require: ["DATABASE_URL", "AUTH_SECRET"] });
  // Before the first request: per-client limits need the connection's address (lib/http/client-address.ts).
  const { installSocketAddressHeader } = await import("@/lib/http/socket-address-header");
  installSocketAddressHeader();
  const { startJobWorkers } = await import("@/lib/jobs/workers");
  // Not awaited: while the database is unreachable the server still answers (health says so) and the
  // workers keep retrying; startJobWorkers logs each failed attempt.
  void startJobWorkers().catch((error: unknown) => console.error("[jobs] the job workers did not start:", error));
  const { startSampleDispatcher } = await import("@/lib/models/sample-dispatcher");
  startSampleDispatcher();
}
