// Next.js calls register() once when a server process starts: that is where this process joins
// the job queue's workers (background exports, cleanup).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  if (!process.env.DATABASE_URL) return;
  const { startJobWorkers } = await import("@/lib/jobs/workers");
  await startJobWorkers().catch((error) => console.error("[jobs] could not start the job workers:", error));
}
