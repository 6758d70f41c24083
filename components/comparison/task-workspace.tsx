"use client";

import { unstable_rethrow } from "next/navigation";
import { useCallback, useEffect, useState, useTransition, type ReactNode } from "react";
import { LeaseCountdown } from "@/components/comparison/lease-countdown";
import { StrengthScale, strengthLabel } from "@/components/comparison/strength-scale";
import { submitAndContinueAction } from "@/lib/actions/tasks";
import { STRENGTH_LEVELS } from "@/lib/validations/judgment";

export type WorkspaceTask = {
  assignmentId: string;
  leaseExpiresAt: string;
  project: { slug: string; name: string; question: string };
};

const RETRY_DELAYS_MS = [500, 1500, 4000];

function isTyping(target: EventTarget | null) {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

export function TaskWorkspace({
  task,
  instructions,
  conversation,
  responses,
}: {
  task: WorkspaceTask;
  instructions: ReactNode;
  conversation: ReactNode;
  responses: { label: string; body: ReactNode }[];
}) {
  const [pending, startTransition] = useTransition();
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Set once hydrated: keys work from then on (tests and the benchmark wait for it).
  const [interactive, setInteractive] = useState(false);
  useEffect(() => setInteractive(true), []);

  const submit = useCallback(
    (strength: number) => {
      if (pending) return;
      setChosen(strength);
      setError(null);
      startTransition(async () => {
        // One key per task: a double click, a retry or a second tab all name the same answer.
        const answer = { strength, idempotencyKey: `web-${task.assignmentId}` };
        for (let attempt = 0; ; attempt++) {
          try {
            const result = await submitAndContinueAction({ assignmentId: task.assignmentId, projectSlug: task.project.slug, answer });
            if (result && !result.ok) setError(result.error);
            return;
          } catch (failure) {
            // The redirect to the next task arrives as a thrown signal the router must see.
            unstable_rethrow(failure);
            if (attempt >= RETRY_DELAYS_MS.length) {
              setError("Could not reach the server. Your answer is not lost: press it again to retry.");
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
          }
        }
      });
    },
    [pending, task.assignmentId, task.project.slug],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const index = Number(event.key) - 1;
      if (Number.isInteger(index) && index >= 0 && index < STRENGTH_LEVELS.length) {
        event.preventDefault();
        submit(STRENGTH_LEVELS[index]);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [submit]);

  return (
    <div data-interactive={interactive || undefined}>
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-slate-500">{task.project.name}</p>
        <LeaseCountdown leaseExpiresAt={task.leaseExpiresAt} />
      </div>
      <h1 className="mb-3 text-xl font-semibold">{task.project.question}</h1>
      {instructions}
      <section className="mb-4">{conversation}</section>
      <div className="grid gap-4 md:grid-cols-2">
        {responses.map((response) => (
          <section key={response.label} aria-label={`Response ${response.label}`} className="min-w-0 rounded-lg border-2 border-slate-200 bg-white p-4">
            <h2 className="mb-2 text-sm font-bold text-slate-700">Response {response.label}</h2>
            {response.body}
          </section>
        ))}
      </div>
      <StrengthScale onChoose={submit} disabled={pending} chosen={chosen} />
      <div aria-live="polite" className="mt-3 min-h-6 text-center text-sm">
        {pending && chosen !== null && <span className="text-slate-600">Saving “{strengthLabel(chosen)}”…</span>}
        {error && (
          <span role="alert" className="text-red-700">
            {error}
          </span>
        )}
      </div>
    </div>
  );
}
