// Streamed exports against clients that read a few bytes and stop: past EXPORT_MAX_STREAMS they are
// refused, the ones taken never touch the connections claims and submits use, and each is given up
// after EXPORT_STALL_TIMEOUT_SECONDS with its transaction ended and its connection back in the pool.
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { claimTask } from "@/lib/data/claim-task";
import { streamExport, type StreamedExport } from "@/lib/data/exports";
import { recordJudgment } from "@/lib/data/submit-judgment";
import type { Actor } from "@/lib/data/users";
import { db, disconnectDb, EXPORT_APPLICATION_NAME, exportPool, pool } from "@/lib/db/prisma";
import type { FileType } from "@/lib/exports/export-options";
import { streamsSending } from "@/lib/exports/stream-slots";
import { createLargeExportProject } from "@/lib/testing/export-fixture";
import { createTestProject, createTestUser, createTestUsers } from "@/lib/testing/factories";
import { createItemsRecord } from "@/prisma/factories";

const MAX_STREAMS = 3;
const ATTEMPTS = 20;
const STALLED = "the export's reader took nothing for 1 seconds, so the export was given up";

let researcher: Actor;
let exportSlug: string;

beforeAll(async () => {
  vi.stubEnv("EXPORT_MAX_STREAMS", String(MAX_STREAMS));
  vi.stubEnv("EXPORT_STALL_TIMEOUT_SECONDS", "1");
  // Fewer app connections than slow downloads: a download holding one of them would starve the claims.
  vi.stubEnv("DATABASE_POOL_SIZE", "2");
  await disconnectDb();
  researcher = await createTestUser("RESEARCHER");
  ({ slug: exportSlug } = await createLargeExportProject({ slug: "streams-slow", items: 150, textChars: 4_000 }));
  // Text gzip cannot shrink to nothing, so a jsonl.gz download is megabytes too.
  await pool().query(
    `UPDATE candidates c SET text = (SELECT string_agg(md5(c.id::text || g), '') FROM generate_series(1, 120) AS g)
     WHERE c.item_id IN (SELECT i.id FROM items i JOIN projects p ON p.id = i.project_id WHERE p.slug = $1)`,
    [exportSlug],
  );
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await disconnectDb();
});

/** A client that takes the first chunk of the download and then reads no more, without hanging up. */
function readFirstChunkThenStop(body: Readable): Promise<void> {
  body.on("error", () => undefined);
  return new Promise((resolve) =>
    body.once("data", () => {
      body.pause();
      resolve();
    }),
  );
}

type Session = { state: string; holds_snapshot: boolean };

async function exportSessions(): Promise<Session[]> {
  const { rows } = await pool().query<Session>(
    `SELECT state, backend_xmin IS NOT NULL AS holds_snapshot FROM pg_stat_activity
     WHERE datname = current_database() AND application_name = $1 ORDER BY state`,
    [EXPORT_APPLICATION_NAME],
  );
  return rows;
}

async function claimAndSubmit(projectSlug: string, workers: { id: string }[]) {
  for (const [n, worker] of workers.entries()) {
    const assignmentId = await claimTask(pool(), { workerId: worker.id, projectSlug });
    expect(assignmentId).toEqual(expect.any(String));
    await recordJudgment(pool(), { workerId: worker.id, assignmentId: assignmentId!, answer: { strength: 2, idempotencyKey: `streams-${n}` } });
  }
}

describe("many slow readers of streamed exports", () => {
  it("are capped, leave claims and submits their connections, and are each given up with the connection released", async () => {
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const recordsBefore = await db().export.count();
    const fileTypes: FileType[] = ["jsonl", "jsonl.gz", "csv"];
    const requests = Array.from({ length: ATTEMPTS }, (_, n) =>
      streamExport({ actor: researcher, input: { format: "trl", fileType: fileTypes[n % fileTypes.length], projects: [exportSlug] } }),
    );
    const settled = await Promise.allSettled(requests);
    const taken = settled.filter((result) => result.status === "fulfilled").map((result) => (result as PromiseFulfilledResult<StreamedExport>).value);
    const refused = settled.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason);
    expect(taken).toHaveLength(MAX_STREAMS);
    expect(refused).toHaveLength(ATTEMPTS - MAX_STREAMS);
    for (const error of refused) expect(error).toMatchObject({ code: "BUSY", status: 503, retryAfterSeconds: 30 });
    // A refused request records nothing.
    expect(await db().export.count()).toBe(recordsBefore + MAX_STREAMS);

    for (const stream of taken) stream.finished.catch(() => undefined);
    await Promise.all(taken.map((stream) => readFirstChunkThenStop(stream.body)));
    // Each stalled download holds an export connection in a transaction, with its snapshot...
    await vi.waitFor(async () => expect(await exportSessions()).toEqual(Array(MAX_STREAMS).fill({ state: "idle in transaction", holds_snapshot: true })), {
      timeout: 10_000,
      interval: 50,
    });
    // ...and none of the app's: workers claim and submit meanwhile.
    const project = await createTestProject({ judgmentsPerItem: 1 });
    await createItemsRecord(db(), { projectId: project.id, count: 6 });
    await claimAndSubmit(project.slug, await createTestUsers(6));
    expect(await db().judgment.count({ where: { projectId: project.id } })).toBe(6);

    const records = await Promise.all(taken.map((stream) => waitForEnd(stream.exportId)));
    expect(records).toEqual(Array(MAX_STREAMS).fill({ status: "FAILED", error: STALLED }));
    for (const stream of taken) {
      await expect(stream.finished).rejects.toThrow(STALLED);
      expect(stream.body.destroyed).toBe(true);
      expect((stream.body as Readable & { errored: Error | null }).errored?.message).toBe(STALLED);
    }
    // The transactions are over and the connections back in the export pool, idle, holding no snapshot.
    await vi.waitFor(async () => expect(streamsSending()).toBe(0));
    expect((await exportSessions()).filter((session) => session.state !== "idle" || session.holds_snapshot)).toEqual([]);
    expect({ idle: exportPool().idleCount, waiting: exportPool().waitingCount }).toEqual({ idle: exportPool().totalCount, waiting: 0 });
    // A client that stops reading is no fault of the server: a warning each, no error.
    expect(warned.mock.calls.map(([line]) => line).sort()).toEqual(taken.map((stream) => `[exports] streamed export ${stream.exportId}: ${STALLED}`).sort());
    warned.mockRestore();
  });

  it("leave room for the next download once given up, which is read to the end", async () => {
    const stream = await streamExport({ actor: researcher, input: { format: "trl", projects: [exportSlug] } });
    let bytes = 0;
    for await (const chunk of stream.body) bytes += (chunk as Buffer).length;
    const manifest = await stream.finished;
    expect(bytes).toBe(manifest.file!.bytes);
    expect(await db().export.findUniqueOrThrow({ where: { id: stream.exportId }, select: { status: true } })).toEqual({ status: "COMPLETE" });
  });
});

async function waitForEnd(exportId: string) {
  let record: { status: string; error: string | null } | null = null;
  await vi.waitFor(
    async () => {
      record = await db().export.findUniqueOrThrow({ where: { id: exportId }, select: { status: true, error: true } });
      expect(record.status).not.toBe("RUNNING");
    },
    { timeout: 15_000, interval: 100 },
  );
  return record!;
}
