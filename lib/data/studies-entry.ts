import "server-only";
import { db, pool } from "@/lib/db/prisma";
import { inTransaction, type SqlRunner } from "@/lib/db/sql-runner";
import { admitParticipant } from "@/lib/data/study-participants";
import { env } from "@/lib/env";
import { isId } from "@/lib/validations/ids";
import { AppError } from "@/lib/errors";
import type { PlatformName } from "@/lib/validations/study";

export type StudyEntry = {
  studyId: string;
  platform: PlatformName;
  /** Prolific's PROLIFIC_PID or MTurk's workerId: names the account, proves nothing. */
  participantId: string;
  /** Prolific's SESSION_ID or MTurk's assignmentId: this visit. */
  externalSessionId: string;
  hitId?: string;
  submitTo?: string;
  /** A keyed hash of the client's address (lib/http/client-address.ts). */
  clientKey: string;
  /** The open study session this browser is signed in to, if any: opening the link again stays in it. */
  currentStudySessionId?: string | null;
};

type LockedStudy = { id: string; platform: PlatformName; closed: boolean; max_participants: number };

const STUDY_CLOSED_MESSAGE = "This study is closed and takes no more participants";

/**
 * The study, locked for the whole entry: entries into one study go one at a time, so its places are
 * counted exactly and a session id never goes to two participants; and closing it (an update of this
 * row) waits for the entry, then ends the session the entry made.
 */
async function lockOpenStudy(sql: SqlRunner, { studyId, platform }: { studyId: string; platform: PlatformName }) {
  const [study] = await sql.query<LockedStudy>(
    "SELECT id, platform, closed_at IS NOT NULL AS closed, max_participants FROM studies WHERE id = $1::uuid FOR NO KEY UPDATE",
    [studyId],
  );
  if (!study || study.platform !== platform) throw new AppError("NOT_FOUND", "No such study");
  if (study.closed) throw new AppError("STUDY_CLOSED", STUDY_CLOSED_MESSAGE);
  return study;
}

/**
 * The study session to sign this browser in to. The same link opened again in a browser already
 * signed in to it stays there; anywhere else it starts a new study session, which sees none of the
 * earlier one's tasks, drafts or judgments. Platform ids are not secret (they are in links, forms and
 * screenshots), so knowing them must never be enough to reach someone's work, nor to sign their
 * browser out.
 */
async function openStudySession(sql: SqlRunner, { study, userId, entry }: { study: LockedStudy; userId: string; entry: StudyEntry }) {
  const sessions = await sql.query<{ id: string; user_id: string }>(
    "SELECT id, user_id FROM study_sessions WHERE study_id = $1::uuid AND external_session_id = $2",
    [study.id, entry.externalSessionId],
  );
  if (sessions.some((session) => session.user_id !== userId)) throw new AppError("CONFLICT", "This session belongs to another participant");
  const current = sessions.find((session) => session.id === entry.currentStudySessionId);
  if (current) return current.id;
  const [created] = await sql.query<{ id: string }>(
    `INSERT INTO study_sessions (study_id, user_id, external_session_id, hit_id, submit_to, client_key)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6) RETURNING id`,
    [study.id, userId, entry.externalSessionId, entry.hitId ?? null, entry.submitTo ?? null, entry.clientKey],
  );
  return created.id;
}

/**
 * A worker arriving from a study link: finds or makes their account (refusing a blocked one, a full
 * study, or a client that made too many accounts lately) and the study session to sign them in to.
 */
export async function enterStudy(entry: StudyEntry): Promise<{ userId: string; studySessionId: string }> {
  if (!isId(entry.studyId)) throw new AppError("NOT_FOUND", "No such study");
  return inTransaction(pool(), async (sql) => {
    const study = await lockOpenStudy(sql, entry);
    const userId = await admitParticipant(sql, {
      study: { id: study.id, maxParticipants: study.max_participants },
      platform: entry.platform,
      participantId: entry.participantId,
      clientKey: entry.clientKey,
      accountsPerClientHour: env().STUDY_ACCOUNTS_PER_CLIENT_HOUR,
    });
    return { userId, studySessionId: await openStudySession(sql, { study, userId, entry }) };
  });
}

async function findOpenStudy({ studyId, platform }: { studyId: string; platform: PlatformName }) {
  const study = isId(studyId) ? await db().study.findUnique({ where: { id: studyId }, select: { id: true, platform: true, closedAt: true } }) : null;
  if (!study || study.platform !== platform) throw new AppError("NOT_FOUND", "No such study");
  if (study.closedAt) throw new AppError("STUDY_CLOSED", STUDY_CLOSED_MESSAGE);
  return study;
}

/** What an MTurk preview shows: the task's instructions and kind, nothing about anyone. */
export async function findStudyPreview({ studyId }: { studyId: string }) {
  await findOpenStudy({ studyId, platform: "MTURK" });
  return db().study.findUniqueOrThrow({
    where: { id: studyId },
    select: {
      name: true,
      requiredJudgments: true,
      project: { select: { name: true, question: true, instructions: true, judgmentKind: true } },
    },
  });
}

/** Public: whether a study is closed, for the page a signed-out participant lands on. */
export async function isStudyClosed({ studyId }: { studyId: string }): Promise<boolean> {
  if (!isId(studyId)) return false;
  const study = await db().study.findUnique({ where: { id: studyId }, select: { closedAt: true } });
  return Boolean(study?.closedAt);
}
