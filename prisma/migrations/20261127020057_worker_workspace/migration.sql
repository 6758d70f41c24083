-- CreateEnum
CREATE TYPE "PairwiseScale" AS ENUM ('EIGHT_POINT', 'SEVEN_POINT', 'BINARY');

-- CreateEnum
CREATE TYPE "RationaleMode" AS ENUM ('OFF', 'OPTIONAL', 'REQUIRED');

-- AlterTable
ALTER TABLE "assignments" ADD COLUMN     "draft" JSONB,
ADD COLUMN     "draft_saved_at" TIMESTAMPTZ(3),
ADD COLUMN     "lease_extensions" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "skip_reason" TEXT;

-- AlterTable
ALTER TABLE "judgments" ADD COLUMN     "both_bad" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "allow_both_bad" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "allow_ties" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "flag_options" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "pairwise_scale" "PairwiseScale" NOT NULL DEFAULT 'EIGHT_POINT',
ADD COLUMN     "rationale_min_length" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "rationale_mode" "RationaleMode" NOT NULL DEFAULT 'OFF';

-- The 7-point scale has a middle "about the same" (0); the 8-point and binary scales never send 0.
ALTER TABLE "judgments" DROP CONSTRAINT "judgments_strength_check";
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_strength_check" CHECK ("strength" IS NULL OR "strength" BETWEEN -4 AND 4);
ALTER TABLE "projects" ADD CONSTRAINT "projects_rationale_min_length_check" CHECK ("rationale_min_length" BETWEEN 0 AND 10000);
