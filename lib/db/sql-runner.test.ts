import type pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rollbackAndRelease } from "@/lib/db/sql-runner";

afterEach(() => vi.restoreAllMocks());

function fakeClient(rollback: () => Promise<unknown>) {
  const client = { query: vi.fn(rollback), release: vi.fn() };
  return client as typeof client & pg.PoolClient;
}

describe("rollbackAndRelease", () => {
  it("rolls back and hands the connection back to the pool", async () => {
    const client = fakeClient(async () => ({ rows: [] }));
    await rollbackAndRelease(client);
    expect(client.query).toHaveBeenCalledWith("ROLLBACK");
    expect(client.release).toHaveBeenCalledWith();
  });

  it("does not throw when the ROLLBACK fails, so the caller's error stands: it logs, and the connection is closed, not reused", async () => {
    const lost = new Error("Connection terminated unexpectedly");
    const client = fakeClient(async () => Promise.reject(lost));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(rollbackAndRelease(client)).resolves.toBeUndefined();
    expect(logged).toHaveBeenCalledWith("[db] ROLLBACK failed, so the connection is closed: Connection terminated unexpectedly");
    // pg's release(error) destroys the connection instead of returning it to the pool.
    expect(client.release).toHaveBeenCalledWith(lost);
  });
});
