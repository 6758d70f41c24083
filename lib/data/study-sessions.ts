import "server-only";
import { db, pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validations/ids";

/** The newest sessions a study's page lists; a search by id finds older ones. */
export const STUDY_SESSIONS_SHOWN = 500;

export type StudySessionRow = {
  id: string;
  participantId: string | null;
  externalSessionId: string;
  hitId: string | null;
  startedAt: Date;
  completedAt: Date | null;
  endedAt: Date | null;
  judgments: number;
  blocked: boolean;
};

// Judgments are counted as the participant's progress counts them (studies-progress.ts): made in the
// session, while it was open.
const SESSIONS_SQL = `
  SELECT v.id, a.provider_account_id AS "participantId", v.external_session_id AS "externalSessionId", v.hit_id AS "hitId",
         v.started_at AS "startedAt", v.completed_at AS "completedAt", v.ended_at AS "endedAt", u.blocked_at IS NOT NULL AS blocked,
         (SELECT count(*) FROM assignments x JOIN judgments j ON j.assignment_id = x.id
          WHERE x.study_session_id = v.id AND j.created_at >= v.started_at AND (v.ended_at IS NULL OR j.created_at <= v.ended_at))::int AS judgments
  FROM study_sessions v
  JOIN users u ON u.id = v.user_id
  LEFT JOIN accounts a ON a.user_id = u.id AND a.provider = lower($2)
  WHERE v.study_id = $1::uuid AND ($3::text IS NULL OR a.provider_account_id = $3 OR v.external_session_id = $3)
  ORDER BY v.started_at DESC, v.id
  LIMIT $4`;

/**
 * Admin: a study's sessions, newest first, with the platform ids they came with and the judgments
 * made in each: what to check a platform's submissions against before approving them.
 */
export async function findStudySessions({ studyId, search }: { studyId: string; search?: string }) {
  if (!isId(studyId)) throw new AppError("NOT_FOUND", "No such study");
  const study = await db().study.findUnique({
    where: { id: studyId },
    select: { id: true, name: true, platform: true, requiredJudgments: true, closedAt: true },
  });
  if (!study) throw new AppError("NOT_FOUND", "No such study");
  const wanted = search?.trim() || null;
  const sessions = await queryPool<StudySessionRow>(pool(), SESSIONS_SQL, [study.id, study.platform, wanted, STUDY_SESSIONS_SHOWN]);
  return { study, search: wanted, sessions };
}
