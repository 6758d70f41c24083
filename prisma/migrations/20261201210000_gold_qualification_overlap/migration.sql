-- Gold items, attention checks and the qualification's practice set are items with a role; only TASK
-- items fill k and make the dataset. Dynamic overlap asks for judgments beyond k per item.
CREATE TYPE "ItemRole" AS ENUM ('TASK', 'GOLD', 'ATTENTION', 'PRACTICE');

ALTER TABLE "items" ADD COLUMN "role" "ItemRole" NOT NULL DEFAULT 'TASK',
                    ADD COLUMN "extra_judgments" INTEGER NOT NULL DEFAULT 0,
                    ADD COLUMN "reference_note" TEXT;

-- The claim looks up a batch's check items apart from its tasks, which it walks in order.
CREATE INDEX "items_batch_id_role_idx" ON "items"("batch_id", "role") WHERE "role" <> 'TASK';

ALTER TABLE "projects" ADD COLUMN "gold_rate" DOUBLE PRECISION NOT NULL DEFAULT 0,
                       ADD COLUMN "gold_min_answers" INTEGER NOT NULL DEFAULT 10,
                       ADD COLUMN "gold_threshold" DOUBLE PRECISION NOT NULL DEFAULT 0.7,
                       ADD COLUMN "qualification_pass_mark" DOUBLE PRECISION,
                       ADD COLUMN "overlap_max" INTEGER,
                       ADD COLUMN "overlap_disagreement" DOUBLE PRECISION NOT NULL DEFAULT 0.3;

CREATE TABLE "worker_standings" (
    "worker_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "practice_answers" INTEGER NOT NULL DEFAULT 0,
    "practice_correct" INTEGER NOT NULL DEFAULT 0,
    "qualified_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "gold_answers" INTEGER NOT NULL DEFAULT 0,
    "gold_correct" INTEGER NOT NULL DEFAULT 0,
    "paused_at" TIMESTAMPTZ(3),
    "pause_reason" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_standings_pkey" PRIMARY KEY ("worker_id","project_id")
);

CREATE INDEX "worker_standings_project_id_idx" ON "worker_standings"("project_id");

ALTER TABLE "worker_standings" ADD CONSTRAINT "worker_standings_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "worker_standings" ADD CONSTRAINT "worker_standings_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
