// Test-only helpers on top of prisma/factories: the app's own client and unique names per test.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/prisma";
import { createProjectRecord, createUserRecord } from "@/prisma/factories";
import type { Role } from "@/lib/generated/prisma/enums";

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@test.example`;
}

export async function createTestUser(role: Role = "WORKER") {
  return createUserRecord(db(), { email: uniqueEmail(role.toLowerCase()), role, password: "test-password" });
}

export async function createTestUsers(count: number, role: Role = "WORKER") {
  const users = [];
  for (let i = 0; i < count; i++) users.push(await createTestUser(role));
  return users;
}

export async function createTestProject(options: Parameters<typeof createProjectRecord>[1] = {}) {
  return createProjectRecord(db(), options);
}
