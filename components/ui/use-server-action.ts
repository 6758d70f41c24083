"use client";

import { unstable_rethrow } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/run-action";

/** The code of a call that got no answer: the request or its response was lost. */
export const NETWORK_ERROR = "NETWORK";

type Refusal = Extract<ActionResult<never>, { ok: false }>;

// Any Server Action; the hook keeps its own parameter and result types. `any` because with `never[]`
// TypeScript no longer sees the ActionResult in ReturnType<A> of a generic A.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Action = (...args: any[]) => Promise<ActionResult<unknown>>;

const UNREACHABLE: Refusal = { ok: false, code: NETWORK_ERROR, error: "Could not reach the server. Try again.", details: [] };

/**
 * The one way client components call a Server Action. `run(...args)` sends it and resolves with its
 * `ActionResult`; `pending`, `result`, `error` and `details` describe the latest call, for the
 * component to show. A call that never got an answer is a NETWORK result (and logged), never an
 * uncaught error. An action that redirects or calls notFound() ends the page instead: its signal is
 * rethrown inside the transition, where Next's router expects it, and `run` resolves with undefined.
 *
 * For an action that takes a form's data, `formAction` is `run` as a `<form action>`: React resets
 * the form once the call is answered, as with useActionState.
 */
export function useServerAction<A extends Action>(action: A) {
  type Args = Parameters<A>;
  type R = Awaited<ReturnType<A>>;
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<R | Refusal | null>(null);

  const run = (...args: Args) =>
    new Promise<R | Refusal | undefined>((resolve) => {
      setResult(null);
      startTransition(async () => {
        try {
          const answer = await answerOf(action, args);
          startTransition(() => setResult(answer));
          resolve(answer);
        } finally {
          // Reached unanswered only when the page is navigating away. Settled anyway: a caller awaiting
          // `run` inside its own transition (a form action) must not hold that navigation up.
          resolve(undefined);
        }
      });
    });

  // For actions that take a form's data: a <form action>, which React awaits before resetting the form.
  const formAction = (async (form: FormData) => void (await run(...([form] as Args)))) as Args extends [FormData] ? (form: FormData) => Promise<void> : never;

  return { run, formAction, pending, result, error: result && !result.ok ? result.error : null, details: result && !result.ok ? result.details : [] };
}

async function answerOf<A extends Action>(action: A, args: Parameters<A>): Promise<Awaited<ReturnType<A>> | Refusal> {
  try {
    return (await action(...args)) as Awaited<ReturnType<A>>;
  } catch (failure) {
    unstable_rethrow(failure);
    console.error("A Server Action got no answer:", failure);
    return UNREACHABLE;
  }
}
