// The database a command uses when DATABASE_URL is unset: the embedded one `npm start` keeps in
// .preflab/postgres, reused if a server is already running on it, else started for this command.
import path from "node:path";
import { env } from "@/lib/env";
import { databaseUrl, ensureDatabase, migrateDatabase } from "@/lib/runner/database-setup";
import { findRunningEmbeddedPostgres, startEmbeddedPostgres } from "@/lib/runner/embedded-postgres";
import { projectRoot } from "@/lib/project-root";

export const LOCAL_DATABASE = "preflab";
export const LOCAL_POSTGRES_PORT = 54329;

export function localDataDir(): string {
  return path.join(projectRoot(), ".preflab", "postgres");
}

export type LocalDatabase = { url: string; created: boolean; stop: () => Promise<void> };

/** Starts (or joins) the embedded server, creates the database if needed and applies migrations. */
export async function openLocalDatabase({ log }: { log?: (line: string) => void } = {}): Promise<LocalDatabase> {
  const running = findRunningEmbeddedPostgres(localDataDir());
  const server = running
    ? { ...running, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: localDataDir(), preferredPort: LOCAL_POSTGRES_PORT, log });
  const created = await ensureDatabase(server.serverUrl, LOCAL_DATABASE);
  const url = databaseUrl(server.serverUrl, LOCAL_DATABASE);
  await migrateDatabase(url, { quiet: true });
  return { url, created, stop: server.stop };
}

/** For the CLI: point DATABASE_URL at the local database when the user has not set one. */
export async function useLocalDatabaseIfUnset(): Promise<void> {
  if (env().DATABASE_URL) return;
  const local = await openLocalDatabase();
  process.env.DATABASE_URL = local.url;
  process.once("beforeExit", () => void local.stop());
}
