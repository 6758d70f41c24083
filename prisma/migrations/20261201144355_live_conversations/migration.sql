-- CreateEnum
CREATE TYPE "PairingRule" AS ENUM ('SAME_MODEL', 'RANDOM_MODELS', 'BALANCED');

-- CreateEnum
CREATE TYPE "ConversationStatus" AS ENUM ('ACTIVE', 'COMPLETED', 'ABANDONED');

-- CreateEnum
CREATE TYPE "SampleStatus" AS ENUM ('PENDING', 'STREAMING', 'COMPLETE', 'FAILED');

-- AlterEnum
ALTER TYPE "JudgmentKind" ADD VALUE 'DIALOGUE';

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "max_turns" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "min_turns" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "pairing_rule" "PairingRule" NOT NULL DEFAULT 'RANDOM_MODELS',
ADD COLUMN     "red_team" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "samples_per_turn" INTEGER NOT NULL DEFAULT 2;

-- CreateTable
CREATE TABLE "model_endpoints" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "builtin" BOOLEAN NOT NULL DEFAULT false,
    "base_url" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "api_key_env" TEXT,
    "api_key_encrypted" TEXT,
    "temperature" DOUBLE PRECISION,
    "top_p" DOUBLE PRECISION,
    "max_tokens" INTEGER,
    "stop" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "seed" INTEGER,
    "system_prompt" TEXT,
    "timeout_seconds" INTEGER NOT NULL DEFAULT 60,
    "max_concurrent" INTEGER NOT NULL DEFAULT 4,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "model_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "endpoint_pair_counts" (
    "project_id" UUID NOT NULL,
    "endpoint_a" UUID NOT NULL,
    "endpoint_b" UUID NOT NULL,
    "turns" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "endpoint_pair_counts_pkey" PRIMARY KEY ("project_id","endpoint_a","endpoint_b")
);

-- CreateTable
CREATE TABLE "project_endpoints" (
    "project_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,

    CONSTRAINT "project_endpoints_pkey" PRIMARY KEY ("project_id","endpoint_id")
);

-- CreateTable
CREATE TABLE "conversations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "project_id" UUID NOT NULL,
    "worker_id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,
    "status" "ConversationStatus" NOT NULL DEFAULT 'ACTIVE',
    "task_description" TEXT,
    "draft" TEXT,
    "draft_saved_at" TIMESTAMPTZ(3),
    "rating" INTEGER,
    "comment" TEXT,
    "turn_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_turns" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversation_id" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "context" JSONB NOT NULL,
    "item_id" UUID,
    "assignment_id" UUID,
    "picked_candidate_id" UUID,
    "reply" TEXT,
    "edit_item_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "conversation_turns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "turn_samples" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "turn_id" UUID NOT NULL,
    "label" INTEGER NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "settings" JSONB NOT NULL,
    "status" "SampleStatus" NOT NULL DEFAULT 'PENDING',
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "text" TEXT NOT NULL DEFAULT '',
    "failure_kind" TEXT,
    "error" TEXT,
    "finish_reason" TEXT,
    "first_token_ms" INTEGER,
    "duration_ms" INTEGER,
    "prompt_tokens" INTEGER,
    "completion_tokens" INTEGER,
    "started_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "candidate_id" UUID,

    CONSTRAINT "turn_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "model_endpoints_name_key" ON "model_endpoints"("name");

-- CreateIndex
CREATE INDEX "conversations_worker_id_project_id_status_idx" ON "conversations"("worker_id", "project_id", "status");

-- CreateIndex
CREATE INDEX "conversations_project_id_created_at_idx" ON "conversations"("project_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_turns_item_id_key" ON "conversation_turns"("item_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_turns_assignment_id_key" ON "conversation_turns"("assignment_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_turns_edit_item_id_key" ON "conversation_turns"("edit_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_turns_conversation_id_index_key" ON "conversation_turns"("conversation_id", "index");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_turns_conversation_id_idempotency_key_key" ON "conversation_turns"("conversation_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "turn_samples_candidate_id_key" ON "turn_samples"("candidate_id");

-- CreateIndex
CREATE INDEX "turn_samples_status_endpoint_id_idx" ON "turn_samples"("status", "endpoint_id");

-- CreateIndex
CREATE UNIQUE INDEX "turn_samples_turn_id_label_key" ON "turn_samples"("turn_id", "label");

-- AddForeignKey
ALTER TABLE "endpoint_pair_counts" ADD CONSTRAINT "endpoint_pair_counts_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_endpoints" ADD CONSTRAINT "project_endpoints_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_endpoints" ADD CONSTRAINT "project_endpoints_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "model_endpoints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_turns" ADD CONSTRAINT "conversation_turns_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "turn_samples" ADD CONSTRAINT "turn_samples_turn_id_fkey" FOREIGN KEY ("turn_id") REFERENCES "conversation_turns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "turn_samples" ADD CONSTRAINT "turn_samples_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "model_endpoints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One conversation in progress per worker and project: a second tab or a retried start finds it.
CREATE UNIQUE INDEX "conversations_one_active_per_worker" ON "conversations"("worker_id", "project_id") WHERE "status" = 'ACTIVE';
