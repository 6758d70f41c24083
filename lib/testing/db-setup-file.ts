// Runs in each db test worker before its tests: points the app's data layer at the run's database.
import { afterAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/prisma";

process.env.DATABASE_URL = inject("databaseUrl");

afterAll(async () => {
  await disconnectDb();
});
