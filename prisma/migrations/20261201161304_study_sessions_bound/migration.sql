-- DropIndex
DROP INDEX "study_sessions_study_id_external_session_id_key";

-- AlterTable
ALTER TABLE "assignments" ADD COLUMN     "study_session_id" UUID;

-- AlterTable
ALTER TABLE "studies" ADD COLUMN     "max_participants" INTEGER NOT NULL DEFAULT 100;

-- AlterTable
ALTER TABLE "study_sessions" ADD COLUMN     "client_key" TEXT,
ADD COLUMN     "ended_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "platform" "CrowdPlatform";

-- CreateIndex
CREATE INDEX "study_sessions_study_id_external_session_id_idx" ON "study_sessions"("study_id", "external_session_id");

-- CreateIndex
CREATE INDEX "study_sessions_client_key_started_at_idx" ON "study_sessions"("client_key", "started_at");

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_study_session_id_fkey" FOREIGN KEY ("study_session_id") REFERENCES "study_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Only platform accounts' leases carry a study session: the index holds those alone, so other leases
-- cost nothing more to write. It serves the foreign key when a study session is deleted, and the
-- revoke when a study closes.
CREATE INDEX "assignments_by_study_session" ON "assignments"("study_session_id") WHERE "study_session_id" IS NOT NULL;

-- Accounts made by study links before this migration are known by their Auth.js account.
UPDATE "users" u SET "platform" = CASE a."provider" WHEN 'prolific' THEN 'PROLIFIC'::"CrowdPlatform" ELSE 'MTURK'::"CrowdPlatform" END
FROM "accounts" a
WHERE a."user_id" = u."id" AND a."provider" IN ('prolific', 'mturk');

-- The sessions of studies already closed are over.
UPDATE "study_sessions" v SET "ended_at" = s."closed_at"
FROM "studies" s
WHERE s."id" = v."study_id" AND s."closed_at" IS NOT NULL;
