import "server-only";
import { db } from "@/lib/db/prisma";
import { isId } from "@/lib/validations/ids";
import { AppError } from "@/lib/errors";
import type { PlatformName } from "@/lib/validations/study";

const PROVIDER: Record<PlatformName, string> = { PROLIFIC: "prolific", MTURK: "mturk" };

export type StudyEntry = {
  studyId: string;
  platform: PlatformName;
  /** Prolific's PROLIFIC_PID or MTurk's workerId: the worker's identity, kept across visits. */
  participantId: string;
  /** Prolific's SESSION_ID or MTurk's assignmentId: this visit. */
  externalSessionId: string;
  hitId?: string;
  submitTo?: string;
};

async function findOpenStudy({ studyId, platform }: { studyId: string; platform: PlatformName }) {
  const study = isId(studyId) ? await db().study.findUnique({ where: { id: studyId }, select: { id: true, platform: true, closedAt: true } }) : null;
  if (!study || study.platform !== platform) throw new AppError("NOT_FOUND", "No such study");
  if (study.closedAt) throw new AppError("STUDY_CLOSED", "This study is closed and takes no more participants");
  return study;
}

/**
 * The worker account tied to a platform id, made on the first visit: role WORKER, no password, an
 * address that can never receive mail (exports name workers by pseudonym anyway).
 */
async function findOrCreatePlatformWorker({ platform, participantId }: { platform: PlatformName; participantId: string }) {
  const provider = PROVIDER[platform];
  const where = { provider_providerAccountId: { provider, providerAccountId: participantId } };
  const select = { id: true, blockedAt: true } as const;
  // Both writes are idempotent upserts; two first visits at once can still collide on a unique
  // index, and the second try then finds what the first made.
  for (let attempt = 1; ; attempt++) {
    try {
      const account = await db().account.findUnique({ where, select: { user: { select } } });
      if (account) return account.user;
      return await db().$transaction(async (tx) => {
        const user = await tx.user.upsert({
          where: { email: `${provider}-${participantId}@participants.invalid` },
          create: { email: `${provider}-${participantId}@participants.invalid`, role: "WORKER" },
          update: {},
          select,
        });
        await tx.account.upsert({ where, create: { userId: user.id, type: "platform", provider, providerAccountId: participantId }, update: {} });
        return user;
      });
    } catch (error) {
      if (attempt >= 2 || (error as { code?: string }).code !== "P2002") throw error;
    }
  }
}

/**
 * A worker arriving from a study link: finds or makes their account, refuses a blocked one, and
 * records the visit. Returns the user to sign in.
 */
export async function enterStudy(entry: StudyEntry): Promise<{ userId: string }> {
  const study = await findOpenStudy(entry);
  const user = await findOrCreatePlatformWorker(entry);
  if (user.blockedAt) throw new AppError("FORBIDDEN", "This account may not take part");
  const key = { studyId_externalSessionId: { studyId: study.id, externalSessionId: entry.externalSessionId } };
  const existing = await db().studySession.findUnique({ where: key, select: { userId: true } });
  if (existing && existing.userId !== user.id) throw new AppError("CONFLICT", "This session belongs to another participant");
  const visit = { hitId: entry.hitId ?? null, submitTo: entry.submitTo ?? null };
  await db().studySession.upsert({
    where: key,
    create: { studyId: study.id, userId: user.id, externalSessionId: entry.externalSessionId, ...visit },
    update: visit,
  });
  return { userId: user.id };
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
