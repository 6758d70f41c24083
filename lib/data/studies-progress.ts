import "server-only";
import { claimNextTask } from "@/lib/data/assignments";
import { isId } from "@/lib/validations/ids";
import type { Actor } from "@/lib/data/users";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { openToWorkerSql } from "@/lib/data/worker-counts";
import { AppError } from "@/lib/errors";
import type { PlatformName } from "@/lib/validations/study";

export const PROLIFIC_COMPLETE_URL = "https://app.prolific.com/submissions/complete";

export type StudyCompletion =
  { platform: "PROLIFIC"; code: string; url: string } | { platform: "MTURK"; submitUrl: string; assignmentId: string; judgments: number };

export type StudyProgress = {
  study: { id: string; name: string; platform: PlatformName; closed: boolean };
  project: { slug: string; name: string; question: string; instructions: string };
  stored: number;
  required: number;
  /** A task is open to the worker now: one they hold, or one they may claim. */
  hasWork: boolean;
  /** Only once the server has stored the required judgments: the code or the post-back. */
  completion: StudyCompletion | null;
};

type ProgressRow = {
  id: string;
  name: string;
  platform: PlatformName;
  required_judgments: number;
  completion_code: string | null;
  closed: boolean;
  slug: string;
  project_name: string;
  question: string;
  instructions: string;
  session_id: string;
  external_session_id: string;
  submit_to: string | null;
  completed: boolean;
  stored: number;
  has_work: boolean;
};

// The study session this browser was signed in for, and the judgments made in it: leased in this
// session, by this account, in the study's project, after it started and while it was open. Work of
// other sessions (an earlier HIT, another study on the same project, someone else who typed the same
// platform id) never counts here, so every completion is paid for by work of its own.
const PROGRESS_SQL = `
  SELECT s.id, s.name, s.platform, s.required_judgments, s.completion_code, s.closed_at IS NOT NULL AS closed,
         p.slug, p.name AS project_name, p.question, p.instructions,
         v.id AS session_id, v.external_session_id, v.submit_to, v.completed_at IS NOT NULL AS completed,
         (SELECT count(*) FROM assignments a JOIN judgments j ON j.assignment_id = a.id
          WHERE a.worker_id = $2::uuid AND a.project_id = p.id AND a.study_session_id = v.id
            AND j.created_at >= v.started_at AND (v.ended_at IS NULL OR j.created_at <= v.ended_at))::int AS stored,
         (EXISTS (SELECT 1 FROM assignments a WHERE a.project_id = p.id AND a.worker_id = $2::uuid AND a.study_session_id = v.id
                    AND a.status = 'ACTIVE' AND a.lease_expires_at > now())
          OR ${openToWorkerSql("$2")} > 0) AS has_work
  FROM study_sessions v
  JOIN studies s ON s.id = v.study_id
  JOIN projects p ON p.id = s.project_id
  WHERE v.id = $3::uuid AND v.user_id = $2::uuid AND s.id = $1::uuid`;

function completionOf(row: ProgressRow): StudyCompletion | null {
  if (row.stored < row.required_judgments) return null;
  if (row.platform === "PROLIFIC") {
    const code = row.completion_code ?? "";
    return { platform: "PROLIFIC", code, url: `${PROLIFIC_COMPLETE_URL}?cc=${encodeURIComponent(code)}` };
  }
  if (!row.submit_to) return null;
  return { platform: "MTURK", submitUrl: `${row.submit_to}/mturk/externalSubmit`, assignmentId: row.external_session_id, judgments: row.stored };
}

/**
 * The worker's progress in the study session they are signed in for, counted from the judgments
 * stored in it. When the count reaches the requirement, the session is marked complete and the
 * completion (code or post-back) is returned; before that it never leaves this function.
 */
export async function findStudyProgress({ actor, studyId }: { actor: Actor; studyId: string }): Promise<StudyProgress> {
  const notEntered = new AppError("NOT_FOUND", "No such study, or you have not entered it from its link");
  if (!isId(studyId) || !actor.studySessionId) throw notEntered;
  const [row] = await queryPool<ProgressRow>(pool(), PROGRESS_SQL, [studyId, actor.id, actor.studySessionId]);
  if (!row) throw notEntered;
  const completion = completionOf(row);
  if (completion && !row.completed) {
    await queryPool(pool(), "UPDATE study_sessions SET completed_at = now() WHERE id = $1::uuid AND completed_at IS NULL", [row.session_id]);
  }
  return {
    study: { id: row.id, name: row.name, platform: row.platform, closed: row.closed },
    project: { slug: row.slug, name: row.project_name, question: row.question, instructions: row.instructions },
    stored: row.stored,
    required: row.required_judgments,
    hasWork: row.has_work,
    completion,
  };
}

/**
 * The next task of the study's project for a worker who entered it, or null when the study needs
 * no more from them (done, closed) or no task is open to them.
 */
export async function claimStudyTask({ actor, studyId }: { actor: Actor; studyId: string }): Promise<string | null> {
  const progress = await findStudyProgress({ actor, studyId });
  if (progress.completion || progress.study.closed) return null;
  return claimNextTask({ actor, projectSlug: progress.project.slug });
}
