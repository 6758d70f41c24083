"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { FlagPicker } from "@/components/comparison/flag-picker";
import { LeaseBar } from "@/components/comparison/lease-bar";
import { NextTaskButton } from "@/components/comparison/next-task-button";
import { RankingBoard } from "@/components/comparison/ranking-board";
import { RationaleBox } from "@/components/comparison/rationale-box";
import { ResponsePanel } from "@/components/comparison/response-panel";
import { ShortcutsDialog } from "@/components/comparison/shortcuts-dialog";
import { SkipDialog } from "@/components/comparison/skip-dialog";
import { StrengthScale } from "@/components/comparison/strength-scale";
import { taskShortcuts } from "@/components/comparison/task-shortcuts";
import { TaskStatusLine } from "@/components/comparison/task-status-line";
import { useDraft } from "@/components/comparison/use-draft";
import { useResponseDiffs } from "@/components/comparison/use-response-diffs";
import { useShortcuts } from "@/components/comparison/use-shortcuts";
import { useSubmit } from "@/components/comparison/use-submit";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";
import { skipInStudyAction, submitInStudyAction } from "@/lib/actions/studies";
import { extendLeaseAction, skipAndContinueAction, submitAndContinueAction } from "@/lib/actions/tasks";
import type { TaskProject } from "@/lib/data/task-view";
import { PAIRWISE_SCALES } from "@/lib/judgment-scales";
import { fromGroups, initialOrder, toGroups, type RankingOrder } from "@/lib/ranking-order";
import type { Draft, SubmitJudgmentInput } from "@/lib/validations/judgment";

export type WorkspaceTask = {
  assignmentId: string;
  leaseExpiresAt: string;
  leaseExtensionsLeft: number;
  firstInProject: boolean;
  project: Omit<TaskProject, "instructions"> & { hasInstructions: boolean };
  labels: string[];
  previews: Record<string, string>;
  draft: { value: Draft; savedAt: string } | null;
};

type Props = {
  task: WorkspaceTask;
  instructions: ReactNode;
  conversation: ReactNode;
  responses: { label: string; body: ReactNode }[];
  /** A word about the previous task, shown once (it was already answered in another tab). */
  notice?: string;
  /** Opened from a crowd-platform study (?study=): moving on stays in the study, and links back to it. */
  studyId?: string;
};

function answerFrom(draft: Draft, task: WorkspaceTask, ranking: RankingOrder): SubmitJudgmentInput {
  const { project } = task;
  const preference = draft.bothBad
    ? { bothBad: true }
    : project.judgmentKind === "PAIRWISE"
      ? { strength: draft.strength ?? undefined }
      : { ranking: toGroups(ranking) };
  const flags = Object.fromEntries(Object.entries(draft.flags ?? {}).filter(([, ids]) => ids.length > 0));
  return {
    ...preference,
    ...(Object.keys(flags).length > 0 ? { flags } : {}),
    ...(project.rationaleMode !== "OFF" && draft.rationale?.trim() ? { rationale: draft.rationale } : {}),
    // One key per task: a double click, a retry or a second tab all name the same answer.
    idempotencyKey: `web-${task.assignmentId}`,
  };
}

export function TaskWorkspace({ task, instructions, conversation, responses, notice, studyId }: Props) {
  const { project } = task;
  const { draft, update, status: draftStatus, forget, cancelPendingSave } = useDraft(task.assignmentId, task.draft);
  const ranking = draft.ranking ? fromGroups(draft.ranking) : initialOrder(task.labels);
  const differences = useResponseDiffs(task.assignmentId);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [dialog, setDialog] = useState<"help" | "instructions" | "skip" | null>(task.firstInProject && project.hasInstructions ? "instructions" : null);
  const [lease, setLease] = useState({ expiresAt: task.leaseExpiresAt, extensionsLeft: task.leaseExtensionsLeft });
  const extending = useServerAction(extendLeaseAction);
  // Why the lease ended under the worker: its time ran out, or an admin closed its batch.
  const [ended, setEnded] = useState<"expired" | "withdrawn" | null>(null);
  const expired = ended !== null;
  // Set once hydrated: keys work from then on (tests and the benchmark wait for it).
  const [interactive, setInteractive] = useState(false);
  useEffect(() => setInteractive(true), []);

  const hasFlags = project.flagOptions.length > 0;
  const instantSubmit = project.judgmentKind === "PAIRWISE" && project.rationaleMode === "OFF" && !hasFlags && !project.allowBothBad;
  const rationaleShort = project.rationaleMode === "REQUIRED" && (draft.rationale ?? "").trim().length < Math.max(1, project.rationaleMinLength);
  const hasPreference = draft.bothBad || project.judgmentKind === "RANKING" || (draft.strength !== undefined && draft.strength !== null);

  const answer = useRef(answerFrom(draft, task, ranking));
  answer.current = answerFrom(draft, task, ranking);
  const submitted = useRef(false);
  const {
    submit,
    state: submitState,
    sending,
  } = useSubmit(async () => {
    submitted.current = true;
    cancelPendingSave();
    const result = studyId
      ? await submitInStudyAction({ studyId, assignmentId: task.assignmentId, answer: answer.current })
      : await submitAndContinueAction({ assignmentId: task.assignmentId, projectSlug: project.slug, answer: answer.current });
    if (result && !result.ok) {
      submitted.current = false;
      if (result.code === "LEASE_EXPIRED") setEnded("expired");
      if (result.code === "GONE") setEnded("withdrawn");
    }
    return result;
  });
  // Leaving the page after a successful submit (the only way it navigates) ends the local draft.
  useEffect(() => () => void (submitted.current && forget()), [forget]);

  const locked = sending || expired;
  const canSubmit = !locked && hasPreference && !rationaleShort;
  const trySubmit = () => canSubmit && submit();

  const choose = (strength: number) => {
    update({ strength, bothBad: false });
    if (instantSubmit && !locked) {
      answer.current = answerFrom({ ...draft, strength, bothBad: false }, task, ranking);
      submit();
    }
  };

  const skipping = useServerAction((reason: string) =>
    studyId
      ? skipInStudyAction({ studyId, assignmentId: task.assignmentId, reason })
      : skipAndContinueAction({ assignmentId: task.assignmentId, projectSlug: project.slug, reason }),
  );
  const skip = async (reason: string) => {
    submitted.current = true;
    const result = await skipping.run(reason);
    if (result && !result.ok) submitted.current = false;
  };

  const extend = async () => {
    if (lease.extensionsLeft === 0 || extending.pending || expired) return;
    const result = await extending.run(task.assignmentId);
    if (result?.ok) setLease({ expiresAt: result.data.leaseExpiresAt, extensionsLeft: result.data.extensionsLeft });
  };

  const onExpired = useCallback(() => setEnded((current) => current ?? "expired"), []);
  const toggleAll = () => setExpanded((current) => (current.length > 0 ? [] : task.labels));

  useShortcuts((event) => {
    const key = event.key.toLowerCase();
    const levels = PAIRWISE_SCALES[project.pairwiseScale];
    const digit = Number(event.key);
    if (project.judgmentKind === "PAIRWISE" && !event.altKey && digit >= 1 && digit <= levels.length) {
      if (!locked) choose(levels[digit - 1].strength);
    } else if (event.key === "Enter") {
      if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement || event.target instanceof HTMLLIElement) return false;
      trySubmit();
    } else if (key === "b" && project.allowBothBad) {
      if (!locked) update({ bothBad: !draft.bothBad });
    } else if (key === "k" && project.judgmentKind === "RANKING")
      document.querySelector<HTMLElement>('[aria-label="Your ranking, best first"] li[tabindex="0"]')?.focus();
    else if (key === "f" && hasFlags) document.querySelector<HTMLInputElement>('[data-flags="A"] input')?.focus();
    else if (key === "r" && project.rationaleMode !== "OFF") document.getElementById("rationale")?.focus();
    else if (key === "d") differences.toggle();
    else if (key === "x") toggleAll();
    else if (key === "i" && project.hasInstructions) setDialog("instructions");
    else if (key === "e") void extend();
    else if (key === "s" && !locked) setDialog("skip");
    else if (event.key === "?") setDialog("help");
    else return false;
    return true;
  });

  const shortcuts = taskShortcuts({
    kind: project.judgmentKind,
    scale: project.pairwiseScale,
    responses: task.labels.length,
    instantSubmit,
    allowTies: project.allowTies,
    allowBothBad: project.allowBothBad,
    hasFlags,
    hasRationale: project.rationaleMode !== "OFF",
  });

  return (
    <div data-interactive={interactive || undefined}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-500">
          {project.name}
          {studyId && (
            <>
              {" · "}
              <Link href={`/study/${studyId}`} className="text-indigo-700 underline">
                Back to the study
              </Link>
            </>
          )}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <LeaseBar
            leaseExpiresAt={lease.expiresAt}
            extensionsLeft={lease.extensionsLeft}
            extending={extending.pending}
            onExtend={() => void extend()}
            onExpired={onExpired}
          />
          {project.hasInstructions && (
            <button type="button" onClick={() => setDialog("instructions")} className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100">
              Instructions <kbd className="text-xs text-slate-500">I</kbd>
            </button>
          )}
          <button type="button" onClick={() => setDialog("help")} className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100">
            Keys <kbd className="text-xs text-slate-500">?</kbd>
          </button>
        </div>
      </div>
      {notice && (
        <p role="status" className="mb-3 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          {notice}
        </p>
      )}
      <h1 className="mb-3 text-xl font-semibold">{project.question}</h1>
      {expired && (
        <div role="alert" className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded border border-red-300 bg-red-50 p-3 text-red-900">
          <span>
            {ended === "withdrawn"
              ? "This task was withdrawn by an admin (its batch was closed)."
              : "Time is up for this task: it went back to the pool for someone else."}
          </span>
          <NextTaskButton projectSlug={project.slug} studyId={studyId} disabled={false} />
        </div>
      )}
      <section className="mb-4">{conversation}</section>
      <div className="mb-2 flex justify-end gap-3 text-sm">
        <button type="button" aria-pressed={differences.shown} onClick={differences.toggle} className="text-indigo-700 underline">
          {differences.shown ? "Hide differences" : "Highlight differences"} <kbd className="text-xs text-slate-500">D</kbd>
        </button>
      </div>
      <div className={`grid gap-4 ${responses.length === 2 ? "md:grid-cols-2" : "md:grid-cols-2 xl:grid-cols-3"}`}>
        {responses.map((response) => (
          <ResponsePanel
            key={response.label}
            label={response.label}
            body={response.body}
            diff={differences.view(response.label)}
            showDiff={differences.shown}
            expanded={expanded.includes(response.label)}
            onToggleExpanded={() =>
              setExpanded((current) => (current.includes(response.label) ? current.filter((l) => l !== response.label) : [...current, response.label]))
            }
          >
            <FlagPicker
              label={response.label}
              options={project.flagOptions}
              chosen={draft.flags?.[response.label] ?? []}
              disabled={locked}
              onChange={(ids) => update({ flags: { ...draft.flags, [response.label]: ids } })}
            />
          </ResponsePanel>
        ))}
      </div>
      <section aria-label="Your answer" className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
        {project.judgmentKind === "PAIRWISE" ? (
          <StrengthScale
            scale={project.pairwiseScale}
            chosen={draft.bothBad ? null : (draft.strength ?? null)}
            disabled={locked || Boolean(draft.bothBad)}
            onChoose={choose}
          />
        ) : (
          <RankingBoard
            ranking={ranking}
            previews={task.previews}
            allowTies={project.allowTies}
            disabled={locked || Boolean(draft.bothBad)}
            onChange={(next) => update({ ranking: toGroups(next) })}
          />
        )}
        {project.allowBothBad && (
          <label className="mt-3 flex items-center justify-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={Boolean(draft.bothBad)}
              disabled={locked}
              onChange={(event) => update({ bothBad: event.target.checked })}
              className="h-4 w-4"
            />
            {task.labels.length === 2 ? "Both are bad" : "None is acceptable"} <kbd className="text-xs text-slate-500">B</kbd>
          </label>
        )}
        {project.rationaleMode !== "OFF" && (
          <RationaleBox
            mode={project.rationaleMode}
            minLength={project.rationaleMinLength}
            value={draft.rationale ?? ""}
            disabled={locked}
            onChange={(rationale) => update({ rationale })}
            onSubmit={trySubmit}
          />
        )}
        <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
          <button type="button" onClick={() => setDialog("skip")} disabled={locked} className="text-sm text-slate-600 underline disabled:opacity-50">
            Skip this task <kbd className="text-xs">S</kbd>
          </button>
          {!instantSubmit && (
            <Button type="button" onClick={trySubmit} disabled={!canSubmit}>
              Submit <kbd className="text-xs opacity-80">Enter</kbd>
            </Button>
          )}
        </div>
        <TaskStatusLine
          submitState={submitState}
          draftStatus={draftStatus}
          leaseError={skipping.error ?? extending.error ?? ""}
          needsPreference={!hasPreference}
          rationaleShort={rationaleShort}
          instantSubmit={instantSubmit}
          answerKeys={`1–${PAIRWISE_SCALES[project.pairwiseScale].length}`}
        />
      </section>
      <Modal open={dialog === "instructions"} title="Instructions" onClose={() => setDialog(null)}>
        {instructions}
      </Modal>
      <ShortcutsDialog open={dialog === "help"} onClose={() => setDialog(null)} shortcuts={shortcuts} />
      <SkipDialog open={dialog === "skip"} onClose={() => setDialog(null)} onSkip={(reason) => void skip(reason)} busy={locked} />
    </div>
  );
}
