-- Exports can span several projects, run as background jobs writing a file, and carry a manifest.

-- The status enum gains QUEUED and EXPIRED. Recreated rather than extended: a value added with
-- ALTER TYPE ... ADD VALUE cannot be used (as the new default) in the same transaction.
ALTER TYPE "ExportStatus" RENAME TO "ExportStatus_old";
CREATE TYPE "ExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETE', 'FAILED', 'EXPIRED');
ALTER TABLE "exports" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "exports" ALTER COLUMN "status" TYPE "ExportStatus" USING ("status"::text::"ExportStatus");
ALTER TABLE "exports" ALTER COLUMN "status" SET DEFAULT 'QUEUED';
DROP TYPE "ExportStatus_old";

-- DropForeignKey
ALTER TABLE "exports" DROP CONSTRAINT "exports_project_id_fkey";

-- DropIndex
DROP INDEX "exports_project_id_created_at_idx";

-- AlterTable
ALTER TABLE "exports" DROP COLUMN "project_id",
ADD COLUMN     "delivery" TEXT NOT NULL DEFAULT 'stream',
ADD COLUMN     "expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "file_type" TEXT NOT NULL DEFAULT 'jsonl',
ADD COLUMN     "judgments_read" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "judgments_total" INTEGER,
ADD COLUMN     "manifest" JSONB,
ADD COLUMN     "started_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "exports_created_at_idx" ON "exports"("created_at");

-- CreateIndex
CREATE INDEX "exports_status_expires_at_idx" ON "exports"("status", "expires_at");
