"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { sendTurnsForReviewAction } from "@/lib/actions/review-batches";
import type { ReviewTarget } from "@/lib/data/review-batches";

const field = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5";

type Sent = { batchId: string; batchName: string; projectSlug: string; itemCount: number; k: number };

/** Sends the project's answered turns, not sent there before, to another project as a draft batch for second opinions. */
export function ReviewBatchForm({ projectSlug, samplesPerTurn, targets }: { projectSlug: string; samplesPerTurn: number; targets: ReviewTarget[] }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  // Pairs go to a pairwise project, K > 2 samples to a ranking one; the server checks it again.
  const fitting = targets.filter((target) => target.judgmentKind === (samplesPerTurn === 2 ? "PAIRWISE" : "RANKING"));

  const submit = (form: FormData) =>
    startTransition(async () => {
      const result = await sendTurnsForReviewAction({
        sourceProjectSlug: projectSlug,
        targetProjectSlug: String(form.get("target") ?? ""),
        k: form.get("k") || undefined,
        includeEdits: form.get("includeEdits") === "on",
      }).catch(() => ({ ok: false as const, error: "Could not reach the server. Try again." }));
      setError(result.ok ? null : result.error);
      setSent(result.ok ? result.data : null);
    });

  if (fitting.length === 0)
    return (
      <p className="text-sm text-slate-600">
        Create a {samplesPerTurn === 2 ? "pairwise" : "ranking"} project first: its workers will judge copies of this project&apos;s turns.
      </p>
    );
  return (
    <form action={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <div className="grid gap-3 sm:grid-cols-2">
        <label>
          Send to project
          <select name="target" required className={field}>
            {fitting.map((target) => (
              <option key={target.slug} value={target.slug}>
                {target.name} ({target.slug}, k = {target.judgmentsPerItem})
              </option>
            ))}
          </select>
        </label>
        <label>
          Judgments per turn (k) <span className="text-slate-500">(empty: the project&apos;s own)</span>
          <input type="number" name="k" min={1} max={100} step={1} className={field} />
        </label>
      </div>
      {samplesPerTurn === 2 && (
        <label className="flex items-center gap-2">
          <input type="checkbox" name="includeEdits" /> Include workers&apos; edits (each edit against the response it changed)
        </label>
      )}
      <FormError message={error} />
      {sent && (
        <p role="status" className="text-emerald-800">
          Sent {sent.itemCount} {sent.itemCount === 1 ? "comparison" : "comparisons"} as the draft batch{" "}
          <Link href={`/admin/projects/${sent.projectSlug}/batches/${sent.batchId}`} className="text-indigo-700 underline">
            {sent.batchName}
          </Link>{" "}
          (k = {sent.k}); activate it there.
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send answered turns for review"}
      </Button>
    </form>
  );
}
