// A separate Node process full of workers for the claim concurrency test: claims go through their
// own pool and Prisma client, as they would from several app servers. Run with
//   node_modules/.bin/tsx --conditions=react-server lib/testing/claim-worker-process.ts
// and {"projectSlug", "workers": [{id, email, name, role}]} as JSON on stdin. Prints one JSON line.
import { text } from "node:stream/consumers";
import { claimNextTask } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import type { Actor } from "@/lib/data/users";
import { disconnectDb } from "@/lib/db/prisma";
import { isAppError } from "@/lib/errors";

export type WorkerReport = { workerId: string; judged: number; conflicts: number; errors: string[] };
export type ProcessReport = { pid: number; judged: number; conflicts: number; workers: WorkerReport[] };

// A claim that keeps losing races gives up with CONFLICT; past this many in a row something is stuck.
const MAX_CONFLICTS_IN_A_ROW = 50;

async function runWorker(actor: Actor, projectSlug: string): Promise<WorkerReport> {
  const report: WorkerReport = { workerId: actor.id, judged: 0, conflicts: 0, errors: [] };
  let conflictsInARow = 0;
  try {
    for (;;) {
      let assignmentId: string | null;
      try {
        assignmentId = await claimNextTask({ actor, projectSlug });
      } catch (error) {
        // Only a claim may lose a race and be retried: a submit on a live lease has its slot.
        if (!isAppError(error) || error.code !== "CONFLICT" || ++conflictsInARow > MAX_CONFLICTS_IN_A_ROW) throw error;
        report.conflicts++;
        continue;
      }
      conflictsInARow = 0;
      if (assignmentId === null) return report;
      const strength = report.judged % 2 === 0 ? -2 : 3;
      await submitJudgment({ actor, assignmentId, input: { strength, idempotencyKey: `${actor.id}-${assignmentId}` } });
      report.judged++;
    }
  } catch (error) {
    report.errors.push(isAppError(error) ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error));
    return report;
  }
}

async function main() {
  const { projectSlug, workers } = JSON.parse(await text(process.stdin)) as { projectSlug: string; workers: Actor[] };
  const reports = await Promise.all(workers.map((actor) => runWorker(actor, projectSlug)));
  await disconnectDb();
  const sum = (pick: (r: WorkerReport) => number) => reports.reduce((total, r) => total + pick(r), 0);
  const result: ProcessReport = { pid: process.pid, judged: sum((r) => r.judged), conflicts: sum((r) => r.conflicts), workers: reports };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = reports.some((r) => r.errors.length > 0) ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
