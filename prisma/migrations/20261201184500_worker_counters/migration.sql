-- Counters the worker's pages read instead of counting a project's items on every view:
--   batch_open_counts      the items of a batch still short of k judgments, in slots (below);
--   worker_excluded_items  the pairs (worker, open item) the worker may no longer take: judged or skipped;
--   worker_batch_counts    how many of those each worker has per batch;
--   worker_day_counts      each worker's judgments and time per project and UTC day.
-- "Open to a worker" is then a batch's open items less the worker's excluded ones, summed over the
-- project's active batches: a few rows, whatever the project's size. Batch state needs no upkeep, since
-- the active batches are chosen when the counters are read.
--
-- Triggers keep them, in the transaction of every change to items, judgments and skips, whatever
-- writes it: imports, claims and submits, live conversations, review batches, settings (k), seeds.
-- The excluded pairs are stored rather than counted as deltas because one statement can both add a
-- judgment and complete its item (the submit does): every trigger then recomputes the pairs it
-- touches from the current rows, and the stored pairs say what was already counted, so the order
-- in which the triggers run does not matter.

CREATE TABLE "batch_open_counts" (
    "batch_id" UUID NOT NULL,
    "slot" SMALLINT NOT NULL,
    "open_items" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "batch_open_counts_pkey" PRIMARY KEY ("batch_id","slot")
);

CREATE TABLE "worker_excluded_items" (
    "worker_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,

    CONSTRAINT "worker_excluded_items_pkey" PRIMARY KEY ("worker_id","item_id")
);

CREATE TABLE "worker_batch_counts" (
    "worker_id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,
    "excluded_items" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "worker_batch_counts_pkey" PRIMARY KEY ("worker_id","batch_id")
);

CREATE TABLE "worker_day_counts" (
    "worker_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "judgments" INTEGER NOT NULL DEFAULT 0,
    "time_spent_ms" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "worker_day_counts_pkey" PRIMARY KEY ("worker_id","project_id","day")
);

-- No foreign key to batches: its check would share-lock the batch row, and closing a batch locks that
-- row FOR UPDATE before it revokes leases, so a submit (holding its lease) and a close could deadlock.
-- The batches' own trigger (below) removes their counters instead.
CREATE INDEX "worker_excluded_items_item_id_idx" ON "worker_excluded_items"("item_id");
CREATE INDEX "worker_batch_counts_batch_id_idx" ON "worker_batch_counts"("batch_id");
CREATE INDEX "worker_day_counts_project_id_idx" ON "worker_day_counts"("project_id");

ALTER TABLE "worker_excluded_items" ADD CONSTRAINT "worker_excluded_items_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "worker_excluded_items" ADD CONSTRAINT "worker_excluded_items_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "worker_batch_counts" ADD CONSTRAINT "worker_batch_counts_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "worker_day_counts" ADD CONSTRAINT "worker_day_counts_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "worker_day_counts" ADD CONSTRAINT "worker_day_counts_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill, before the triggers exist. Migrations run with the app stopped.
INSERT INTO "batch_open_counts" ("batch_id", "slot", "open_items")
SELECT "batch_id", 0, count(*) FILTER (WHERE NOT "is_complete") FROM "items" GROUP BY "batch_id";

INSERT INTO "worker_excluded_items" ("worker_id", "item_id", "batch_id")
SELECT t."worker_id", t."item_id", i."batch_id"
FROM (SELECT "worker_id", "item_id" FROM "judgments" UNION SELECT "worker_id", "item_id" FROM "assignments" WHERE "status" = 'RELEASED') t
JOIN "items" i ON i."id" = t."item_id"
WHERE NOT i."is_complete";

INSERT INTO "worker_batch_counts" ("worker_id", "batch_id", "excluded_items")
SELECT "worker_id", "batch_id", count(*) FROM "worker_excluded_items" GROUP BY "worker_id", "batch_id";

INSERT INTO "worker_day_counts" ("worker_id", "project_id", "day", "judgments", "time_spent_ms")
SELECT "worker_id", "project_id", ("created_at" AT TIME ZONE 'UTC')::date, count(*), sum("time_spent_ms")
FROM "judgments" GROUP BY 1, 2, 3;

-- A batch's open count is spread over 16 rows, one chosen per transaction: completions committing at
-- the same time in one batch then rarely wait for each other's row lock. Readers sum the slots.
CREATE FUNCTION counter_slot() RETURNS smallint LANGUAGE sql VOLATILE AS $$
  SELECT (txid_current() % 16)::smallint
$$;

-- Adds (or removes, with negative counts) open items to batches, in batch order so that two
-- transactions take the rows' locks in the same order. Batches deleted in this transaction are left
-- out: their counters go with them. PL/pgSQL rather than SQL functions here and below: their plans
-- are kept for the session, where a SQL function is planned again on every call.
CREATE FUNCTION add_batch_open_items(batch_ids uuid[], deltas bigint[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF batch_ids IS NULL THEN RETURN; END IF;
  INSERT INTO batch_open_counts (batch_id, slot, open_items)
  SELECT d.batch_id, counter_slot(), sum(d.delta)
  FROM unnest(batch_ids, deltas) AS d(batch_id, delta)
  WHERE EXISTS (SELECT 1 FROM batches b WHERE b.id = d.batch_id)
  GROUP BY d.batch_id HAVING sum(d.delta) <> 0
  ORDER BY d.batch_id
  ON CONFLICT (batch_id, slot) DO UPDATE SET open_items = batch_open_counts.open_items + EXCLUDED.open_items;
END $$;

-- Recomputes whether each (worker, item) pair is an excluded open item and stores the difference.
-- The items are locked first (and stay locked until commit) so that a skip and the completion of the
-- same item, in two transactions, see each other: the later one recomputes after the earlier commits.
-- Most calls (a judgment that completes its item) find nothing to store and write nothing.
CREATE FUNCTION sync_worker_exclusions(pair_workers uuid[], pair_items uuid[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  wanted_workers uuid[];
  wanted_items uuid[];
  wanted_batches uuid[];
BEGIN
  IF COALESCE(cardinality(pair_items), 0) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM items WHERE id = ANY(pair_items) ORDER BY id FOR NO KEY UPDATE;
  SELECT array_agg(p.worker_id), array_agg(p.item_id), array_agg(i.batch_id) INTO wanted_workers, wanted_items, wanted_batches
  FROM (SELECT DISTINCT worker_id, item_id FROM unnest(pair_workers, pair_items) AS u(worker_id, item_id)) p
  JOIN items i ON i.id = p.item_id
  WHERE NOT i.is_complete
    AND (EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = p.item_id AND j.worker_id = p.worker_id)
         OR EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = p.item_id AND a.worker_id = p.worker_id AND a.status = 'RELEASED'));
  IF EXISTS (SELECT 1 FROM worker_excluded_items x JOIN unnest(pair_workers, pair_items) AS p(worker_id, item_id)
             ON x.worker_id = p.worker_id AND x.item_id = p.item_id) THEN
    DELETE FROM worker_excluded_items x USING unnest(pair_workers, pair_items) AS p(worker_id, item_id)
    WHERE x.worker_id = p.worker_id AND x.item_id = p.item_id
      AND NOT EXISTS (SELECT 1 FROM unnest(wanted_workers, wanted_items) AS w(worker_id, item_id)
                      WHERE w.worker_id = p.worker_id AND w.item_id = p.item_id);
  END IF;
  IF wanted_items IS NOT NULL THEN
    INSERT INTO worker_excluded_items (worker_id, item_id, batch_id)
    SELECT * FROM unnest(wanted_workers, wanted_items, wanted_batches) ORDER BY 1, 2
    ON CONFLICT (worker_id, item_id) DO NOTHING;
  END IF;
END $$;

-- worker_batch_counts follows worker_excluded_items, whoever changes it (including cascades).
CREATE FUNCTION count_added_exclusions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO worker_batch_counts (worker_id, batch_id, excluded_items)
  SELECT worker_id, batch_id, count(*) FROM added GROUP BY worker_id, batch_id ORDER BY worker_id, batch_id
  ON CONFLICT (worker_id, batch_id) DO UPDATE SET excluded_items = worker_batch_counts.excluded_items + EXCLUDED.excluded_items;
  RETURN NULL;
END $$;

CREATE FUNCTION count_removed_exclusions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Locked in key order first: an UPDATE ... FROM takes its locks in no set order.
  PERFORM 1 FROM worker_batch_counts c
  WHERE (c.worker_id, c.batch_id) IN (SELECT worker_id, batch_id FROM removed)
  ORDER BY c.worker_id, c.batch_id FOR NO KEY UPDATE;
  UPDATE worker_batch_counts c SET excluded_items = c.excluded_items - r.n
  FROM (SELECT worker_id, batch_id, count(*) AS n FROM removed GROUP BY worker_id, batch_id) r
  WHERE c.worker_id = r.worker_id AND c.batch_id = r.batch_id;
  RETURN NULL;
END $$;

CREATE TRIGGER worker_excluded_items_added AFTER INSERT ON worker_excluded_items
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_added_exclusions();
CREATE TRIGGER worker_excluded_items_removed AFTER DELETE ON worker_excluded_items
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_removed_exclusions();

-- Items: imported (open unless k is already met), completed or reopened (a judgment, a new k), deleted.
CREATE FUNCTION count_inserted_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM add_batch_open_items(array_agg(batch_id), array_agg(n))
  FROM (SELECT batch_id, count(*) AS n FROM new_items WHERE NOT is_complete GROUP BY batch_id) opened;
  RETURN NULL;
END $$;

-- Runs for every UPDATE of items, so it leaves at once unless an item was completed, reopened or
-- moved. A completed item excludes no one any more (the common case: a judgment reaching k); a
-- reopened or moved one has everyone who judged or skipped it recomputed.
CREATE FUNCTION count_updated_items() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  completed uuid[];
  recheck uuid[];
  batch_ids uuid[];
  deltas bigint[];
  workers uuid[];
  touched uuid[];
BEGIN
  SELECT array_agg(n.id) FILTER (WHERE n.is_complete AND NOT o.is_complete),
         array_agg(n.id) FILTER (WHERE NOT n.is_complete OR n.batch_id <> o.batch_id),
         array_agg(n.batch_id) || array_agg(o.batch_id),
         array_agg(CASE WHEN n.is_complete THEN 0 ELSE 1 END::bigint) || array_agg(CASE WHEN o.is_complete THEN 0 ELSE -1 END::bigint)
  INTO completed, recheck, batch_ids, deltas
  FROM new_items n JOIN old_items o ON o.id = n.id
  WHERE n.is_complete <> o.is_complete OR n.batch_id <> o.batch_id;
  IF batch_ids IS NULL THEN RETURN NULL; END IF;
  -- The rows are locked by this UPDATE, so a concurrent skip of them waits and then sees them complete.
  IF completed IS NOT NULL AND EXISTS (SELECT 1 FROM worker_excluded_items WHERE item_id = ANY(completed)) THEN
    DELETE FROM worker_excluded_items WHERE item_id = ANY(completed);
  END IF;
  IF recheck IS NOT NULL THEN
    SELECT array_agg(t.worker_id), array_agg(t.item_id) INTO workers, touched
    FROM (SELECT worker_id, item_id FROM judgments WHERE item_id = ANY(recheck)
          UNION SELECT worker_id, item_id FROM assignments WHERE item_id = ANY(recheck) AND status = 'RELEASED'
          UNION SELECT worker_id, item_id FROM worker_excluded_items WHERE item_id = ANY(recheck)) t;
    PERFORM sync_worker_exclusions(workers, touched);
  END IF;
  PERFORM add_batch_open_items(batch_ids, deltas);
  RETURN NULL;
END $$;

CREATE FUNCTION count_deleted_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM add_batch_open_items(array_agg(batch_id), array_agg(-n))
  FROM (SELECT batch_id, count(*) AS n FROM old_items WHERE NOT is_complete GROUP BY batch_id) closed;
  RETURN NULL;
END $$;

CREATE TRIGGER items_counted_insert AFTER INSERT ON items
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION count_inserted_items();
CREATE TRIGGER items_counted_update AFTER UPDATE ON items
  REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION count_updated_items();
CREATE TRIGGER items_counted_delete AFTER DELETE ON items
  REFERENCING OLD TABLE AS old_items FOR EACH STATEMENT EXECUTE FUNCTION count_deleted_items();

-- Judgments: the day counts (added, removed, or moved by a changed time), and the judged pairs.
CREATE FUNCTION add_worker_days(rows_worker uuid[], rows_project uuid[], rows_day date[], rows_judgments bigint[], rows_ms bigint[]) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF rows_worker IS NULL THEN RETURN; END IF;
  INSERT INTO worker_day_counts (worker_id, project_id, day, judgments, time_spent_ms)
  SELECT d.worker_id, d.project_id, d.day, sum(d.judgments), sum(d.ms)
  FROM unnest(rows_worker, rows_project, rows_day, rows_judgments, rows_ms) AS d(worker_id, project_id, day, judgments, ms)
  WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = d.worker_id) AND EXISTS (SELECT 1 FROM projects p WHERE p.id = d.project_id)
  GROUP BY 1, 2, 3 HAVING sum(d.judgments) <> 0 OR sum(d.ms) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (worker_id, project_id, day) DO UPDATE
    SET judgments = worker_day_counts.judgments + EXCLUDED.judgments, time_spent_ms = worker_day_counts.time_spent_ms + EXCLUDED.time_spent_ms;
END $$;

-- A new judgment excludes its item from the worker only while the item is open; one that completed
-- its item in the same statement (the submit) is left to the items trigger, which removes every
-- exclusion of a completed item. Judgments are inserted under their item's lock (the submit updates
-- the item in the same statement), so the item read here is current.
CREATE FUNCTION count_inserted_judgments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  workers uuid[];
  judged uuid[];
BEGIN
  PERFORM add_worker_days(array_agg(worker_id), array_agg(project_id), array_agg(day), array_agg(n), array_agg(ms))
  FROM (SELECT worker_id, project_id, (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n, sum(time_spent_ms) AS ms
        FROM new_judgments GROUP BY 1, 2, 3) d;
  SELECT array_agg(n.worker_id), array_agg(n.item_id) INTO workers, judged
  FROM new_judgments n JOIN items i ON i.id = n.item_id
  WHERE NOT i.is_complete OR EXISTS (SELECT 1 FROM worker_excluded_items x WHERE x.worker_id = n.worker_id AND x.item_id = n.item_id);
  PERFORM sync_worker_exclusions(workers, judged);
  RETURN NULL;
END $$;

CREATE FUNCTION count_updated_judgments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  workers uuid[];
  judged uuid[];
BEGIN
  PERFORM add_worker_days(array_agg(worker_id), array_agg(project_id), array_agg(day), array_agg(n), array_agg(ms))
  FROM (SELECT worker_id, project_id, (created_at AT TIME ZONE 'UTC')::date AS day, 1::bigint AS n, time_spent_ms::bigint AS ms FROM new_judgments
        UNION ALL
        SELECT worker_id, project_id, (created_at AT TIME ZONE 'UTC')::date, -1, -time_spent_ms FROM old_judgments) d;
  SELECT array_agg(worker_id), array_agg(item_id) INTO workers, judged
  FROM (SELECT worker_id, item_id FROM new_judgments UNION SELECT worker_id, item_id FROM old_judgments) t;
  PERFORM sync_worker_exclusions(workers, judged);
  RETURN NULL;
END $$;

CREATE FUNCTION count_deleted_judgments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  workers uuid[];
  judged uuid[];
BEGIN
  PERFORM add_worker_days(array_agg(worker_id), array_agg(project_id), array_agg(day), array_agg(-n), array_agg(-ms))
  FROM (SELECT worker_id, project_id, (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n, sum(time_spent_ms) AS ms
        FROM old_judgments GROUP BY 1, 2, 3) d;
  SELECT array_agg(worker_id), array_agg(item_id) INTO workers, judged FROM old_judgments;
  PERFORM sync_worker_exclusions(workers, judged);
  RETURN NULL;
END $$;

CREATE TRIGGER judgments_counted_insert AFTER INSERT ON judgments
  REFERENCING NEW TABLE AS new_judgments FOR EACH STATEMENT EXECUTE FUNCTION count_inserted_judgments();
CREATE TRIGGER judgments_counted_update AFTER UPDATE ON judgments
  REFERENCING OLD TABLE AS old_judgments NEW TABLE AS new_judgments FOR EACH STATEMENT EXECUTE FUNCTION count_updated_judgments();
CREATE TRIGGER judgments_counted_delete AFTER DELETE ON judgments
  REFERENCING OLD TABLE AS old_judgments FOR EACH STATEMENT EXECUTE FUNCTION count_deleted_judgments();

-- Skips: only a change into or out of RELEASED matters, so claims and submits do not run this.
CREATE FUNCTION sync_skipped_pair() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM sync_worker_exclusions(ARRAY[OLD.worker_id], ARRAY[OLD.item_id]);
  ELSE
    PERFORM sync_worker_exclusions(ARRAY[NEW.worker_id], ARRAY[NEW.item_id]);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER assignments_skipped_insert AFTER INSERT ON assignments
  FOR EACH ROW WHEN (NEW.status = 'RELEASED') EXECUTE FUNCTION sync_skipped_pair();
CREATE TRIGGER assignments_skipped_update AFTER UPDATE OF status ON assignments
  FOR EACH ROW WHEN ((OLD.status = 'RELEASED') <> (NEW.status = 'RELEASED')) EXECUTE FUNCTION sync_skipped_pair();
CREATE TRIGGER assignments_skipped_delete AFTER DELETE ON assignments
  FOR EACH ROW WHEN (OLD.status = 'RELEASED') EXECUTE FUNCTION sync_skipped_pair();

-- A deleted batch takes its counters with it (its items and their excluded pairs go by cascade).
CREATE FUNCTION drop_batch_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM batch_open_counts c USING old_batches b WHERE c.batch_id = b.id;
  DELETE FROM worker_batch_counts c USING old_batches b WHERE c.batch_id = b.id;
  RETURN NULL;
END $$;

CREATE TRIGGER batches_counters_delete AFTER DELETE ON batches
  REFERENCING OLD TABLE AS old_batches FOR EACH STATEMENT EXECUTE FUNCTION drop_batch_counters();
