"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { submitJudgment } from "@/lib/data/judgments";
import { claimAfterAnswer } from "@/lib/actions/claim-after-answer";
import { unlessCapped } from "@/lib/data/assignments";
import { practiceFeedbackForWorker, type PracticeFeedbackView } from "@/lib/data/practice-feedback-view";
import { skipTask } from "@/lib/data/leases";
import { closeStudy, createStudy, updateStudyPlaces } from "@/lib/data/studies";
import { claimStudyTask } from "@/lib/data/studies-progress";
import { parseInput } from "@/lib/validations/parse";
import { studyIdSchema } from "@/lib/validations/study";

export async function createStudyAction(formData: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction("study:manage", async (actor) => {
    const study = await createStudy({
      actor,
      input: {
        projectId: String(formData.get("projectId") ?? ""),
        platform: String(formData.get("platform") ?? "") as "PROLIFIC" | "MTURK",
        name: String(formData.get("name") ?? ""),
        requiredJudgments: String(formData.get("requiredJudgments") ?? ""),
        maxParticipants: String(formData.get("maxParticipants") ?? ""),
        completionCode: String(formData.get("completionCode") ?? ""),
      },
    });
    return { id: study.id };
  });
  if (result.ok) revalidatePath("/admin/studies");
  return result;
}

export async function updateStudyPlacesAction(formData: FormData): Promise<ActionResult<{ maxParticipants: number }>> {
  const result = await runAction("study:manage", async (actor) => {
    const study = await updateStudyPlaces({
      actor,
      input: { studyId: String(formData.get("studyId") ?? ""), maxParticipants: String(formData.get("maxParticipants") ?? "") },
    });
    return { maxParticipants: study.maxParticipants };
  });
  if (result.ok) revalidatePath("/admin/studies");
  return result;
}

export async function closeStudyAction(studyId: string): Promise<ActionResult<null>> {
  const result = await runAction("study:manage", async (actor) => {
    await closeStudy({ actor, studyId });
    return null;
  });
  if (result.ok) revalidatePath("/admin/studies");
  return result;
}

// In a study, the worker moves from task to task as usual, keeping ?study= so every task page links
// back; when the study needs nothing more from them (or nothing is open) they land on its page.
function studyPath(studyId: string, assignmentId: string | null, note?: "answered-elsewhere") {
  if (!assignmentId) return `/study/${studyId}`;
  return `/tasks/${assignmentId}?study=${studyId}${note ? `&note=${note}` : ""}`;
}

/** The study page's "Next task". */
export async function claimStudyTaskAction(studyId: string): Promise<ActionResult<never>> {
  const result = await runAction("task:work", async (actor) => {
    const id = parseInput(studyIdSchema, studyId);
    const next = await unlessCapped(claimStudyTask({ actor, studyId: id }));
    return { id, next: next === "capped" ? null : next };
  });
  if (!result.ok) return result;
  redirect(studyPath(result.data.id, result.data.next));
}

/** Stores the answer and moves on within the study (see submitAndContinueAction, practice feedback included). */
export async function submitInStudyAction(input: {
  studyId: string;
  assignmentId: string;
  answer: unknown;
}): Promise<ActionResult<{ practice: PracticeFeedbackView }>> {
  const result = await runAction("task:work", async (actor) => {
    const id = parseInput(studyIdSchema, input.studyId);
    const { replayed, practice } = await submitJudgment({ actor, assignmentId: input.assignmentId, input: input.answer });
    if (practice) return { id, replayed, practice: await practiceFeedbackForWorker({ actor, assignmentId: input.assignmentId, practice }), next: null };
    const next = await claimAfterAnswer(claimStudyTask({ actor, studyId: id }));
    return { id, replayed, practice: null, next: next === "capped" || next === "list" ? null : next };
  });
  if (!result.ok) return result;
  if (result.data.practice) return { ok: true, data: { practice: result.data.practice } };
  redirect(studyPath(result.data.id, result.data.next, result.data.replayed ? "answered-elsewhere" : undefined));
}

export async function skipInStudyAction(input: { studyId: string; assignmentId: string; reason: string }): Promise<ActionResult<never>> {
  const result = await runAction("task:work", async (actor) => {
    const id = parseInput(studyIdSchema, input.studyId);
    await skipTask({ actor, assignmentId: input.assignmentId, input: { reason: input.reason } });
    const next = await unlessCapped(claimStudyTask({ actor, studyId: id }));
    return { id, next: next === "capped" ? null : next };
  });
  if (!result.ok) return result;
  redirect(studyPath(result.data.id, result.data.next));
}
