import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionFieldsFromUrl, PreflabCliAdapterFactory, unrefLongTimers } from "@/prisma/cli-adapter";
import { configuredTestServer, createTestDatabase, dropTestDatabase, newTestDatabaseName } from "@/lib/testing/test-server";

const server = configuredTestServer();
const name = newTestDatabaseName("cli_adapter");
let url: string;

beforeAll(async () => {
  url = await createTestDatabase(server, name);
});

afterAll(async () => {
  await dropTestDatabase(server, name);
});

function sql(text: string) {
  return { sql: text, args: [], argTypes: [] };
}

async function withAdapter<T>(adapter: SqlDriverAdapter, run: (adapter: SqlDriverAdapter) => Promise<T>): Promise<T> {
  try {
    return await run(adapter);
  } finally {
    await adapter.dispose();
  }
}

async function databaseExists(database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return ((await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

describe("PreflabCliAdapterFactory", () => {
  it('reads "char" and name catalog columns, which the stock adapter refuses', async () => {
    const query = sql("SELECT relkind, relname FROM pg_class LIMIT 1");
    await withAdapter(await new PreflabCliAdapterFactory(url).connect(), async (adapter) => {
      const result = await adapter.queryRaw(query);
      expect(result.columnNames).toEqual(["relkind", "relname"]);
      expect(result.columnTypes).toEqual([ColumnTypeEnum.Character, ColumnTypeEnum.Text]);
      expect(result.rows).toHaveLength(1);
      expect(result.rows[0]).toEqual([expect.stringMatching(/^[a-z]$/), expect.any(String)]);
      const tx = await adapter.startTransaction();
      expect((await tx.queryRaw(query)).columnTypes).toEqual([ColumnTypeEnum.Character, ColumnTypeEnum.Text]);
      await tx.rollback();
    });
    // The stock adapter still refuses them: the fix is needed, and it stays on the CLI's adapters.
    await withAdapter(await new PrismaPg({ connectionString: url }).connect(), async (stock) => {
      await expect(stock.queryRaw(query)).rejects.toMatchObject({ cause: { kind: "UnsupportedNativeDataType" } });
    });
  });

  it("keeps every setting of the connection URL", () => {
    const fields = connectionFieldsFromUrl("postgresql://u:p%40ss@db.example:6543/main?sslmode=verify-full&application_name=preflab");
    expect(fields).toMatchObject({ user: "u", password: "p@ss", host: "db.example", port: 6543, database: "main", application_name: "preflab" });
    expect(fields.ssl).toBeTruthy();
  });

  it("gives the shadow database its own name, and drops it on dispose", async () => {
    const shadow = await new PreflabCliAdapterFactory(url).connectToShadowDb();
    let shadowName: string;
    try {
      const result = await shadow.queryRaw(sql("SELECT current_database()"));
      shadowName = result.rows[0][0] as string;
      expect(shadowName).not.toBe(name);
      expect(await databaseExists(shadowName)).toBe(true);
    } finally {
      await shadow.dispose();
    }
    expect(await databaseExists(shadowName)).toBe(false);
  });

  it("runs a script whole, so $$ bodies and ';' literals survive", async () => {
    const script = `
      CREATE FUNCTION cli_adapter_join(a text, b text) RETURNS text LANGUAGE plpgsql AS $$
      DECLARE separator text := ';';
      BEGIN
        RETURN a || separator || b;
      END;
      $$;
      COMMENT ON FUNCTION cli_adapter_join(text, text) IS 'joins with ;';`;
    await withAdapter(await new PrismaPg({ connectionString: url }).connect(), async (stock) => {
      await expect(stock.executeScript(script)).rejects.toThrow();
    });
    await withAdapter(await new PreflabCliAdapterFactory(url).connect(), async (adapter) => {
      await adapter.executeScript(script);
      const result = await adapter.queryRaw(
        sql("SELECT cli_adapter_join('x', 'y') AS joined, obj_description('cli_adapter_join(text, text)'::regprocedure) AS comment"),
      );
      expect(result.rows).toEqual([["x;y", "joins with ;"]]);
    });
  });
});

describe("unrefLongTimers", () => {
  it("lets long timers, and only those, end the process", () => {
    const original = globalThis.setTimeout;
    try {
      unrefLongTimers();
      const long = globalThis.setTimeout(() => undefined, 10_000) as unknown as NodeJS.Timeout;
      const short = globalThis.setTimeout(() => undefined, 100) as unknown as NodeJS.Timeout;
      clearTimeout(long);
      clearTimeout(short);
      expect(long.hasRef()).toBe(false);
      expect(short.hasRef()).toBe(true);
    } finally {
      globalThis.setTimeout = original;
    }
  });
});
