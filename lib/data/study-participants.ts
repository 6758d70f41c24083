// The accounts study links make. A platform id cannot be checked at the door (anyone may type any
// PROLIFIC_PID), so an id is worth little: the account it names is found or made, but what that
// account may see is limited to the study session of each sign-in (studies-entry.ts), new accounts
// are capped per study and per client, and an account is never matched to anyone by email.
import "server-only";
import { randomBytes } from "node:crypto";
import type { SqlRunner } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import type { PlatformName } from "@/lib/validations/study";
import { PARTICIPANT_EMAIL_DOMAIN } from "@/lib/validations/user";

const PROVIDER: Record<PlatformName, string> = { PROLIFIC: "prolific", MTURK: "mturk" };

export type Admission = {
  study: { id: string; maxParticipants: number };
  platform: PlatformName;
  participantId: string;
  clientKey: string;
  accountsPerClientHour: number;
};

type ExistingAccount = { id: string; blocked: boolean; in_study: boolean };

/**
 * The account of a platform id that may enter the study: found, or made if the study has a place
 * left and the client has not made too many accounts lately. The caller holds the study's row lock.
 */
export async function admitParticipant(sql: SqlRunner, admission: Admission): Promise<string> {
  const provider = PROVIDER[admission.platform];
  // One entry at a time per platform id, whatever the study: the account is made once.
  await lock(sql, `platform-account:${provider}:${admission.participantId}`);
  const [existing] = await sql.query<ExistingAccount>(
    `SELECT u.id, u.blocked_at IS NOT NULL AS blocked,
            EXISTS (SELECT 1 FROM study_sessions v WHERE v.study_id = $3::uuid AND v.user_id = u.id) AS in_study
     FROM accounts a JOIN users u ON u.id = a.user_id
     WHERE a.provider = $1 AND a.provider_account_id = $2`,
    [provider, admission.participantId, admission.study.id],
  );
  if (existing?.blocked) throw new AppError("FORBIDDEN", "This account may not take part");
  if (existing?.in_study) return existing.id;
  await assertPlaceLeft(sql, admission.study);
  if (existing) return existing.id;
  await assertClientMayMakeAccount(sql, admission);
  return createPlatformAccount(sql, { platform: admission.platform, provider, participantId: admission.participantId });
}

async function lock(sql: SqlRunner, key: string) {
  await sql.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
}

async function assertPlaceLeft(sql: SqlRunner, study: Admission["study"]) {
  const [{ participants }] = await sql.query<{ participants: number }>(
    "SELECT count(DISTINCT user_id)::int AS participants FROM study_sessions WHERE study_id = $1::uuid",
    [study.id],
  );
  if (participants >= study.maxParticipants) {
    throw new AppError("STUDY_FULL", "This study has all the participants it asked for. Please return it on the platform.");
  }
}

/**
 * Counts the accounts this client made in the last hour: those whose first study session came from
 * its address. Held under a lock on the client, so parallel entries from it are counted one by one.
 */
async function assertClientMayMakeAccount(sql: SqlRunner, { clientKey, accountsPerClientHour }: Admission) {
  await lock(sql, `platform-client:${clientKey}`);
  const [{ made }] = await sql.query<{ made: number }>(
    `SELECT count(*)::int AS made
     FROM study_sessions v JOIN users u ON u.id = v.user_id
     WHERE v.client_key = $1 AND v.started_at > now() - interval '1 hour' AND u.created_at > now() - interval '1 hour'
       AND NOT EXISTS (SELECT 1 FROM study_sessions w WHERE w.user_id = v.user_id AND (w.started_at, w.id) < (v.started_at, v.id))`,
    [clientKey],
  );
  if (made >= accountsPerClientHour) {
    throw new AppError("RATE_LIMITED", "Too many new participants have joined from your network in the last hour. Please try again later.");
  }
}

/**
 * Role WORKER, no password, and an address that is only a label: people cannot sign up under the
 * reserved domain, and a user who already holds the address (made before it was reserved) is never
 * taken to be this participant; the new account then gets an address of its own.
 */
async function createPlatformAccount(
  sql: SqlRunner,
  { platform, provider, participantId }: { platform: PlatformName; provider: string; participantId: string },
) {
  const label = `${provider}-${participantId}`;
  const [taken] = await sql.query("SELECT 1 FROM users WHERE email = $1", [`${label}@${PARTICIPANT_EMAIL_DOMAIN}`]);
  // '+' never appears in a platform id, so the suffixed address cannot be another participant's.
  const email = taken ? `${label}+${randomBytes(6).toString("hex")}@${PARTICIPANT_EMAIL_DOMAIN}` : `${label}@${PARTICIPANT_EMAIL_DOMAIN}`;
  const [user] = await sql.query<{ id: string }>(
    `INSERT INTO users (email, role, platform, updated_at) VALUES ($1, 'WORKER', $2::"CrowdPlatform", now()) RETURNING id`,
    [email, platform],
  );
  await sql.execute("INSERT INTO accounts (user_id, type, provider, provider_account_id) VALUES ($1::uuid, 'platform', $2, $3)", [
    user.id,
    provider,
    participantId,
  ]);
  return user.id;
}
