// Several app processes starting at once on a database the queue has never seen (`npm start --processes
// N`, a deploy restarting every machine together): each sets up pg-boss's schema and creates the queues.
// Run side by side, two first creations of a queue deadlock in PostgreSQL; the setup is serialised.
import type PgBoss from "pg-boss";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUES, startQueue } from "@/lib/jobs/queue";
import { configuredTestServer, createTestDatabase, dropTestDatabase, newTestDatabaseName } from "@/lib/testing/test-server";

const PROCESSES = 6;
// Its own database: the run's shared one may already hold the queue's schema, which hides the race.
const name = newTestDatabaseName("queue_setup");
let url: string;

beforeAll(async () => {
  url = await createTestDatabase(configuredTestServer(), name);
});

afterAll(async () => {
  await dropTestDatabase(configuredTestServer(), name);
});

async function queueRows(): Promise<{ name: string; partitions: number }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; partitions: number }>(
      `SELECT q.name, (SELECT count(*)::int FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relname = q.partition_name) AS partitions
       FROM pgboss.queue q WHERE q.name = ANY($1) ORDER BY q.name`,
      [Object.values(QUEUES)],
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe("the job queue's setup", () => {
  it(`succeeds in ${PROCESSES} processes starting at once on a fresh database, each queue made once`, async () => {
    const started = await Promise.allSettled(Array.from({ length: PROCESSES }, () => startQueue(url)));
    const bosses = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    await Promise.all(bosses.map((boss: PgBoss) => boss.stop({ graceful: false, wait: true })));

    const failures = started.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
    expect(failures).toEqual([]);
    const expected = Object.values(QUEUES)
      .sort()
      .map((queue) => ({ name: queue, partitions: 1 }));
    expect(await queueRows()).toEqual(expected);
  });
});
