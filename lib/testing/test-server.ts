// Where tests make their databases: TEST_DATABASE_URL, else the PostgreSQL at 127.0.0.1:5432,
// else an embedded one (started by the test runner, which passes its address on).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { databaseUrl, ensureDatabase, migrateDatabase, withServerClient } from "@/lib/runner/database-setup";

export const DEFAULT_TEST_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";
// Databases the tests and benchmarks make for themselves; nothing else is ever created or dropped.
const OWN_DATABASE_PREFIXES = ["preflab_test_", "preflab_bench_"];

export function configuredTestServer(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_SERVER;
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function newTestDatabaseName(purpose: string, prefix = OWN_DATABASE_PREFIXES[0]): string {
  return `${prefix}${purpose}_${randomBytes(4).toString("hex")}`;
}

export function newBenchDatabaseName(purpose: string): string {
  return newTestDatabaseName(purpose, OWN_DATABASE_PREFIXES[1]);
}

/** Creates and migrates a fresh database for one test run. */
export async function createTestDatabase(serverUrl: string, name: string): Promise<string> {
  assertTestDatabaseName(name);
  await ensureDatabase(serverUrl, name);
  const url = databaseUrl(serverUrl, name);
  await migrateDatabase(url, { quiet: true });
  return url;
}

/** Drops a database this run created; refuses any name the tests did not make. */
export async function dropTestDatabase(serverUrl: string, name: string): Promise<void> {
  assertTestDatabaseName(name);
  await withServerClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

function assertTestDatabaseName(name: string) {
  if (!OWN_DATABASE_PREFIXES.some((prefix) => name.startsWith(prefix)) || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Refusing to touch database "${name}": tests only create and drop ${OWN_DATABASE_PREFIXES.join(", ")}* databases`);
  }
}
