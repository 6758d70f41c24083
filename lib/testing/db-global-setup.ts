// Vitest global setup for *.db.test.ts: one fresh, migrated database for the run, dropped after.
import type { TestProject } from "vitest/node";
import { configuredTestServer, createTestDatabase, dropTestDatabase, newTestDatabaseName } from "@/lib/testing/test-server";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = configuredTestServer();
  const name = newTestDatabaseName("db");
  const url = await createTestDatabase(server, name);
  project.provide("databaseUrl", url);
  return async () => {
    await dropTestDatabase(server, name);
  };
}
