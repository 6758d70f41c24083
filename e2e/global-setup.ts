import { createUserRecord } from "@/prisma/factories";
import { E2E_USERS } from "./users";
import { e2eDb } from "./test-database";

export default async function globalSetup() {
  for (const user of Object.values(E2E_USERS)) await createUserRecord(e2eDb(), user);
  await e2eDb().$disconnect();
}
