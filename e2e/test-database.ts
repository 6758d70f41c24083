// The e2e run's database, for seeding and for asserting on what the app stored.
import { createPrismaClient, type Database } from "@/lib/db/connection";
import { databaseUrl } from "@/lib/runner/database-setup";
import { configuredTestServer } from "@/lib/testing/test-server";

export function e2eDatabaseUrl(): string {
  const name = process.env.PREFLAB_E2E_DATABASE_NAME;
  if (!name) throw new Error("PREFLAB_E2E_DATABASE_NAME is set by playwright.config.ts");
  return databaseUrl(configuredTestServer(), name);
}

let client: Database | undefined;

export function e2eDb(): Database {
  client ??= createPrismaClient(e2eDatabaseUrl(), 4);
  return client;
}
