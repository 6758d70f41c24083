-- Audit events get the order they were recorded in: several can share a millisecond of created_at.
DROP INDEX "audit_events_action_created_at_idx";

ALTER TABLE "audit_events" ADD COLUMN "seq" BIGSERIAL NOT NULL;

-- Events already stored are numbered by their time, not by where they happen to sit on disk.
UPDATE "audit_events" e SET "seq" = o.n
FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM "audit_events") o
WHERE e.id = o.id;
SELECT setval(pg_get_serial_sequence('audit_events', 'seq'), COALESCE(max("seq"), 0) + 1, false) FROM "audit_events";

CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events"("seq");
CREATE INDEX "audit_events_action_seq_idx" ON "audit_events"("action", "seq");
