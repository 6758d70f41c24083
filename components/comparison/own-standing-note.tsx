import type { OwnStanding } from "@/lib/data/worker-standings";

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Where the worker stands in a project, in their words: nothing here says which items were checks. */
export function OwnStandingNote({ standing }: { standing: OwnStanding }) {
  if (standing.state === "PAUSED") {
    return (
      <p className="mt-1 text-sm text-amber-800" data-testid="standing-note">
        You are paused in this project while an admin reviews your work. You can take tasks here again once they have.
      </p>
    );
  }
  if (standing.state === "FAILED") {
    return (
      <p className="mt-1 text-sm text-amber-800" data-testid="standing-note">
        You did not reach the practice set&apos;s pass mark of {percent(standing.passMark)} ({standing.correct} of {standing.answered} right), so this project
        has no tasks for you for now. An admin may let you try again.
      </p>
    );
  }
  return (
    <p className="mt-1 text-sm text-indigo-800" data-testid="standing-note">
      Practice first: {standing.answered} of {standing.total} answered. You see the right answer after each; real tasks open once you reach the pass mark of{" "}
      {percent(standing.passMark)}.
    </p>
  );
}
