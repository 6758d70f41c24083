-- A heartbeat and an attempt count on each export, so exports left RUNNING by a process that stopped are
-- found and run again (or failed after a few attempts).
ALTER TABLE "exports" ADD COLUMN "heartbeat_at" TIMESTAMPTZ(3),
ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
