import type { StudyCompletion } from "@/lib/data/studies-progress";

/**
 * What the worker takes back to the platform. Rendered only when the server has stored the required
 * judgments (the data layer returns no completion before that).
 */
export function StudyCompletionPanel({ completion }: { completion: StudyCompletion }) {
  if (completion.platform === "PROLIFIC") {
    return (
      <section aria-label="Completion" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
        <p className="mb-2">Thank you: your answers are stored. Your Prolific completion code:</p>
        <p className="mb-3 font-mono text-2xl font-semibold tracking-wider" data-testid="completion-code">
          {completion.code}
        </p>
        <a href={completion.url} className="inline-block rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
          Return to Prolific
        </a>
      </section>
    );
  }
  return (
    <section aria-label="Completion" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4">
      <p className="mb-3">Thank you: your answers are stored. Submit the HIT to MTurk to finish.</p>
      {/* MTurk's ExternalQuestion contract: a form POST to <turkSubmitTo>/mturk/externalSubmit with the
          assignmentId and at least one more field. */}
      <form method="POST" action={completion.submitUrl}>
        <input type="hidden" name="assignmentId" value={completion.assignmentId} />
        <input type="hidden" name="judgments" value={String(completion.judgments)} />
        <button type="submit" className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
          Submit HIT
        </button>
      </form>
    </section>
  );
}
